import { createServer, type Server } from 'http';

import { verifySignature } from '../../nodes/shared/signatures';
import { stableHex } from '../../sandbox/ids';
import { sandboxUnderTest, SANDBOX_KEYS } from './client';

const sb = sandboxUnderTest();
const key = SANDBOX_KEYS.butter.owner;
const AGENT = `agent_${stableHex('butter-agent-0')}`; // owns +15550100001
const MAIN_NUMBER = `phon_${stableHex('butter-phone-0')}`;

interface Callback {
	headers: Record<string, string | string[] | undefined>;
	raw: Buffer;
	body: Record<string, unknown>;
}

/** A callback receiver that keeps every delivery. */
async function receiver() {
	const received: Callback[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			received.push({ headers: req.headers, raw, body: JSON.parse(raw.toString()) });
			res.writeHead(200).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/butter-status`;
	const statuses = (callId: string) =>
		received.filter((c) => c.body.call_sid === callId).map((c) => c.body.status);
	return { url, received, statuses, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 4000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error('timed out waiting for the simulator');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

const TERMINAL = ['completed', 'busy', 'no-answer', 'failed', 'canceled'];
const dial = async (to: string, extra: Record<string, unknown> = {}) =>
	(
		await sb.call('POST', '/butter/v1/calls', {
			key,
			body: { agent_id: AGENT, to_number: to, ...extra },
		})
	).body.data.id as string;

let hook: Awaited<ReturnType<typeof receiver>>;
beforeEach(async () => {
	hook = await receiver();
	await sb.control('PUT', '/limits/butter', { enabled: false });
	await sb.control('PUT', '/butter/callback-settings', { url: hook.url, stepDelayMs: 5 });
});
afterEach(() => hook.close());

describe('Butter call simulator', () => {
	it('plays each outcome set per number, sending ordered status callbacks', async () => {
		await sb.control('PUT', '/butter/outcomes', {
			'+15551230002': 'busy',
			'+15551230003': 'no-answer',
			'+15551230004': 'failed',
			'+15551230005': 'canceled',
		});
		const calls = {
			completed: await dial('+15551230001', { metadata: { lead_id: 'L-9' } }),
			busy: await dial('+15551230002'),
			noAnswer: await dial('+15551230003'),
			failed: await dial('+15551230004'),
			canceled: await dial('+15551230005'),
		};
		await until(() =>
			Object.values(calls).every((id) => TERMINAL.includes(hook.statuses(id).at(-1) as string)),
		);
		expect(hook.statuses(calls.completed)).toEqual([
			'queued',
			'initiated',
			'ringing',
			'in-progress',
			'completed',
		]);
		expect(hook.statuses(calls.busy)).toEqual(['queued', 'initiated', 'ringing', 'busy']);
		expect(hook.statuses(calls.noAnswer)).toEqual(['queued', 'initiated', 'ringing', 'no-answer']);
		expect(hook.statuses(calls.failed)).toEqual(['queued', 'initiated', 'failed']);
		expect(hook.statuses(calls.canceled)).toEqual(['queued', 'initiated', 'ringing', 'canceled']);

		const completed = hook.received
			.filter((c) => c.body.call_sid === calls.completed)
			.map((c) => c.body);
		expect(completed[0]).toEqual({
			call_sid: calls.completed,
			status: 'queued',
			duration: 0,
			timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			error_code: null,
			error_message: null,
			direction: 'outbound',
			agent_id: AGENT,
			from_number: '+15550100001',
			to_number: '+15551230001',
			metadata: { lead_id: 'L-9' },
		});
		expect(completed.slice(0, 4).every((c) => c.duration === 0)).toBe(true);
		expect(completed[4]).toMatchObject({
			status: 'completed',
			error_code: null,
			duration: expect.any(Number),
		});
		expect(completed[4].duration).toBeGreaterThanOrEqual(1);
		const noAnswer = hook.received.filter((c) => c.body.call_sid === calls.noAnswer).at(-1)!.body;
		expect(noAnswer).toMatchObject({
			status: 'no-answer',
			error_code: 'no-answer',
			error_message: expect.any(String),
			duration: 0,
		});
		const busy = hook.received.filter((c) => c.body.call_sid === calls.busy).at(-1)!.body;
		expect(busy).toMatchObject({ error_code: 'busy' });
	});

	it('sends callbacks unsigned by default, as Butter documents no signing', async () => {
		const id = await dial('+15551230001');
		await until(() => hook.statuses(id).includes('completed'));
		expect(hook.received).toHaveLength(5);
		for (const callback of hook.received) {
			expect(
				Object.keys(callback.headers).filter((name) =>
					/secret|signature|^webhook-|^x-butter/i.test(name),
				),
			).toEqual([]);
		}
	});

	it('signs with the shared secret in X-Butter-Secret once a test asks for it, and stops again', async () => {
		await sb.control('PUT', '/butter/callback-settings', { scheme: 'sharedSecret' });
		const id = await dial('+15551230001');
		await until(() => hook.statuses(id).includes('completed'));
		for (const callback of hook.received) {
			expect(callback.headers['x-butter-secret']).toBe('butter-sandbox-webhook-secret');
			const check = verifySignature(callback.raw, callback.headers, {
				scheme: 'sharedSecret',
				secret: 'butter-sandbox-webhook-secret',
				sharedSecretHeader: 'X-Butter-Secret',
			});
			expect(check.valid).toBe(true);
		}
		expect(
			(await sb.control('PUT', '/butter/callback-settings', { scheme: 'none' })).body,
		).toMatchObject({ scheme: 'none' });
		const unsigned = await dial('+15551230001');
		await until(() => hook.statuses(unsigned).includes('completed'));
		const last = hook.received.filter((c) => c.body.call_sid === unsigned);
		expect(last.every((c) => c.headers['x-butter-secret'] === undefined)).toBe(true);
	});

	it('signs with another scheme when the organisation’s setting says so', async () => {
		const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
		await sb.control('PUT', '/butter/callback-settings', { scheme: 'standardWebhooks', secret });
		const id = await dial('+15551230001');
		await until(() => hook.statuses(id).includes('completed'));
		expect(
			hook.received.every(
				(c) => verifySignature(c.raw, c.headers, { scheme: 'standardWebhooks', secret }).valid,
			),
		).toBe(true);
		expect(hook.received[0].headers['x-butter-secret']).toBeUndefined();
	});

	it('updates the call as it goes, ending with cost, usage and a transcript', async () => {
		const id = await dial('+15551230001');
		await until(() => hook.statuses(id).includes('completed'));
		const detail = (await sb.call('GET', `/butter/v1/calls/${id}`, { key })).body.data;
		expect(detail).toMatchObject({
			status: 'completed',
			end_reason: 'agent_hangup',
			error_code: null,
		});
		expect(detail.started_at && detail.answered_at && detail.ended_at).toBeTruthy();
		expect(detail.duration_seconds).toBeGreaterThanOrEqual(1);
		expect(detail.cost.total).toBeGreaterThan(0);
		expect(detail.usage.stt_seconds).toBe(detail.duration_seconds);
		expect(detail.transcript.length).toBeGreaterThan(0);
		const stored = (await sb.control('GET', `/butter/calls/${id}`)).body;
		expect(stored).toMatchObject({
			id,
			status: 'completed',
			phone_number_id: MAIN_NUMBER,
			extras: {},
		});
		expect((await sb.control('GET', '/butter/calls/call_000000000000')).status).toBe(404);
		const { entries } = (await sb.control('GET', '/ledger?platform=butter&action=webhook.sent'))
			.body;
		expect(
			entries.map((e: { resourceId: string; details: unknown }) => [e.resourceId, e.details]),
		).toEqual(
			['queued', 'initiated', 'ringing', 'in-progress', 'completed'].map((status) => [
				id,
				{ status },
			]),
		);
	});

	it('sends to the number’s own webhook_url rather than the system-wide URL', async () => {
		const own = await receiver();
		try {
			await sb.call('PATCH', `/butter/v1/phone-numbers/${MAIN_NUMBER}`, {
				key,
				body: { webhook_url: own.url },
			});
			const id = await dial('+15551230001');
			await until(() => own.statuses(id).includes('completed'));
			expect(own.statuses(id)).toEqual([
				'queued',
				'initiated',
				'ringing',
				'in-progress',
				'completed',
			]);
			expect(hook.received).toHaveLength(0);
		} finally {
			await own.close();
		}
	});

	it('sends nothing when no URL is set, yet the call still ends', async () => {
		await sb.control('PUT', '/butter/callback-settings', { url: null });
		await sb.control('PUT', '/butter/outcomes', { '+15551230003': 'no-answer' });
		const id = await dial('+15551230003');
		await until(
			async () =>
				(await sb.call('GET', `/butter/v1/calls/${id}`, { key })).body.data.status === 'no-answer',
		);
		expect(hook.received).toHaveLength(0);
		expect(
			(await sb.control('GET', '/ledger?platform=butter&action=webhook.sent')).body.entries,
		).toEqual([]);
	});

	it('a reset cancels the rest of a call in flight', async () => {
		await sb.control('PUT', '/butter/callback-settings', { stepDelayMs: 150 });
		const id = await dial('+15551230001');
		await until(() => hook.statuses(id).length === 1);
		await sb.control('POST', '/reset');
		await new Promise((resolve) => setTimeout(resolve, 400));
		expect(hook.statuses(id)).toEqual(['queued']);
		expect((await sb.control('GET', '/scheduler')).body.pending).toBe(0);
	});

	it('refuses bad control input', async () => {
		expect((await sb.control('PUT', '/butter/outcomes', { '555': 'busy' })).status).toBe(400);
		expect(
			(await sb.control('PUT', '/butter/outcomes', { '+15551230002': 'exploded' })).status,
		).toBe(400);
		expect((await sb.control('PUT', '/butter/callback-settings', { url: 'ftp://x' })).status).toBe(
			400,
		);
		expect((await sb.control('PUT', '/butter/callback-settings', { stepDelayMs: -1 })).status).toBe(
			400,
		);
		expect((await sb.control('PUT', '/butter/callback-settings', { scheme: 'rot13' })).status).toBe(
			400,
		);
		const settings = (await sb.control('PUT', '/butter/callback-settings', {})).body;
		expect(settings).toEqual({
			url: hook.url,
			scheme: 'none',
			secret: 'butter-sandbox-webhook-secret',
			sharedSecretHeader: 'X-Butter-Secret',
			stepDelayMs: 5,
		});
	});
});
