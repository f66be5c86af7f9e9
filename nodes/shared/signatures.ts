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

export type VerifyResult =
	{ valid: true; webhookId?: string; timestamp?: number } | { valid: false; reason: string };

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
	if (now - timestamp > tolerance)
		return invalid(`timestamp older than the ${tolerance} s tolerance`);
	if (timestamp - now > tolerance)
		return invalid(`timestamp more than ${tolerance} s in the future`);
	return undefined;
}

function verifyStandardWebhooks(
	body: Buffer,
	headers: HeaderMap,
	options: SignatureOptions,
): VerifyResult {
	const key = standardWebhooksKey(options.secret);
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

function verifyStripe(body: Buffer, headers: HeaderMap, options: SignatureOptions): VerifyResult {
	const header = singleHeader(headers, 'Stripe-Signature');
	if (header === undefined) return invalid('missing Stripe-Signature header');
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
		return invalid('malformed Stripe-Signature header: needs one numeric t=');
	if (signatures.length === 0) return invalid('no v1 signature in Stripe-Signature header');
	const timestamp = Number(stamps[0]);
	const outside = checkWindow(timestamp, options);
	if (outside) return outside;
	// Stripe's whsec_ secrets are used as-is (UTF-8), unlike Standard Webhooks keys.
	const expected = hmac(options.secret, utf8(`${stamps[0]}.`), body);
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

/** Checks one delivery against its raw body bytes exactly as received. Never throws. */
export function verifySignature(
	rawBody: Buffer | string,
	headers: HeaderMap,
	options: SignatureOptions,
): VerifyResult {
	try {
		if (typeof options.secret !== 'string' || options.secret === '')
			return invalid('no signing secret configured');
		if (typeof headers !== 'object' || headers === null) return invalid('no headers received');
		if (!Buffer.isBuffer(rawBody) && typeof rawBody !== 'string')
			return invalid('no raw body received');
		const body = toBuffer(rawBody);
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
