import { createServer, type Server } from 'http';

import {
	type SignatureOptions,
	type SignatureScheme,
	verifySignature,
} from '../../nodes/shared/signatures';
import { sandboxUnderTest } from './client';

const sb = sandboxUnderTest();

interface Received {
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

/** A receiver answering from a script of statuses, keeping every delivery. */
async function receiver(statuses: number[] = []) {
	const received: Received[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			received.push({ headers: req.headers, body: Buffer.concat(chunks) });
			res.writeHead(statuses[received.length - 1] ?? 200).end();
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
	return { url, received, close: () => new Promise((r) => server.close(r)) };
}

const payload = { event: 'call.completed', call_id: 'c-1', metadata: { lead: 'L-1' } };
const schemes: Array<[SignatureScheme, Partial<SignatureOptions>]> = [
	['standardWebhooks', {}],
	['stripe', {}],
	['hmacSha256', { hmac: { header: 'X-Signature', encoding: 'base64', prefix: 'sha256=' } }],
	['sharedSecret', { sharedSecretHeader: 'X-Vapi-Secret' }],
];

describe('webhook sender', () => {
	beforeEach(() => sb.control('PUT', '/webhook-settings', { maxAttempts: 5, baseDelayMs: 20 }));

	it.each(schemes)(
		'%s: deliveries verify with the shared signature module',
		async (scheme, extra) => {
			const hook = await receiver();
			const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
			const answer = await sb.control('POST', '/webhooks/deliver', {
				url: hook.url,
				scheme,
				secret,
				payload,
				...extra,
			});
			await hook.close();
			expect(answer.body.delivered).toBe(true);
			expect(hook.received).toHaveLength(1);
			const { headers, body } = hook.received[0];
			expect(JSON.parse(body.toString())).toEqual(payload);
			expect(verifySignature(body, headers, { scheme, secret, ...extra }).valid).toBe(true);
			expect(verifySignature(body, headers, { scheme, secret: `${secret}x`, ...extra }).valid).toBe(
				false,
			);
		},
	);

	it('retries a receiver that fails twice, and records each attempt', async () => {
		const hook = await receiver([500, 503, 200]);
		const answer = await sb.control('POST', '/webhooks/deliver', {
			url: hook.url,
			scheme: 'standardWebhooks',
			secret: 's',
			payload,
		});
		await hook.close();
		expect(answer.body.delivered).toBe(true);
		expect(answer.body.attempts.map((a: { status: number }) => a.status)).toEqual([500, 503, 200]);
		expect(hook.received).toHaveLength(3);
		const { deliveries } = (await sb.control('GET', '/deliveries')).body;
		expect(deliveries.map((d: { attempt: number; event: string }) => [d.attempt, d.event])).toEqual(
			[
				[1, 'call.completed'],
				[2, 'call.completed'],
				[3, 'call.completed'],
			],
		);
	});

	it('gives up after maxAttempts', async () => {
		await sb.control('PUT', '/webhook-settings', { maxAttempts: 2, baseDelayMs: 10 });
		const hook = await receiver([500, 500, 500]);
		const answer = await sb.control('POST', '/webhooks/deliver', {
			url: hook.url,
			scheme: 'stripe',
			secret: 's',
			payload,
		});
		await hook.close();
		expect(answer.body.delivered).toBe(false);
		expect(hook.received).toHaveLength(2);
	});

	it.each(['tamperBody', 'wrongSecret', 'staleTimestamp', 'dropSignature'])(
		'mutate=%s produces one delivery that fails verification',
		async (mutate) => {
			const hook = await receiver([401]);
			const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
			await sb.control('POST', '/webhooks/deliver', {
				url: hook.url,
				scheme: 'standardWebhooks',
				secret,
				payload,
				mutate,
			});
			await hook.close();
			expect(hook.received).toHaveLength(1);
			const { headers, body } = hook.received[0];
			expect(verifySignature(body, headers, { scheme: 'standardWebhooks', secret }).valid).toBe(
				false,
			);
		},
	);
});
