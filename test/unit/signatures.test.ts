import { createHmac } from 'crypto';

import {
	type AutoSignatureOptions,
	type HeaderMap,
	SIGNATURE_SCHEMES,
	type SignatureOptions,
	type SignatureScheme,
	verifySignature,
	type VerifyResult,
} from '../../nodes/shared/signatures';
// Deliveries are signed by the sandbox's signer, written apart from the verifier under test.
import { generateStandardWebhooksSecret, signPayload } from '../../sandbox/signing';

const reasonOf = (result: VerifyResult) => (result.valid ? 'accepted' : result.reason);

/** Case-changing every header name must not matter. */
const recase = (headers: HeaderMap, change: (name: string) => string): HeaderMap =>
	Object.fromEntries(Object.entries(headers).map(([name, value]) => [change(name), value]));

// --- Published vectors ---------------------------------------------------------------------

// The Standard Webhooks test vector, as published in
//   standard-webhooks/standard-webhooks  libraries/javascript/src/webhook.test.ts  ("sign function works")
//   svix/svix-webhooks                   go/webhook_test.go                         (TestWebhookSign)
// Also reproduced independently with `openssl dgst -sha256 -mac HMAC` over the signed content.
const SW = {
	secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
	id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
	timestamp: 1614265330,
	body: '{"test": 2432232314}',
	signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const swHeaders = (overrides: HeaderMap = {}): HeaderMap => ({
	'webhook-id': SW.id,
	'webhook-timestamp': String(SW.timestamp),
	'webhook-signature': SW.signature,
	...overrides,
});
const swOptions: SignatureOptions = {
	scheme: 'standardWebhooks',
	secret: SW.secret,
	now: SW.timestamp,
};
const verifySw = (
	headers: HeaderMap,
	extra: Partial<SignatureOptions> = {},
	body: Buffer | string = SW.body,
) => verifySignature(body, headers, { ...swOptions, ...extra });

// Stripe publishes no vector with a known secret and expected signature (its docs' example header
// has no published secret). This one uses the secret and payload of stripe-node's
// test/Webhook.spec.ts (SECRET, EVENT_PAYLOAD_STRING), the timestamp of Stripe's docs example, and
// an expected v1 computed independently with `openssl dgst -sha256 -hmac` over `${t}.${payload}`,
// following Stripe's documented algorithm (HMAC-SHA256, key = the secret as-is, hex).
const STRIPE = {
	secret: 'whsec_test_secret',
	t: 1492774577,
	body: JSON.stringify({ id: 'evt_test_webhook', object: 'event' }, null, 2),
	v1: 'c2f890decbc5ede7c5060bb9a6d31e0626a4342bacb9aeae2adb1bcea72f9812',
};
const stripeOptions: SignatureOptions = { scheme: 'stripe', secret: STRIPE.secret, now: STRIPE.t };
const stripeHeader = `t=${STRIPE.t},v1=${STRIPE.v1}`;
const verifyStripe = (
	header: string | string[] | undefined,
	extra: Partial<SignatureOptions> = {},
	body: Buffer | string = STRIPE.body,
) => verifySignature(body, { 'Stripe-Signature': header }, { ...stripeOptions, ...extra });

// stripe-node's HMAC-SHA256 hex fixtures (test/crypto/helpers.ts, key 'test_secret'): a published
// vector for the plain body-HMAC scheme.
const STRIPE_NODE_HMAC_FIXTURES: Array<[string, string]> = [
	['', 'f7f9bd47fb987337b5796fdc1fdb9ba221d0d5396814bfcaf9521f43fd8927fd'],
	[
		JSON.stringify({ obj1: 'hello', obj2: 'world' }),
		'bebb1a643997f419b315ddba19e6f5411e1ce7f810ba6d3617ce72823092f363',
	],
	['\ud83d\ude00', '837da296d05c4fe31f61d5d7ead035099d9585a5bcde87de952012a78f0b0c43'],
];

describe('published vectors', () => {
	it('accepts the Standard Webhooks vector and reports its id and timestamp', () => {
		expect(verifySw(swHeaders())).toEqual({
			valid: true,
			webhookId: SW.id,
			timestamp: SW.timestamp,
		});
	});

	it('signPayload reproduces the Standard Webhooks vector byte for byte', () => {
		expect(
			signPayload(SW.body, { ...swOptions, webhookId: SW.id, timestamp: SW.timestamp }),
		).toEqual(swHeaders());
	});

	it('uses an unprefixed secret as UTF-8 bytes, not base64 (documented choice), so it is a different key', () => {
		expect(reasonOf(verifySw(swHeaders(), { secret: SW.secret.slice('whsec_'.length) }))).toBe(
			'signature mismatch',
		);
		const utf8Key = createHmac('sha256', 'plain passphrase')
			.update(`${SW.id}.${SW.timestamp}.${SW.body}`)
			.digest('base64');
		expect(
			verifySw(swHeaders({ 'webhook-signature': `v1,${utf8Key}` }), { secret: 'plain passphrase' })
				.valid,
		).toBe(true);
	});

	it('accepts the Stripe vector and signPayload reproduces it', () => {
		expect(
			createHmac('sha256', STRIPE.secret).update(`${STRIPE.t}.${STRIPE.body}`).digest('hex'),
		).toBe(STRIPE.v1);
		expect(verifyStripe(stripeHeader)).toEqual({ valid: true, timestamp: STRIPE.t });
		expect(signPayload(STRIPE.body, { ...stripeOptions, timestamp: STRIPE.t })).toEqual({
			'Stripe-Signature': stripeHeader,
		});
	});

	it('parses Stripe’s documented example header (t, v1, v0) down to the signature comparison', () => {
		// From Stripe's webhook docs; its secret and payload are unpublished, so it must get as far as
		// comparing signatures and fail there, not be rejected as malformed.
		const header =
			't=1492774577,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd,v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39';
		expect(reasonOf(verifyStripe(header, {}, '{}'))).toBe('signature mismatch');
	});

	it.each(STRIPE_NODE_HMAC_FIXTURES)(
		'HMAC-SHA256 of body: stripe-node fixture for %j verifies',
		(body, hex) => {
			const options: SignatureOptions = { scheme: 'hmacSha256', secret: 'test_secret' };
			expect(verifySignature(body, { 'X-Webhook-Signature': hex }, options)).toEqual({
				valid: true,
			});
			expect(signPayload(body, options)).toEqual({ 'X-Webhook-Signature': hex });
		},
	);
});

// --- Standard Webhooks ---------------------------------------------------------------------

describe('Standard Webhooks', () => {
	it('rejects a body changed by one byte, a wrong secret and a changed id', () => {
		const tampered = Buffer.from(SW.body);
		tampered[tampered.length - 2] ^= 1;
		expect(reasonOf(verifySw(swHeaders(), {}, tampered))).toBe('signature mismatch');
		expect(
			reasonOf(verifySw(swHeaders(), { secret: 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })),
		).toBe('signature mismatch');
		expect(reasonOf(verifySw(swHeaders({ 'webhook-id': 'msg_other' })))).toBe('signature mismatch');
	});

	it('signs the timestamp exactly as sent: a re-encoded equal number does not verify', () => {
		expect(verifySw(swHeaders({ 'webhook-timestamp': `0${SW.timestamp}` })).valid).toBe(false);
	});

	it('accepts timestamps exactly at ±tolerance and rejects one second beyond, both ways', () => {
		const at = (now: number, toleranceSeconds?: number) =>
			verifySw(swHeaders(), { now, toleranceSeconds });
		expect(at(SW.timestamp + 300).valid).toBe(true);
		expect(at(SW.timestamp - 300).valid).toBe(true);
		expect(reasonOf(at(SW.timestamp + 301))).toBe('timestamp 301 s old (window 300 s)');
		expect(reasonOf(at(SW.timestamp - 301))).toBe('timestamp 301 s in the future (window 300 s)');
		expect(at(SW.timestamp + 60, 60).valid).toBe(true);
		expect(reasonOf(at(SW.timestamp + 61, 60))).toBe('timestamp 61 s old (window 60 s)');
		expect(reasonOf(at(SW.timestamp - 61, 60))).toBe('timestamp 61 s in the future (window 60 s)');
		expect(at(SW.timestamp, 0).valid).toBe(true);
		expect(at(SW.timestamp + 1, 0).valid).toBe(false);
	});

	it('refuses a tolerance or clock that would switch the replay window off', () => {
		expect(reasonOf(verifySw(swHeaders(), { toleranceSeconds: Number.NaN }))).toBe(
			'invalid tolerance setting',
		);
		expect(reasonOf(verifySw(swHeaders(), { toleranceSeconds: -1 }))).toBe(
			'invalid tolerance setting',
		);
		expect(reasonOf(verifySw(swHeaders(), { now: Number.NaN }))).toBe('invalid current time');
	});

	it('defaults the clock to the real time, so the 2021 vector is long expired', () => {
		expect(
			reasonOf(
				verifySignature(SW.body, swHeaders(), { scheme: 'standardWebhooks', secret: SW.secret }),
			),
		).toMatch(/^timestamp \d+ s old \(window 300 s\)$/);
	});

	it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])(
		'rejects a missing %s header',
		(name) => {
			const headers = swHeaders();
			delete headers[name];
			expect(reasonOf(verifySw(headers))).toBe(`missing ${name} header`);
			expect(reasonOf(verifySw({ ...swHeaders(), [name]: undefined }))).toBe(
				`missing ${name} header`,
			);
		},
	);

	it.each([
		['non-numeric', '16142653x0'],
		['fractional', '1614265330.5'],
		['negative', '-1614265330'],
		['signed', '+1614265330'],
		['empty', ''],
		['padded with spaces', ' 1614265330'],
		['13 digits', '1614265330000'],
		['exponent', '1.61426533e9'],
	])('rejects a %s timestamp as malformed', (_label, stamp) => {
		expect(reasonOf(verifySw(swHeaders({ 'webhook-timestamp': stamp })))).toBe(
			'malformed webhook-timestamp header',
		);
	});

	const sig = SW.signature.slice(3);
	it.each([
		['no v1, prefix', sig, 'no v1 signature in webhook-signature header'],
		['another version only', `v1a,${sig}`, 'no v1 signature in webhook-signature header'],
		['v2 only', `v2,${sig}`, 'no v1 signature in webhook-signature header'],
		['garbage', 'not a signature at all', 'no v1 signature in webhook-signature header'],
		['an empty header', '', 'no v1 signature in webhook-signature header'],
		['bad base64', 'v1,@@@@', 'malformed signature'],
		['unpadded base64', `v1,${sig.replace(/=+$/, '')}`, 'malformed signature'],
		[
			'base64url alphabet',
			`v1,${sig.replace(/\+/g, '-').replace(/\//g, '_')}`,
			'malformed signature',
		],
		['an empty v1 value', 'v1,', 'malformed signature'],
		[
			'a wrong-length signature (16 bytes)',
			`v1,${Buffer.from(sig, 'base64').subarray(0, 16).toString('base64')}`,
			'wrong-length signature',
		],
		['a signature with a trailing comma field', `v1,${sig},extra`, 'malformed signature'],
		['an uppercase version tag', `V1,${sig}`, 'no v1 signature in webhook-signature header'],
		['a huge header', `v1,${'A'.repeat(20_000)}`, 'oversized webhook-signature header'],
	])('rejects %s', (_label, signature, reason) => {
		expect(reasonOf(verifySw(swHeaders({ 'webhook-signature': signature })))).toBe(reason);
	});

	it('accepts when any one of several space-separated signatures matches, wherever it is', () => {
		const wrong = 'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=';
		for (const list of [
			`${wrong} ${SW.signature}`,
			`${SW.signature} ${wrong}`,
			`v2,abc ${wrong}  ${SW.signature} v1,@@`,
		]) {
			expect(verifySw(swHeaders({ 'webhook-signature': list })).valid).toBe(true);
		}
		expect(reasonOf(verifySw(swHeaders({ 'webhook-signature': `${wrong} ${wrong}` })))).toBe(
			'signature mismatch',
		);
	});

	it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])(
		'rejects a repeated %s header',
		(name) => {
			const value = swHeaders()[name] as string;
			expect(reasonOf(verifySw(swHeaders({ [name]: [value, value] })))).toBe(
				`repeated ${name} header`,
			);
			// The same header under two spellings is a repeat too.
			expect(reasonOf(verifySw({ ...swHeaders(), [name.toUpperCase()]: value }))).toBe(
				`repeated ${name} header`,
			);
			// Any array is malformed for a single-valued header, even with one genuine element.
			expect(reasonOf(verifySw(swHeaders({ [name]: [value] })))).toBe(`malformed ${name} header`);
		},
	);

	it('refuses a whsec_ secret that is not valid base64 instead of silently using another key', () => {
		const reason = 'signing secret starts with whsec_ but the rest is not valid base64';
		for (const secret of [`${SW.secret}x`, `${SW.secret} `, 'whsec_', 'whsec_not base64!']) {
			expect(reasonOf(verifySw(swHeaders(), { secret }))).toBe(reason);
		}
	});
});

// --- Stripe-style ---------------------------------------------------------------------------

describe('Stripe-style', () => {
	it('rejects a body changed by one byte and a wrong secret', () => {
		expect(reasonOf(verifyStripe(stripeHeader, {}, STRIPE.body.replace('evt_', 'evu_')))).toBe(
			'signature mismatch',
		);
		expect(reasonOf(verifyStripe(stripeHeader, { secret: 'whsec_test_secreT' }))).toBe(
			'signature mismatch',
		);
	});

	it('does not base64-decode a whsec_ secret (Stripe uses it as-is)', () => {
		const secret = generateStandardWebhooksSecret();
		const v1 = createHmac('sha256', secret).update(`${STRIPE.t}.${STRIPE.body}`).digest('hex');
		expect(verifyStripe(`t=${STRIPE.t},v1=${v1}`, { secret }).valid).toBe(true);
	});

	it('accepts timestamps exactly at ±tolerance and rejects one second beyond, both ways', () => {
		expect(verifyStripe(stripeHeader, { now: STRIPE.t + 300 }).valid).toBe(true);
		expect(verifyStripe(stripeHeader, { now: STRIPE.t - 300 }).valid).toBe(true);
		expect(reasonOf(verifyStripe(stripeHeader, { now: STRIPE.t + 301 }))).toBe(
			'timestamp 301 s old (window 300 s)',
		);
		expect(reasonOf(verifyStripe(stripeHeader, { now: STRIPE.t - 301 }))).toBe(
			'timestamp 301 s in the future (window 300 s)',
		);
		expect(verifyStripe(stripeHeader, { now: STRIPE.t + 10, toleranceSeconds: 10 }).valid).toBe(
			true,
		);
		expect(verifyStripe(stripeHeader, { now: STRIPE.t + 11, toleranceSeconds: 10 }).valid).toBe(
			false,
		);
	});

	it('accepts any matching v1 among several and ignores v0 and unknown keys', () => {
		const wrong = '0'.repeat(64);
		expect(verifyStripe(`t=${STRIPE.t},v0=deadbeef,v1=${wrong},v1=${STRIPE.v1}`).valid).toBe(true);
		expect(verifyStripe(`v1=${STRIPE.v1},t=${STRIPE.t},v1=${wrong},foo=bar`).valid).toBe(true);
		expect(reasonOf(verifyStripe(`t=${STRIPE.t},v1=${wrong},v1=${wrong}`))).toBe(
			'signature mismatch',
		);
		// A correct signature under v0 is not a v1 signature.
		expect(reasonOf(verifyStripe(`t=${STRIPE.t},v0=${STRIPE.v1}`))).toBe(
			'no v1 signature in Stripe-Signature header',
		);
	});

	const malformedT = 'malformed Stripe-Signature header: needs one numeric t=';
	it.each([
		['no t=', `v1=${STRIPE.v1}`, malformedT],
		['a non-numeric t=', `t=14927745x7,v1=${STRIPE.v1}`, malformedT],
		['a fractional t=', `t=1492774577.0,v1=${STRIPE.v1}`, malformedT],
		['an empty t=', `t=,v1=${STRIPE.v1}`, malformedT],
		['two t= values', `t=${STRIPE.t},t=${STRIPE.t},v1=${STRIPE.v1}`, malformedT],
		['garbage', 'not a signature at all', malformedT],
		['an empty header', '', malformedT],
		['no v1=', `t=${STRIPE.t}`, 'no v1 signature in Stripe-Signature header'],
		['bad hex', `t=${STRIPE.t},v1=zz${STRIPE.v1.slice(2)}`, 'malformed signature'],
		['odd-length hex', `t=${STRIPE.t},v1=${STRIPE.v1}0`, 'malformed signature'],
		[
			'a wrong-length signature',
			`t=${STRIPE.t},v1=${STRIPE.v1.slice(0, 40)}`,
			'wrong-length signature',
		],
		['a signature with trailing junk', `t=${STRIPE.t},v1=${STRIPE.v1}=00`, 'malformed signature'],
		[
			'a base64 signature',
			`t=${STRIPE.t},v1=${Buffer.from(STRIPE.v1, 'hex').toString('base64')}`,
			'malformed signature',
		],
		[
			'a huge header',
			`t=${STRIPE.t},v1=${'0'.repeat(20_000)}`,
			'oversized Stripe-Signature header',
		],
	])('rejects %s', (_label, header, reason) => {
		expect(reasonOf(verifyStripe(header))).toBe(reason);
	});

	it('rejects a missing header and a repeated one', () => {
		expect(reasonOf(verifySignature(STRIPE.body, {}, stripeOptions))).toBe(
			'missing Stripe-Signature header',
		);
		expect(reasonOf(verifyStripe(undefined))).toBe('missing Stripe-Signature header');
		expect(reasonOf(verifyStripe([stripeHeader, stripeHeader]))).toBe(
			'repeated Stripe-Signature header',
		);
		expect(
			reasonOf(
				verifySignature(
					STRIPE.body,
					{ 'stripe-signature': stripeHeader, 'Stripe-Signature': stripeHeader },
					stripeOptions,
				),
			),
		).toBe('repeated Stripe-Signature header');
	});
});

// --- HMAC-SHA256 of the body -----------------------------------------------------------------

describe('HMAC-SHA256 of the body', () => {
	const body = '{"call_id":"c-1","status":"completed"}';
	const secret = 'hmac-body-secret';
	const hex = createHmac('sha256', secret).update(body).digest('hex');
	const b64 = createHmac('sha256', secret).update(body).digest('base64');
	const options: SignatureOptions = { scheme: 'hmacSha256', secret };
	const custom: SignatureOptions = {
		...options,
		hmac: { header: 'X-Signature', encoding: 'base64', prefix: 'sha256=' },
	};

	it('accepts hex on the default header and base64 with a prefix on a custom header', () => {
		expect(verifySignature(body, { 'x-webhook-signature': hex }, options)).toEqual({ valid: true });
		expect(verifySignature(body, { 'X-Webhook-Signature': hex.toUpperCase() }, options).valid).toBe(
			true,
		);
		expect(verifySignature(body, { 'x-signature': `sha256=${b64}` }, custom)).toEqual({
			valid: true,
		});
	});

	it('has no replay window: the timestamp options change nothing', () => {
		expect(
			verifySignature(
				body,
				{ 'X-Webhook-Signature': hex },
				{ ...options, now: 0, toleranceSeconds: 0 },
			).valid,
		).toBe(true);
	});

	it('rejects a body changed by one byte and a wrong secret', () => {
		expect(
			reasonOf(
				verifySignature(body.replace('c-1', 'c-2'), { 'X-Webhook-Signature': hex }, options),
			),
		).toBe('signature mismatch');
		expect(
			reasonOf(
				verifySignature(
					body,
					{ 'X-Webhook-Signature': hex },
					{ ...options, secret: 'hmac-body-secreT' },
				),
			),
		).toBe('signature mismatch');
	});

	it.each([
		['non-hex', 'xyz'],
		['odd-length hex', `${hex}0`],
		['hex with a prefix that is not configured', `sha256=${hex}`],
		['base64 where hex is configured', b64],
		['empty', ''],
	])('rejects %s as malformed (hex)', (_label, value) => {
		expect(reasonOf(verifySignature(body, { 'X-Webhook-Signature': value }, options))).toBe(
			'malformed signature',
		);
	});

	it.each([
		['bad base64', 'sha256=@@@@'],
		['unpadded base64', `sha256=${b64.replace(/=+$/, '')}`],
	])('rejects %s as malformed (base64)', (_label, value) => {
		expect(reasonOf(verifySignature(body, { 'X-Signature': value }, custom))).toBe(
			'malformed signature',
		);
	});

	it('rejects hex where base64 is configured (it decodes, to 48 bytes, so it is the wrong length)', () => {
		expect(reasonOf(verifySignature(body, { 'X-Signature': `sha256=${hex}` }, custom))).toBe(
			'wrong-length signature',
		);
	});

	it('rejects a missing prefix, a wrong-length signature, a missing header and a repeated one', () => {
		expect(reasonOf(verifySignature(body, { 'X-Signature': b64 }, custom))).toBe(
			'X-Signature header lacks the expected prefix',
		);
		expect(
			reasonOf(verifySignature(body, { 'X-Webhook-Signature': hex.slice(0, 62) }, options)),
		).toBe('wrong-length signature');
		expect(reasonOf(verifySignature(body, {}, options))).toBe('missing X-Webhook-Signature header');
		expect(reasonOf(verifySignature(body, { 'X-Webhook-Signature': [hex, hex] }, options))).toBe(
			'repeated X-Webhook-Signature header',
		);
	});
});

// --- Shared secret header --------------------------------------------------------------------

describe('shared secret header', () => {
	const options: SignatureOptions = { scheme: 'sharedSecret', secret: 's3cret-value' };

	it('accepts the exact secret only, on the default or a configured header', () => {
		expect(verifySignature('{}', { 'x-webhook-secret': 's3cret-value' }, options)).toEqual({
			valid: true,
		});
		expect(
			verifySignature(
				'{}',
				{ 'X-Vapi-Secret': 's3cret-value' },
				{ ...options, sharedSecretHeader: 'x-vapi-secret' },
			).valid,
		).toBe(true);
		for (const wrong of [
			's3cret-valuf',
			'S3CRET-VALUE',
			's3cret',
			's3cret-value ',
			's3cret-value-and-more',
			'',
		]) {
			expect(reasonOf(verifySignature('{}', { 'X-Webhook-Secret': wrong }, options))).toBe(
				'secret mismatch',
			);
		}
	});

	it('rejects a missing header, a repeated one and an oversized one', () => {
		expect(reasonOf(verifySignature('{}', {}, options))).toBe('missing X-Webhook-Secret header');
		expect(
			reasonOf(
				verifySignature('{}', { 'X-Webhook-Secret': ['s3cret-value', 's3cret-value'] }, options),
			),
		).toBe('repeated X-Webhook-Secret header');
		expect(reasonOf(verifySignature('{}', { 'X-Webhook-Secret': 'x'.repeat(9000) }, options))).toBe(
			'oversized X-Webhook-Secret header',
		);
	});
});

// --- Every scheme ----------------------------------------------------------------------------

const NOW = 1_800_000_000;
const BODY = JSON.stringify({
	event: 'call.completed',
	call_id: 'c-1',
	transcript: [{ role: 'agent', content: 'héllo' }],
});
const SECRET = generateStandardWebhooksSecret();
const WRONG_SECRET = generateStandardWebhooksSecret();

const variants: Array<[string, SignatureOptions]> = [
	['standardWebhooks', { scheme: 'standardWebhooks', secret: SECRET, now: NOW }],
	[
		'standardWebhooks (plain secret)',
		{ scheme: 'standardWebhooks', secret: 'plain passphrase', now: NOW },
	],
	['stripe', { scheme: 'stripe', secret: SECRET, now: NOW }],
	['hmacSha256 (hex)', { scheme: 'hmacSha256', secret: SECRET }],
	[
		'hmacSha256 (base64, prefix)',
		{
			scheme: 'hmacSha256',
			secret: SECRET,
			hmac: { header: 'X-Sig', encoding: 'base64', prefix: 'sha256=' },
		},
	],
	['sharedSecret', { scheme: 'sharedSecret', secret: SECRET }],
	[
		'sharedSecret (custom header)',
		{ scheme: 'sharedSecret', secret: SECRET, sharedSecretHeader: 'X-Api-Token' },
	],
];
const bodyIsSigned = (options: SignatureOptions) => options.scheme !== 'sharedSecret';

describe.each(variants)('every scheme: %s', (_label, options) => {
	const headers = signPayload(BODY, options);
	const names = Object.keys(headers);

	it('signPayload → verifySignature round-trips, for string and Buffer bodies alike', () => {
		expect(verifySignature(BODY, headers, options).valid).toBe(true);
		expect(verifySignature(Buffer.from(BODY), headers, options)).toEqual(
			verifySignature(BODY, headers, options),
		);
		expect(verifySignature(BODY, signPayload(Buffer.from(BODY), options), options).valid).toBe(
			true,
		);
	});

	it('verifies raw bytes exactly as received, including bytes that are not valid UTF-8', () => {
		const raw = Buffer.concat([Buffer.from(BODY), Buffer.from([0xff, 0xfe, 0x00])]);
		const rawHeaders = signPayload(raw, options);
		expect(verifySignature(raw, rawHeaders, options).valid).toBe(true);
		// Decoding to text and back is lossy here, so a body that was re-serialised no longer verifies.
		expect(verifySignature(raw.toString('utf8'), rawHeaders, options).valid).toBe(
			!bodyIsSigned(options),
		);
	});

	it('rejects a body changed by one byte (except shared secret, which does not cover the body)', () => {
		const tampered = Buffer.from(BODY);
		tampered[5] ^= 0x20;
		expect(verifySignature(tampered, headers, options).valid).toBe(!bodyIsSigned(options));
	});

	it('rejects the wrong secret, and an empty secret as not configured', () => {
		expect(verifySignature(BODY, headers, { ...options, secret: WRONG_SECRET }).valid).toBe(false);
		expect(verifySignature(BODY, headers, { ...options, secret: '' })).toEqual({
			valid: false,
			reason: 'no signing secret configured',
		});
	});

	it('reads header names case-insensitively', () => {
		expect(
			verifySignature(
				BODY,
				recase(headers, (name) => name.toUpperCase()),
				options,
			).valid,
		).toBe(true);
		expect(
			verifySignature(
				BODY,
				recase(headers, (name) => name.toLowerCase()),
				options,
			).valid,
		).toBe(true);
		const alternate = (name: string) =>
			[...name].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join('');
		expect(verifySignature(BODY, recase(headers, alternate), options).valid).toBe(true);
	});

	it.each(names)('rejects when %s is missing, repeated, an array or empty', (name) => {
		const without = { ...headers };
		delete without[name];
		expect(reasonOf(verifySignature(BODY, without, options))).toBe(`missing ${name} header`);
		expect(
			reasonOf(
				verifySignature(BODY, { ...headers, [name]: [headers[name], headers[name]] }, options),
			),
		).toBe(`repeated ${name} header`);
		expect(reasonOf(verifySignature(BODY, { ...headers, [name]: [] }, options))).toBe(
			`malformed ${name} header`,
		);
		expect(reasonOf(verifySignature(BODY, { ...headers, [name]: [headers[name]] }, options))).toBe(
			`malformed ${name} header`,
		);
		expect(verifySignature(BODY, { ...headers, [name]: '' }, options).valid).toBe(false);
	});

	it('never puts the secret or the expected signature in a reason', () => {
		const expectedValues = Object.values(headers).filter((value) => value.length >= 16);
		const attempts: Array<[Buffer | string, HeaderMap, SignatureOptions]> = [
			[`${BODY} `, headers, options],
			[BODY, headers, { ...options, secret: WRONG_SECRET }],
			[BODY, {}, options],
			[BODY, Object.fromEntries(names.map((name) => [name, SECRET])), options],
			[BODY, Object.fromEntries(names.map((name) => [name, `${headers[name]}x`])), options],
			[BODY, Object.fromEntries(names.map((name) => [name, [headers[name], 'x']])), options],
			[BODY, headers, { ...options, now: NOW + 10_000 }],
		];
		let rejections = 0;
		for (const [body, attemptHeaders, attemptOptions] of attempts) {
			const result = verifySignature(body, attemptHeaders, attemptOptions);
			if (result.valid) continue;
			rejections++;
			expect(result.reason).not.toContain(SECRET);
			expect(result.reason).not.toContain(WRONG_SECRET);
			for (const value of expectedValues) expect(result.reason).not.toContain(value);
		}
		expect(rejections).toBeGreaterThanOrEqual(4);
	});
});

describe('constant-time comparison', () => {
	// The module calls crypto.timingSafeEqual through the module object, so a spy sees every call.
	const nodeCrypto = jest.requireActual<typeof import('crypto')>('crypto');
	afterEach(() => jest.restoreAllMocks());

	it.each(variants.filter(([, options]) => bodyIsSigned(options)))(
		'%s: compares equal-length bytes with timingSafeEqual, and never calls it on a wrong length',
		(_label, options) => {
			const spy = jest.spyOn(nodeCrypto, 'timingSafeEqual');
			const headers = signPayload(BODY, options);
			expect(verifySignature(`${BODY} `, headers, options)).toEqual({
				valid: false,
				reason: 'signature mismatch',
			});
			expect(spy).toHaveBeenCalled();
			for (const [a, b] of spy.mock.calls) expect((a as Buffer).length).toBe((b as Buffer).length);

			spy.mockClear();
			// Re-sign with the last 4 bytes of each signature cut off: a well-formed but short value.
			const short = Object.fromEntries(
				Object.entries(headers).map(([name, value]) => [name, shortenSignature(value, options)]),
			) as HeaderMap;
			expect(verifySignature(BODY, short, options)).toEqual({
				valid: false,
				reason: 'wrong-length signature',
			});
			expect(spy).not.toHaveBeenCalled();
		},
	);
});

/** The same header with its signature decoded, shortened by 4 bytes and re-encoded. */
function shortenSignature(value: string, options: SignatureOptions): string {
	const cut = (text: string, encoding: 'hex' | 'base64') =>
		Buffer.from(text, encoding).subarray(0, -4).toString(encoding);
	if (options.scheme === 'standardWebhooks')
		return value.startsWith('v1,') ? `v1,${cut(value.slice(3), 'base64')}` : value;
	if (options.scheme === 'stripe')
		return value.replace(/v1=([0-9a-f]+)/, (_m, hex: string) => `v1=${cut(hex, 'hex')}`);
	const { encoding, prefix = '' } = options.hmac ?? { encoding: 'hex' as const };
	return prefix + cut(value.slice(prefix.length), encoding);
}

describe('signPayload defaults', () => {
	it('gives Standard Webhooks a fresh msg_ id and the pinned clock', () => {
		const first = signPayload(BODY, { scheme: 'standardWebhooks', secret: SECRET, now: NOW });
		const second = signPayload(BODY, { scheme: 'standardWebhooks', secret: SECRET, now: NOW });
		expect(first['webhook-id']).toMatch(/^msg_[0-9a-f]{24}$/);
		expect(first['webhook-id']).not.toBe(second['webhook-id']);
		expect(first['webhook-timestamp']).toBe(String(NOW));
		expect(
			signPayload(BODY, { scheme: 'stripe', secret: SECRET, now: NOW })['Stripe-Signature'],
		).toMatch(new RegExp(`^t=${NOW},v1=[0-9a-f]{64}$`));
	});

	it('defaults the timestamp to the real clock when nothing is pinned', () => {
		const headers = signPayload(BODY, { scheme: 'standardWebhooks', secret: SECRET });
		expect(Math.abs(Number(headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
		expect(
			verifySignature(BODY, headers, { scheme: 'standardWebhooks', secret: SECRET }).valid,
		).toBe(true);
	});
});

describe('secrets and scheme list', () => {
	it('generates whsec_ + base64 of 24 random bytes', () => {
		const secret = generateStandardWebhooksSecret();
		expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
		expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(24);
		expect(generateStandardWebhooksSecret()).not.toBe(secret);
	});

	it('lists each scheme once, with a name and description', () => {
		expect(SIGNATURE_SCHEMES.map((scheme) => scheme.value).sort()).toEqual([
			'hmacSha256',
			'sharedSecret',
			'standardWebhooks',
			'stripe',
		]);
		for (const scheme of SIGNATURE_SCHEMES) {
			expect(scheme.name).not.toBe('');
			expect(scheme.description).not.toBe('');
		}
	});
});

// --- Hostile input ---------------------------------------------------------------------------

describe('hostile input', () => {
	/** mulberry32: deterministic, so any failure reproduces exactly. */
	const prng = (seed: number) => () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};

	it('answers unexpected runtime values with a rejection instead of throwing', () => {
		const odd = [null, undefined, 42, {}, ['a', 7], Symbol('x')] as unknown[];
		for (const [, options] of variants) {
			for (const value of odd) {
				expect(verifySignature(BODY, value as HeaderMap, options).valid).toBe(false);
				const headers = Object.fromEntries(
					Object.keys(signPayload(BODY, options)).map((name) => [name, value]),
				) as HeaderMap;
				expect(verifySignature(BODY, headers, options).valid).toBe(false);
				expect(verifySignature(value as string, signPayload(BODY, options), options).valid).toBe(
					false,
				);
				expect(
					verifySignature(BODY, signPayload(BODY, options), { ...options, secret: value as string })
						.valid,
				).toBe(false);
			}
		}
		expect(
			verifySignature(BODY, {}, { scheme: 'bogus' as SignatureScheme, secret: SECRET }),
		).toEqual({
			valid: false,
			reason: 'unknown signature scheme',
		});
	});

	it.each(variants)(
		'%s: 400 random mutations never throw and never pass unless the change is harmless',
		(_label, options) => {
			const random = prng(0x5eed);
			const pick = (n: number) => Math.floor(random() * n);
			const headers = signPayload(BODY, options);
			const names = Object.keys(headers);
			const garbage = () =>
				Array.from({ length: pick(64) }, () =>
					String.fromCharCode(pick(4) === 0 ? pick(0x3000) : 32 + pick(95)),
				).join('');
			for (let i = 0; i < 400; i++) {
				const body = Buffer.from(BODY);
				const mutated: HeaderMap = { ...headers };
				const name = names[pick(names.length)];
				const value = headers[name];
				const kind = pick(7);
				switch (kind) {
					case 0:
						body[pick(body.length)] ^= 1 << pick(8);
						break;
					case 1: {
						const at = pick(value.length);
						mutated[name] =
							value.slice(0, at) +
							String.fromCharCode(value.charCodeAt(at) ^ (1 << pick(7))) +
							value.slice(at + 1);
						break;
					}
					case 2:
						mutated[name] = value.slice(0, pick(value.length));
						break;
					case 3:
						mutated[name] = [value, pick(2) ? value : garbage()];
						break;
					case 4:
						mutated[name] = garbage();
						break;
					case 5:
						mutated[name] = value + garbage().repeat(pick(400) + 1);
						break;
					default:
						mutated[name] = `${garbage()}${value}`;
				}
				let verdict: VerifyResult | undefined;
				expect(() => (verdict = verifySignature(body, mutated, options))).not.toThrow();
				const after = mutated[name];
				// A pass is only allowed if the genuine value is still there intact (list headers may carry
				// extra entries) or only a hex letter's case changed; anything else would be a forgery.
				const genuine =
					(kind === 0 && !bodyIsSigned(options)) ||
					(typeof after === 'string' &&
						(after.includes(value) || after.toLowerCase() === value.toLowerCase()));
				if (verdict?.valid)
					expect(genuine ? 'genuine' : `forged ${name}: ${JSON.stringify(after)}`).toBe('genuine');
				if (verdict && !verdict.valid) expect(verdict.reason).not.toContain(options.secret);
			}
		},
	);
});

describe('automatic verification (any supported HMAC scheme)', () => {
	const SECRET = 'whsec_c2FuZGJveC1hdXRvbWF0aWMtc2VjcmV0LWtleQ==';
	const BODY = '{"event":"call.completed","call_id":"c-1"}';
	const NOW = 1_780_000_000;
	const auto = (headers: HeaderMap, extra: Partial<AutoSignatureOptions> = {}, body = BODY) =>
		verifySignature(body, headers, { scheme: 'auto', secret: SECRET, now: NOW, ...extra });
	const signed = (options: Omit<Parameters<typeof signPayload>[1], 'secret'>, secret = SECRET) =>
		signPayload(BODY, { secret, now: NOW, ...options }) as HeaderMap;
	const hmacHex = (key: string) => createHmac('sha256', key).update(BODY).digest('hex');

	it.each([
		['Standard Webhooks', { scheme: 'standardWebhooks' as const }, 'standardWebhooks'],
		['Stripe-Signature t=,v1=', { scheme: 'stripe' as const }, 'stripe'],
		[
			'X-Signature (hex)',
			{ scheme: 'hmacSha256' as const, hmac: { header: 'X-Signature', encoding: 'hex' as const } },
			'hmacSha256',
		],
		[
			'X-Webhook-Signature (base64)',
			{
				scheme: 'hmacSha256' as const,
				hmac: { header: 'X-Webhook-Signature', encoding: 'base64' as const },
			},
			'hmacSha256',
		],
		[
			'X-Hub-Signature-256: sha256=<hex>',
			{
				scheme: 'hmacSha256' as const,
				hmac: { header: 'X-Hub-Signature-256', encoding: 'hex' as const, prefix: 'sha256=' },
			},
			'hmacSha256',
		],
	])('accepts %s and says which scheme matched', (_label, options, scheme) => {
		const result = auto(signed(options));
		expect(result).toMatchObject({ valid: true, scheme });
	});

	it('accepts a t=,v1= header under another *-Signature name, with its replay window', () => {
		const { 'Stripe-Signature': value } = signed({ scheme: 'stripe' }) as Record<string, string>;
		expect(auto({ 'X-Acme-Signature': value })).toMatchObject({ valid: true, scheme: 'stripe' });
		expect(reasonOf(auto({ 'X-Acme-Signature': value }, { now: NOW + 412 }))).toBe(
			'timestamp 412 s old (window 300 s)',
		);
	});

	it('checks the platform-specific header when one is configured, and only then', () => {
		const headers = signed({
			scheme: 'hmacSha256',
			hmac: { header: 'X-BVA-Signature', encoding: 'hex' },
		});
		expect(auto(headers).valid).toBe(false);
		expect(auto(headers, { hmacHeader: 'X-BVA-Signature' })).toMatchObject({ valid: true });
	});

	it('tries both keys a whsec_ secret may stand for (its decoded key and its text)', () => {
		const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
		const decodedHex = createHmac('sha256', key).update(BODY).digest('hex');
		expect(auto({ 'X-Signature': decodedHex }).valid).toBe(true);
		expect(auto({ 'X-Signature': hmacHex(SECRET) }).valid).toBe(true);
	});

	it('keeps the replay window of timestamped schemes and reports the age', () => {
		const headers = signed({ scheme: 'standardWebhooks' });
		expect(reasonOf(auto(headers, { now: NOW + 412 }))).toBe('timestamp 412 s old (window 300 s)');
		expect(reasonOf(auto(headers, { now: NOW - 400 }))).toBe(
			'timestamp 400 s in the future (window 300 s)',
		);
		expect(auto(headers, { now: NOW + 412, toleranceSeconds: 600 }).valid).toBe(true);
		expect(auto(headers)).toMatchObject({ webhookId: headers['webhook-id'], timestamp: NOW });
	});

	it('never accepts a plain shared secret, in any header', () => {
		for (const header of [
			'X-Webhook-Secret',
			'X-Signature',
			'X-Webhook-Signature',
			'Stripe-Signature',
		])
			expect(auto({ [header]: SECRET }).valid).toBe(false);
		expect(auto(signed({ scheme: 'sharedSecret' })).valid).toBe(false);
		expect(reasonOf(auto(signed({ scheme: 'sharedSecret' })))).toBe(
			'no signature header found; headers seen: x-webhook-secret',
		);
	});

	it('says which headers it saw when none carries a signature — names only', () => {
		const reason = reasonOf(
			auto({ 'Content-Type': 'application/json', 'User-Agent': 'agent-secret-value' }),
		);
		expect(reason).toBe('no signature header found; headers seen: content-type, user-agent');
		expect(reasonOf(auto({}))).toBe('no signature header found; headers seen: none');
	});

	it('a wrong secret: "no scheme matched the secret", naming what was tried', () => {
		const headers = {
			...signed({ scheme: 'standardWebhooks' }, 'whsec_d3Jvbmc='),
			'X-Hub-Signature-256': `sha256=${hmacHex('wrong')}`,
		};
		expect(reasonOf(auto(headers))).toBe(
			'no scheme matched the secret (tried: Standard Webhooks; HMAC-SHA256 of the body in x-hub-signature-256)',
		);
		expect(reasonOf(auto(headers))).not.toContain(SECRET);
	});

	it('accepts when any scheme verifies, even if another header present does not', () => {
		const headers = {
			...signed({ scheme: 'standardWebhooks' }),
			'X-Signature': hmacHex('some-other-secret'),
		};
		expect(auto(headers)).toMatchObject({ valid: true, scheme: 'standardWebhooks' });
	});

	it('a tampered body fails every scheme', () => {
		const headers = { ...signed({ scheme: 'stripe' }), 'X-Signature': hmacHex(SECRET) };
		expect(auto(headers, {}, BODY.replace('c-1', 'c-2')).valid).toBe(false);
	});

	it('bounded work for many or huge signature-looking headers', () => {
		const many: HeaderMap = {};
		for (let i = 0; i < 5000; i++) many[`x-h${i}-signature`] = `t=${NOW},v1=${'0'.repeat(64)}`;
		const started = Date.now();
		expect(auto(many).valid).toBe(false);
		expect(auto({ 'Stripe-Signature': `t=${NOW},${'v1=00,'.repeat(200_000)}` }).valid).toBe(false);
		expect(reasonOf(auto({ 'X-Signature': 'A'.repeat(2_000_000) }))).toMatch(
			/^oversized x-signature header$/i,
		);
		expect(Date.now() - started).toBeLessThan(2000);
	});
});
