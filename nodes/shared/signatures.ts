import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

export type SignatureScheme = 'standardWebhooks' | 'stripe' | 'hmacSha256' | 'sharedSecret';
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
	| { valid: true; webhookId?: string; timestamp?: number }
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
		description: 'One header holding a timestamp and hex HMAC-SHA256 signatures',
	},
	{
		name: 'HMAC-SHA256 of Body',
		value: 'hmacSha256',
		description: 'A header holding the HMAC-SHA256 of the raw body (no timestamp, so no replay window)',
	},
	{
		name: 'Shared Secret Header',
		value: 'sharedSecret',
		description: 'A header that must equal the secret (weakest: anyone who sees one request can forge)',
	},
];

const DEFAULT_TOLERANCE = 300;
const DEFAULT_HMAC: HmacOptions = { header: 'X-Webhook-Signature', encoding: 'hex' };
const DEFAULT_SHARED_SECRET_HEADER = 'X-Webhook-Secret';
const MAX_HEADER_LENGTH = 8192;
const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const invalid = (reason: string): VerifyResult => ({ valid: false, reason });
const toBuffer = (body: Buffer | string) => (Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'));
const nowSeconds = (options: SignatureOptions) => options.now ?? Math.floor(Date.now() / 1000);

/** One header value, case-insensitively; a repeated single-valued header is refused. */
function singleHeader(headers: HeaderMap, name: string): string | { error: string } | undefined {
	const wanted = name.toLowerCase();
	const values: string[] = [];
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== wanted || value === undefined) continue;
		values.push(...(Array.isArray(value) ? value : [value]));
	}
	if (values.length === 0) return undefined;
	if (values.length > 1) return { error: `repeated ${name} header` };
	if (values[0].length > MAX_HEADER_LENGTH) return { error: `oversized ${name} header` };
	return values[0];
}

/**
 * Standard Webhooks keys are `whsec_` + base64; any other secret is used as its UTF-8 bytes.
 * The base64 must be exact: lenient decoding would let a mistyped trailing character pass.
 */
function standardWebhooksKey(secret: string): Buffer {
	const encoded = secret.slice(6);
	const exact = secret.startsWith('whsec_') && encoded.length % 4 === 0 && BASE64.test(encoded);
	return exact ? Buffer.from(encoded, 'base64') : Buffer.from(secret, 'utf8');
}

function hmac(key: Buffer | string, content: Buffer): Buffer {
	return createHmac('sha256', key).update(content).digest();
}

function decode(text: string, encoding: 'hex' | 'base64'): Buffer | undefined {
	if (encoding === 'hex') return HEX.test(text) && text.length % 2 === 0 ? Buffer.from(text, 'hex') : undefined;
	return BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
}

/** Constant-time for equal lengths; a length mismatch says nothing about the secret. */
function sameBytes(received: Buffer, expected: Buffer): boolean {
	return received.length === expected.length && timingSafeEqual(received, expected);
}

function parseTimestamp(text: string): number | undefined {
	return /^\d{1,12}$/.test(text) ? Number(text) : undefined;
}

function checkWindow(timestamp: number, options: SignatureOptions): VerifyResult | undefined {
	const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE;
	const drift = nowSeconds(options) - timestamp;
	if (drift > tolerance) return invalid(`timestamp older than the ${tolerance} s tolerance`);
	if (-drift > tolerance) return invalid(`timestamp more than ${tolerance} s in the future`);
	return undefined;
}

function signedContent(...parts: Array<string | Buffer>): Buffer {
	const buffers = parts.map((part) => (Buffer.isBuffer(part) ? part : Buffer.from(part, 'utf8')));
	return Buffer.concat(buffers);
}

function verifyStandardWebhooks(body: Buffer, headers: HeaderMap, options: SignatureOptions): VerifyResult {
	const id = singleHeader(headers, 'webhook-id');
	const stamp = singleHeader(headers, 'webhook-timestamp');
	const signatures = singleHeader(headers, 'webhook-signature');
	for (const [name, value] of [
		['webhook-id', id],
		['webhook-timestamp', stamp],
		['webhook-signature', signatures],
	] as const) {
		if (value === undefined) return invalid(`missing ${name} header`);
		if (typeof value !== 'string') return invalid(value.error);
	}
	const timestamp = parseTimestamp(stamp as string);
	if (timestamp === undefined) return invalid('malformed webhook-timestamp header');
	const late = checkWindow(timestamp, options);
	if (late) return late;
	const expected = hmac(standardWebhooksKey(options.secret), signedContent(`${id}.${timestamp}.`, body));
	let sawV1 = false;
	for (const entry of (signatures as string).split(' ')) {
		const [version, signature] = entry.split(',', 2);
		if (version !== 'v1' || signature === undefined) continue;
		sawV1 = true;
		const received = decode(signature, 'base64');
		if (received && sameBytes(received, expected)) {
			return { valid: true, webhookId: id as string, timestamp };
		}
	}
	return invalid(sawV1 ? 'signature mismatch' : 'no v1 signature in webhook-signature header');
}

function verifyStripe(body: Buffer, headers: HeaderMap, options: SignatureOptions): VerifyResult {
	const header = singleHeader(headers, 'stripe-signature');
	if (header === undefined) return invalid('missing Stripe-Signature header');
	if (typeof header !== 'string') return invalid(header.error);
	let timestamp: number | undefined;
	const signatures: string[] = [];
	for (const pair of header.split(',')) {
		const [key, value] = pair.split('=', 2).map((part) => part.trim());
		if (key === 't') timestamp = parseTimestamp(value ?? '');
		if (key === 'v1' && value) signatures.push(value);
	}
	if (timestamp === undefined) return invalid('malformed Stripe-Signature header: no valid t=');
	if (signatures.length === 0) return invalid('no v1 signature in Stripe-Signature header');
	const late = checkWindow(timestamp, options);
	if (late) return late;
	const expected = hmac(options.secret, signedContent(`${timestamp}.`, body));
	for (const signature of signatures) {
		const received = decode(signature, 'hex');
		if (received && sameBytes(received, expected)) return { valid: true, timestamp };
	}
	return invalid('signature mismatch');
}

function verifyHmac(body: Buffer, headers: HeaderMap, options: SignatureOptions): VerifyResult {
	const { header, encoding, prefix = '' } = options.hmac ?? DEFAULT_HMAC;
	const value = singleHeader(headers, header);
	if (value === undefined) return invalid(`missing ${header} header`);
	if (typeof value !== 'string') return invalid(value.error);
	if (!value.startsWith(prefix)) return invalid(`${header} header lacks the "${prefix}" prefix`);
	const received = decode(value.slice(prefix.length).trim(), encoding);
	if (!received) return invalid(`malformed ${header} header`);
	// A body-only HMAC carries no timestamp: there is no replay window for this scheme.
	return sameBytes(received, hmac(options.secret, body)) ? { valid: true } : invalid('signature mismatch');
}

function verifySharedSecret(headers: HeaderMap, options: SignatureOptions): VerifyResult {
	const header = options.sharedSecretHeader ?? DEFAULT_SHARED_SECRET_HEADER;
	const value = singleHeader(headers, header);
	if (value === undefined) return invalid(`missing ${header} header`);
	if (typeof value !== 'string') return invalid(value.error);
	// Compare digests so the comparison is constant-time whatever the lengths.
	const received = hmac('shared-secret', Buffer.from(value, 'utf8'));
	const expected = hmac('shared-secret', Buffer.from(options.secret, 'utf8'));
	return timingSafeEqual(received, expected) ? { valid: true } : invalid('secret mismatch');
}

/** Checks one delivery against its raw body bytes, exactly as received. Never throws. */
export function verifySignature(rawBody: Buffer | string, headers: HeaderMap, options: SignatureOptions): VerifyResult {
	try {
		if (!options.secret) return invalid('no signing secret configured');
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
		return invalid('malformed request');
	}
}

/** The headers a sender adds for one delivery (used by the sandbox and tests). */
export function signPayload(
	rawBody: Buffer | string,
	options: SignatureOptions & { webhookId?: string; timestamp?: number },
): Record<string, string> {
	const body = toBuffer(rawBody);
	const timestamp = options.timestamp ?? nowSeconds(options);
	switch (options.scheme) {
		case 'standardWebhooks': {
			const id = options.webhookId ?? `msg_${randomBytes(12).toString('hex')}`;
			const signature = hmac(standardWebhooksKey(options.secret), signedContent(`${id}.${timestamp}.`, body));
			return {
				'webhook-id': id,
				'webhook-timestamp': String(timestamp),
				'webhook-signature': `v1,${signature.toString('base64')}`,
			};
		}
		case 'stripe': {
			const signature = hmac(options.secret, signedContent(`${timestamp}.`, body)).toString('hex');
			return { 'Stripe-Signature': `t=${timestamp},v1=${signature}` };
		}
		case 'hmacSha256': {
			const { header, encoding, prefix = '' } = options.hmac ?? DEFAULT_HMAC;
			return { [header]: `${prefix}${hmac(options.secret, body).toString(encoding)}` };
		}
		case 'sharedSecret':
			return { [options.sharedSecretHeader ?? DEFAULT_SHARED_SECRET_HEADER]: options.secret };
	}
}

export function generateStandardWebhooksSecret(): string {
	return `whsec_${randomBytes(24).toString('base64')}`;
}
