import { isUtf8 } from 'buffer';
import { createHmac, randomBytes } from 'crypto';
import { Webhook } from 'standardwebhooks';

/*
 * How the sandbox signs the webhooks it sends. Written apart from nodes/shared/signatures.ts on
 * purpose: the triggers verify with that module, so signing with it as well would let one shared
 * mistake pass every loop test. Standard Webhooks goes through the specification's reference
 * package; the other schemes are one HMAC each.
 */

export type SignatureScheme = 'standardWebhooks' | 'stripe' | 'hmacSha256' | 'sharedSecret';

export interface HmacOptions {
	header: string;
	encoding: 'hex' | 'base64';
	prefix?: string;
}

export interface SigningOptions {
	scheme: SignatureScheme;
	secret: string;
	hmac?: HmacOptions;
	sharedSecretHeader?: string;
	/** Current unix time in seconds; the real clock when absent. */
	now?: number;
	/** The signed time (unix seconds) when it must differ from `now`, e.g. a stale delivery. */
	timestamp?: number;
	/** Standard Webhooks message id; a fresh `msg_…` when absent. */
	webhookId?: string;
}

// The header names the triggers default to.
const DEFAULT_HMAC: HmacOptions = { header: 'X-Webhook-Signature', encoding: 'hex' };
const DEFAULT_SHARED_SECRET_HEADER = 'X-Webhook-Secret';
const WHSEC = 'whsec_';

/** A fresh Standard Webhooks secret: `whsec_` + base64 of 24 random bytes. */
export function generateStandardWebhooksSecret(): string {
	return `${WHSEC}${randomBytes(24).toString('base64')}`;
}

/** The headers a sender adds to one delivery of exactly these body bytes. */
export function signPayload(
	rawBody: Buffer | string,
	options: SigningOptions,
): Record<string, string> {
	const body = Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody, 'utf8');
	const timestamp = options.timestamp ?? options.now ?? Math.floor(Date.now() / 1000);
	switch (options.scheme) {
		case 'standardWebhooks': {
			const id = options.webhookId ?? `msg_${randomBytes(12).toString('hex')}`;
			const signature = standardWebhooksSignature(options.secret, id, timestamp, body);
			return {
				'webhook-id': id,
				'webhook-timestamp': String(timestamp),
				'webhook-signature': signature,
			};
		}
		case 'stripe':
			// Stripe uses its whsec_ secret as-is (UTF-8), never base64-decoded.
			return {
				'Stripe-Signature': `t=${timestamp},v1=${hmacSha256(options.secret, `${timestamp}.`, body).toString('hex')}`,
			};
		case 'hmacSha256': {
			const { header, encoding, prefix = '' } = options.hmac ?? DEFAULT_HMAC;
			return { [header]: `${prefix}${hmacSha256(options.secret, '', body).toString(encoding)}` };
		}
		case 'sharedSecret':
			return { [options.sharedSecretHeader ?? DEFAULT_SHARED_SECRET_HEADER]: options.secret };
	}
}

const hmacSha256 = (key: Buffer | string, before: string, body: Buffer) =>
	createHmac('sha256', key).update(before, 'utf8').update(body).digest();

/** `v1,<base64>` over `id.timestamp.body`: the reference package's Webhook.sign. */
function standardWebhooksSignature(
	secret: string,
	id: string,
	timestamp: number,
	body: Buffer,
): string {
	const { webhook, key } = referenceSigner(secret);
	// Webhook.sign takes text: it would decode a Buffer as UTF-8 and lose bytes that are not. The
	// specification signs bytes, so such a body (only the verifier's tests send one) is signed here.
	if (!isUtf8(body)) return `v1,${hmacSha256(key, `${id}.${timestamp}.`, body).toString('base64')}`;
	return webhook.sign(id, new Date(timestamp * 1000), body.toString('utf8'));
}

/**
 * The reference signer for a secret. A `whsec_` secret goes to Webhook as it is, which
 * base64-decodes it; any other secret is used as its UTF-8 bytes (the triggers' documented rule
 * for plain passphrases), as is a `whsec_` secret that does not decode, so wrong-key deliveries
 * can still be sent.
 */
function referenceSigner(secret: string): { webhook: Webhook; key: Buffer } {
	if (secret.startsWith(WHSEC)) {
		try {
			return {
				webhook: new Webhook(secret),
				key: Buffer.from(secret.slice(WHSEC.length), 'base64'),
			};
		} catch {
			// Not base64 (or empty): signed with its UTF-8 bytes below.
		}
	}
	const key = Buffer.from(secret, 'utf8');
	return { webhook: new Webhook(key, { format: 'raw' }), key };
}
