import { createServer, type IncomingHttpHeaders } from 'http';
import { Webhook } from 'standardwebhooks';

import { type SignatureOptions, verifySignature } from '../../nodes/shared/signatures';
import { generateStandardWebhooksSecret, signPayload } from '../../sandbox/signing';
import { type DeliveryMutation, WebhookSender } from '../../sandbox/webhooks';

/*
 * The sandbox signs with its own code (and the Standard Webhooks reference package), the triggers
 * verify with nodes/shared/signatures.ts. Both sides are checked against each other here, and the
 * sandbox's Standard Webhooks deliveries against the reference package's own verifier.
 */

const NOW = 1_800_000_000;
const BODY = JSON.stringify({
	event: 'call.completed',
	call_id: 'c-1',
	transcript: [{ role: 'agent', content: 'héllo' }],
});
const SECRET = generateStandardWebhooksSecret();

const variants: Array<[string, SignatureOptions]> = [
	['standardWebhooks', { scheme: 'standardWebhooks', secret: SECRET }],
	[
		'standardWebhooks (plain passphrase)',
		{ scheme: 'standardWebhooks', secret: 'plain passphrase' },
	],
	['stripe', { scheme: 'stripe', secret: SECRET }],
	['hmacSha256 (hex, default header)', { scheme: 'hmacSha256', secret: SECRET }],
	[
		'hmacSha256 (base64, prefix)',
		{
			scheme: 'hmacSha256',
			secret: SECRET,
			hmac: { header: 'X-Sig', encoding: 'base64', prefix: 'sha256=' },
		},
	],
	['sharedSecret (default header)', { scheme: 'sharedSecret', secret: SECRET }],
	[
		'sharedSecret (custom header)',
		{ scheme: 'sharedSecret', secret: SECRET, sharedSecretHeader: 'X-Api-Token' },
	],
];

describe('sandbox signer → nodes/shared/signatures verifier', () => {
	it.each(variants)('%s: verifies, and not under another secret', (_label, options) => {
		const headers = signPayload(BODY, { ...options, now: NOW });
		expect(verifySignature(BODY, headers, { ...options, now: NOW })).toMatchObject({ valid: true });
		expect(
			verifySignature(BODY, headers, {
				...options,
				now: NOW,
				secret: generateStandardWebhooksSecret(),
			}).valid,
		).toBe(false);
	});

	it.each(variants.filter(([, options]) => options.scheme !== 'sharedSecret'))(
		'%s: signs the exact bytes, also when not UTF-8',
		(_label, options) => {
			const raw = Buffer.concat([Buffer.from(BODY), Buffer.from([0xff, 0xfe, 0x00])]);
			expect(
				verifySignature(raw, signPayload(raw, { ...options, now: NOW }), { ...options, now: NOW })
					.valid,
			).toBe(true);
		},
	);

	it('signs the time it is given, so a stale delivery is refused as stale', () => {
		const options: SignatureOptions = { scheme: 'stripe', secret: SECRET, now: NOW };
		const stale = signPayload(BODY, { ...options, timestamp: NOW - 3600 });
		expect(verifySignature(BODY, stale, options)).toEqual({
			valid: false,
			reason: 'timestamp 3600 s old (window 300 s)',
		});
	});

	it('reproduces the published Standard Webhooks vector', () => {
		const vector = {
			secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
			id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
			timestamp: 1614265330,
		};
		const headers = signPayload('{"test": 2432232314}', {
			scheme: 'standardWebhooks',
			...vector,
			webhookId: vector.id,
		});
		expect(headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
	});
});

/** A local receiver that keeps each delivery's raw bytes and headers. */
async function receiver() {
	const received: Array<{ body: Buffer; headers: IncomingHttpHeaders }> = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ body: Buffer.concat(chunks), headers: req.headers });
			res.writeHead(200).end();
		});
	});
	await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
	const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
	return { url, received, close: () => new Promise((closed) => server.close(closed)) };
}

const asStrings = (headers: IncomingHttpHeaders) =>
	Object.fromEntries(
		Object.entries(headers).filter(
			(entry): entry is [string, string] => typeof entry[1] === 'string',
		),
	);

describe('a Standard Webhooks delivery from the sandbox', () => {
	const payload = {
		type: 'call.completed',
		data: { call_id: 'c-1', summary: 'Spoke with Ana — follow up' },
	};

	async function deliver(mutate?: DeliveryMutation) {
		const hook = await receiver();
		const sender = new WebhookSender(
			() => ({ maxAttempts: 1, baseDelayMs: 0 }),
			() => Date.now(),
		);
		try {
			await sender.deliver({
				url: hook.url,
				scheme: 'standardWebhooks',
				secret: SECRET,
				payload,
				mutate,
			});
		} finally {
			await hook.close();
		}
		expect(hook.received).toHaveLength(1);
		return hook.received[0];
	}

	it('verifies with the reference package and with the triggers’ verifier alike', async () => {
		const { body, headers } = await deliver();
		expect(new Webhook(SECRET).verify(body, asStrings(headers))).toEqual(payload);
		expect(
			verifySignature(body, headers, { scheme: 'standardWebhooks', secret: SECRET }).valid,
		).toBe(true);
	});

	it.each<DeliveryMutation>(['tamperBody', 'wrongSecret', 'staleTimestamp', 'dropSignature'])(
		'%s: refused by the reference package and by the triggers’ verifier alike',
		async (mutate) => {
			const { body, headers } = await deliver(mutate);
			expect(() => new Webhook(SECRET).verify(body, asStrings(headers))).toThrow();
			expect(
				verifySignature(body, headers, { scheme: 'standardWebhooks', secret: SECRET }).valid,
			).toBe(false);
		},
	);
});
