import { createHmac, timingSafeEqual } from 'crypto';

export type SignatureScheme = 'standardWebhooks' | 'stripe' | 'hmacSha256' | 'sharedSecret';
/** Header names may arrive in any case; an array (a repeated header) is refused for every header read here. */
export type HeaderMap = Record<string, string | string[] | undefined>;

export interface HmacOptions {
	header: string;
	encoding: 'hex' | 'base64';
	prefix?: string;
}

export interface SignatureOptions {
	scheme: SignatureScheme;
	secret: string;
	/** Replay window for schemes that sign a timestamp; default 300 s. */
	toleranceSeconds?: number;
	/** Current unix time in seconds (tests pin it). */
	now?: number;
	hmac?: HmacOptions;
	sharedSecretHeader?: string;
}

/** Automatic verification: any HMAC scheme whose headers the delivery carries (never a plain secret). */
export interface AutoSignatureOptions extends Omit<SignatureOptions, 'scheme' | 'hmac'> {
	scheme: 'auto';
	/** A platform-specific header that may carry the HMAC of the body, besides the usual names. */
	hmacHeader?: string;
}

export type VerifyResult =
	| { valid: true; scheme?: SignatureScheme; webhookId?: string; timestamp?: number }
	| { valid: false; reason: string };

export const SIGNATURE_SCHEMES: ReadonlyArray<{
	name: string;
	value: SignatureScheme;
	description: string;
}> = [
	{
		name: 'Standard Webhooks',
		value: 'standardWebhooks',
		description: 'Webhook-ID, webhook-timestamp and webhook-signature (v1,base64) headers',
	},
	{
		name: 'Stripe-Style Timestamp and HMAC',
		value: 'stripe',
		description: 'One Stripe-Signature header: t=unix time, v1=hex HMAC-SHA256 of "t.body"',
	},
	{
		name: 'HMAC-SHA256 of Body',
		value: 'hmacSha256',
		description:
			'A header holding the HMAC-SHA256 of the raw body (no timestamp, so no replay window)',
	},
	{
		name: 'Shared Secret Header',
		value: 'sharedSecret',
		description:
			'A header that must equal the secret (weakest: anyone who sees one request can forge)',
	},
];

const DEFAULT_TOLERANCE = 300;
const DEFAULT_HMAC: HmacOptions = { header: 'X-Webhook-Signature', encoding: 'hex' };
const DEFAULT_SHARED_SECRET_HEADER = 'X-Webhook-Secret';
// Real signature headers are a few hundred bytes; the cap bounds the work garbage can cause.
const MAX_HEADER_LENGTH = 8192;
const WHSEC = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

type Header = { value: string } | { error: string } | undefined;

const invalid = (reason: string): VerifyResult => ({ valid: false, reason });
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const toBuffer = (body: Buffer | string) => (Buffer.isBuffer(body) ? body : utf8(body));
const nowSeconds = (options: SignatureOptions) => options.now ?? Math.floor(Date.now() / 1000);
const hmac = (key: Buffer | string, ...parts: Buffer[]) =>
	createHmac('sha256', key).update(Buffer.concat(parts)).digest();

/**
 * One header, looked up case-insensitively. Every header read here is single-valued, so an array
 * (a repeated header) or the same name under two spellings is refused rather than guessed at.
 */
function singleHeader(headers: HeaderMap, name: string): Header {
	const wanted = name.toLowerCase();
	const values: unknown[] = [];
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== wanted || value === undefined) continue;
		if (Array.isArray(value))
			return { error: value.length > 1 ? `repeated ${name} header` : `malformed ${name} header` };
		values.push(value);
	}
	if (values.length === 0) return undefined;
	if (values.length > 1) return { error: `repeated ${name} header` };
	const [value] = values;
	if (typeof value !== 'string') return { error: `malformed ${name} header` };
	if (value.length > MAX_HEADER_LENGTH) return { error: `oversized ${name} header` };
	return { value };
}

/**
 * Standard Webhooks secrets are `whsec_` + base64 of the key. A secret without the prefix is
 * used as its UTF-8 bytes, so a plain passphrase shared with a sender also works (the reference
 * libraries would base64-decode it instead). A `whsec_` secret that is not valid base64 yields
 * undefined: a paste error is reported as such rather than as a signature mismatch.
 */
function standardWebhooksKey(secret: string): Buffer | undefined {
	if (!secret.startsWith(WHSEC)) return utf8(secret);
	const encoded = secret.slice(WHSEC.length);
	return encoded.length % 4 === 0 && BASE64.test(encoded)
		? Buffer.from(encoded, 'base64')
		: undefined;
}

/** Bytes of a signature, or undefined unless it is the exact encoding (Buffer.from skips junk). */
function decode(text: string, encoding: 'hex' | 'base64'): Buffer | undefined {
	const bytes = Buffer.from(text, encoding);
	const canonical = encoding === 'hex' ? text.toLowerCase() : text;
	return bytes.length > 0 && bytes.toString(encoding) === canonical ? bytes : undefined;
}

type Match = 'match' | 'mismatch' | 'wrong-length' | 'malformed';

/**
 * Compares one received signature with the expected bytes. timingSafeEqual needs equal lengths,
 * and a length mismatch reveals nothing about the secret, so it is reported as such.
 */
function compare(text: string, encoding: 'hex' | 'base64', expected: Buffer): Match {
	const received = decode(text, encoding);
	if (!received) return 'malformed';
	if (received.length !== expected.length) return 'wrong-length';
	return timingSafeEqual(received, expected) ? 'match' : 'mismatch';
}

/** Any one candidate may match (key rotation); otherwise the most telling failure is reported. */
function compareAny(
	candidates: string[],
	encoding: 'hex' | 'base64',
	expected: Buffer,
): VerifyResult | 'match' {
	const outcomes = candidates.map((candidate) => compare(candidate, encoding, expected));
	if (outcomes.includes('match')) return 'match';
	if (outcomes.includes('mismatch')) return invalid('signature mismatch');
	if (outcomes.includes('wrong-length')) return invalid('wrong-length signature');
	return invalid('malformed signature');
}

const isTimestamp = (text: string) => /^\d{1,12}$/.test(text);

function checkWindow(timestamp: number, options: SignatureOptions): VerifyResult | undefined {
	const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE;
	const now = nowSeconds(options);
	// NaN would make every comparison false and silently switch replay protection off.
	if (!Number.isFinite(tolerance) || tolerance < 0) return invalid('invalid tolerance setting');
	if (!Number.isFinite(now)) return invalid('invalid current time');
	// The age is the sender's clock against ours: it helps find clock skew and says nothing secret.
	if (now - timestamp > tolerance)
		return invalid(`timestamp ${now - timestamp} s old (window ${tolerance} s)`);
	if (timestamp - now > tolerance)
		return invalid(`timestamp ${timestamp - now} s in the future (window ${tolerance} s)`);
	return undefined;
}

function verifyStandardWebhooks(
	body: Buffer,
	headers: HeaderMap,
	options: SignatureOptions,
	givenKey?: Buffer,
): VerifyResult {
	const key = givenKey ?? standardWebhooksKey(options.secret);
	if (!key) return invalid('signing secret starts with whsec_ but the rest is not valid base64');
	const found: Record<string, string> = {};
	for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
		const header = singleHeader(headers, name);
		if (header === undefined) return invalid(`missing ${name} header`);
		if ('error' in header) return invalid(header.error);
		found[name] = header.value;
	}
	const { 'webhook-id': id, 'webhook-timestamp': stamp, 'webhook-signature': signatures } = found;
	if (!isTimestamp(stamp)) return invalid('malformed webhook-timestamp header');
	const timestamp = Number(stamp);
	const outside = checkWindow(timestamp, options);
	if (outside) return outside;
	const expected = hmac(key, utf8(`${id}.${stamp}.`), body);
	const candidates: string[] = [];
	for (const entry of signatures.split(' ')) {
		const comma = entry.indexOf(',');
		// Other versions (e.g. v1a, asymmetric) are skipped, as the specification asks.
		if (comma >= 0 && entry.slice(0, comma) === 'v1') candidates.push(entry.slice(comma + 1));
	}
	if (candidates.length === 0) return invalid('no v1 signature in webhook-signature header');
	const outcome = compareAny(candidates, 'base64', expected);
	return outcome === 'match' ? { valid: true, webhookId: id, timestamp } : outcome;
}

function verifyStripe(
	body: Buffer,
	headers: HeaderMap,
	options: SignatureOptions,
	name = 'Stripe-Signature',
	key: Buffer | string = options.secret,
): VerifyResult {
	const header = singleHeader(headers, name);
	if (header === undefined) return invalid(`missing ${name} header`);
	if ('error' in header) return invalid(header.error);
	const stamps: string[] = [];
	const signatures: string[] = [];
	for (const pair of header.value.split(',')) {
		const equals = pair.indexOf('=');
		const key = pair.slice(0, Math.max(equals, 0)).trim();
		const value = pair.slice(equals + 1).trim();
		if (key === 't') stamps.push(value);
		if (key === 'v1') signatures.push(value);
	}
	if (stamps.length !== 1 || !isTimestamp(stamps[0]))
		return invalid(`malformed ${name} header: needs one numeric t=`);
	if (signatures.length === 0) return invalid(`no v1 signature in ${name} header`);
	const timestamp = Number(stamps[0]);
	const outside = checkWindow(timestamp, options);
	if (outside) return outside;
	// Stripe's whsec_ secrets are used as-is (UTF-8), unlike Standard Webhooks keys.
	const expected = hmac(key, utf8(`${stamps[0]}.`), body);
	const outcome = compareAny(signatures, 'hex', expected);
	return outcome === 'match' ? { valid: true, timestamp } : outcome;
}

function verifyHmac(body: Buffer, headers: HeaderMap, options: SignatureOptions): VerifyResult {
	const { header: name, encoding, prefix = '' } = options.hmac ?? DEFAULT_HMAC;
	const header = singleHeader(headers, name);
	if (header === undefined) return invalid(`missing ${name} header`);
	if ('error' in header) return invalid(header.error);
	if (!header.value.startsWith(prefix)) return invalid(`${name} header lacks the expected prefix`);
	// Only the body is signed, with no timestamp: this scheme has no replay window.
	const outcome = compareAny(
		[header.value.slice(prefix.length).trim()],
		encoding,
		hmac(options.secret, body),
	);
	return outcome === 'match' ? { valid: true } : outcome;
}

function verifySharedSecret(headers: HeaderMap, options: SignatureOptions): VerifyResult {
	const name = options.sharedSecretHeader ?? DEFAULT_SHARED_SECRET_HEADER;
	const header = singleHeader(headers, name);
	if (header === undefined) return invalid(`missing ${name} header`);
	if ('error' in header) return invalid(header.error);
	// Comparing fixed-length digests keeps the comparison constant-time and hides the secret's length.
	const received = hmac('shared-secret', utf8(header.value));
	const expected = hmac('shared-secret', utf8(options.secret));
	return timingSafeEqual(received, expected) ? { valid: true } : invalid('secret mismatch');
}

// Where senders commonly put a bare HMAC-SHA256 of the body (GitHub's with a `sha256=` prefix).
const USUAL_HMAC_HEADERS = ['X-Signature', 'X-Webhook-Signature', 'X-Hub-Signature-256'];
const HMAC_PREFIX = 'sha256=';
// A delivery carries a handful of headers; past this many, garbage is not worth more HMACs.
const MAX_AUTO_ATTEMPTS = 8;
const MAX_NAMES_REPORTED = 30;
const MAX_NAME_LENGTH = 60;
const STANDARD_WEBHOOKS_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'];
const TIMESTAMPED_VALUE = /^\s*t=\d{1,12}\s*,/;

/** Header names only — never values — bounded, for reasons a user may read. */
export function headerNames(headers: HeaderMap): string[] {
	const names = Object.keys(headers).map((name) =>
		name.length > MAX_NAME_LENGTH ? `${name.slice(0, MAX_NAME_LENGTH)}…` : name.toLowerCase(),
	);
	return names.length > MAX_NAMES_REPORTED
		? [...names.slice(0, MAX_NAMES_REPORTED), `… ${names.length - MAX_NAMES_REPORTED} more`]
		: names;
}

/**
 * The keys a secret may stand for: its UTF-8 bytes, and for a `whsec_` secret the key it encodes.
 * Senders differ on this, and trying both forges nothing — each still needs the secret.
 */
function keysOf(secret: string): Buffer[] {
	const decoded = secret.startsWith(WHSEC) ? standardWebhooksKey(secret) : undefined;
	return decoded ? [decoded, utf8(secret)] : [utf8(secret)];
}

/** A bare HMAC of the body, hex or base64, optionally after `sha256=`; any key of the secret. */
function verifyBodyHmac(
	body: Buffer,
	headers: HeaderMap,
	name: string,
	keys: Buffer[],
): VerifyResult {
	const header = singleHeader(headers, name);
	if (header === undefined) return invalid(`missing ${name} header`);
	if ('error' in header) return invalid(header.error);
	const value = header.value.startsWith(HMAC_PREFIX)
		? header.value.slice(HMAC_PREFIX.length)
		: header.value;
	const outcomes = keys.flatMap((key) => {
		const expected = hmac(key, body);
		return [compare(value, 'hex', expected), compare(value, 'base64', expected)];
	});
	if (outcomes.includes('match')) return { valid: true };
	return invalid(outcomes.includes('mismatch') ? 'signature mismatch' : 'malformed signature');
}

interface Attempt {
	label: string;
	/** The scheme a match stands for: the replay memory keys deliveries by it. */
	scheme: SignatureScheme;
	run: () => VerifyResult;
}

/** The schemes a delivery's headers point to, each a bounded amount of work. */
function attemptsFor(body: Buffer, headers: HeaderMap, options: AutoSignatureOptions): Attempt[] {
	const keys = keysOf(options.secret);
	const present = new Map<string, string>();
	for (const name of Object.keys(headers)) present.set(name.toLowerCase(), name);
	const attempts: Attempt[] = [];
	const plain: SignatureOptions = { ...options, scheme: 'standardWebhooks' };
	if (STANDARD_WEBHOOKS_HEADERS.some((name) => present.has(name))) {
		attempts.push({
			label: 'Standard Webhooks',
			scheme: 'standardWebhooks',
			run: () => firstValid(keys.map((key) => verifyStandardWebhooks(body, headers, plain, key))),
		});
	}
	for (const lower of present.keys()) {
		if (!lower.endsWith('-signature') || lower === 'webhook-signature') continue;
		const value = headers[present.get(lower) as string];
		if (
			lower !== 'stripe-signature' &&
			!(typeof value === 'string' && TIMESTAMPED_VALUE.test(value))
		)
			continue;
		attempts.push({
			label: `t=…,v1=… in ${lower}`,
			scheme: 'stripe',
			run: () => firstValid(keys.map((key) => verifyStripe(body, headers, plain, lower, key))),
		});
	}
	const hmacNames = [...USUAL_HMAC_HEADERS, ...(options.hmacHeader ? [options.hmacHeader] : [])];
	for (const name of new Set(hmacNames.map((n) => n.toLowerCase()))) {
		if (!present.has(name) || attempts.some((a) => a.label.endsWith(` in ${name}`))) continue;
		attempts.push({
			label: `HMAC-SHA256 of the body in ${name}`,
			scheme: 'hmacSha256',
			run: () => verifyBodyHmac(body, headers, name, keys),
		});
	}
	return attempts.slice(0, MAX_AUTO_ATTEMPTS);
}

function firstValid(results: VerifyResult[]): VerifyResult {
	return results.find((result) => result.valid) ?? results[0];
}

const MISMATCH = new Set(['signature mismatch', 'wrong-length signature']);

/** Accepted under any HMAC scheme the headers point to; otherwise the reason says what was tried. */
function verifyAuto(body: Buffer, headers: HeaderMap, options: AutoSignatureOptions): VerifyResult {
	const attempts = attemptsFor(body, headers, options);
	if (attempts.length === 0) {
		const seen = headerNames(headers);
		return invalid(
			`no signature header found; headers seen: ${seen.length ? seen.join(', ') : 'none'}`,
		);
	}
	const failures: Array<{ label: string; reason: string }> = [];
	for (const attempt of attempts) {
		const result = attempt.run();
		if (result.valid) return { ...result, scheme: attempt.scheme };
		failures.push({ label: attempt.label, reason: result.reason });
	}
	if (failures.every(({ reason }) => MISMATCH.has(reason)))
		return invalid(
			`no scheme matched the secret (tried: ${failures.map(({ label }) => label).join('; ')})`,
		);
	if (failures.length === 1) return invalid(failures[0].reason);
	return invalid(failures.map(({ label, reason }) => `${label}: ${reason}`).join('; '));
}

/** Checks one delivery against its raw body bytes exactly as received. Never throws. */
export function verifySignature(
	rawBody: Buffer | string,
	headers: HeaderMap,
	options: SignatureOptions | AutoSignatureOptions,
): VerifyResult {
	try {
		if (typeof options.secret !== 'string' || options.secret === '')
			return invalid('no signing secret configured');
		if (typeof headers !== 'object' || headers === null) return invalid('no headers received');
		if (!Buffer.isBuffer(rawBody) && typeof rawBody !== 'string')
			return invalid('no raw body received');
		const body = toBuffer(rawBody);
		if (options.scheme === 'auto') return verifyAuto(body, headers, options);
		switch (options.scheme) {
			case 'standardWebhooks':
				return verifyStandardWebhooks(body, headers, options);
			case 'stripe':
				return verifyStripe(body, headers, options);
			case 'hmacSha256':
				return verifyHmac(body, headers, options);
			case 'sharedSecret':
				return verifySharedSecret(headers, options);
			default:
				return invalid('unknown signature scheme');
		}
	} catch {
		// Inputs come from the network; a surprise must become a rejection, not a crash.
		return invalid('malformed request');
	}
}
