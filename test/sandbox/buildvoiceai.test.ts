import { BUILDVOICEAI_AGENTS } from '../../sandbox/keys';
import { sandboxUnderTest, SANDBOX_KEYS } from './client';

const sb = sandboxUnderTest();
const key = SANDBOX_KEYS.buildVoiceAi.primary;
const trigger = (body: unknown, k: string = key) =>
	sb.call('POST', '/buildvoiceai/api/v1/calls/trigger', { key: k, body });
const ledger = async () => (await sb.control('GET', '/ledger?platform=buildvoiceai')).body;

describe('BuildVoiceAI POST /calls/trigger', () => {
	it('places a call with the default agent and records it in the ledger', async () => {
		const answer = await trigger({ phone_number: '+15551234567', metadata: { lead: 'L-1' } });
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			success: true,
			data: { call_id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'initiated' },
		});
		const { entries } = await ledger();
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({
			action: 'call.dialed',
			resourceId: answer.body.data.call_id,
			details: {
				phone: '+15551234567',
				agentId: BUILDVOICEAI_AGENTS[key][0],
				metadata: { lead: 'L-1' },
			},
		});
	});

	it.each([
		[{}, 'Invalid phone number: phone_number must be in E.164 format (e.g. +15551234567)'],
		[
			{ phone_number: '5551234567' },
			'Invalid phone number: phone_number must be in E.164 format (e.g. +15551234567)',
		],
		[
			{ phone_number: '+15551234567', agent_id: '00000000-0000-4000-8000-000000000000' },
			'Agent not found',
		],
		[{ phone_number: '+15551234567', agent_id: 'not-a-uuid' }, 'Agent not found'],
	])('answers 400 for %j', async (body, message) => {
		const answer = await trigger(body);
		expect([answer.status, answer.body]).toEqual([400, { success: false, error: message }]);
		expect((await ledger()).entries).toEqual([]);
	});

	it('refuses an account with no default agent when agent_id is absent, and accepts its own agent', async () => {
		const other = SANDBOX_KEYS.buildVoiceAi.noDefaultAgent;
		expect((await trigger({ phone_number: '+15551234567' }, other)).body.error).toBe(
			'No agent_id provided and no default agent is configured',
		);
		expect(
			(
				await trigger(
					{ phone_number: '+15551234567', agent_id: BUILDVOICEAI_AGENTS[other][1] },
					other,
				)
			).status,
		).toBe(200);
	});

	it('answers every request 403 when API access is disabled', async () => {
		await sb.control('PUT', `/buildvoiceai/accounts/${key}`, { apiAccess: false });
		expect((await trigger({ phone_number: '+15551234567' })).body).toEqual({
			success: false,
			error: 'API access is disabled for this account',
		});
	});

	it('limits requests per minute with 429 + Retry-After (window shortened through the control API)', async () => {
		await sb.control('PUT', '/limits/buildvoiceai', { requests: { limit: 3, windowMs: 60_000 } });
		const answers = [];
		for (let i = 0; i < 4; i++) answers.push(await trigger({ phone_number: `+1555123000${i}` }));
		expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
		expect(answers[3].body.error).toBe('Rate limit exceeded: 3 requests per minute');
		expect(Number(answers[3].headers.get('retry-after'))).toBeGreaterThan(50);
	});

	it('limits concurrent calls to 10 per key', async () => {
		await sb.control('PUT', `/buildvoiceai/accounts/${key}`, { callDurationMs: 60_000 });
		const answers = await Promise.all(
			Array.from({ length: 12 }, (_, i) =>
				trigger({ phone_number: `+1555123${String(i).padStart(4, '0')}` }),
			),
		);
		const refused = answers.filter((a) => a.status === 429);
		expect(refused).toHaveLength(2);
		expect(refused[0].body.error).toBe('Concurrent call limit reached: 10 calls in progress');
		expect(refused[0].headers.get('retry-after')).toBeTruthy();
		expect((await ledger()).entries).toHaveLength(10);
	});
});

describe('BuildVoiceAI call simulator and webhook settings', () => {
	/** A receiver that records what arrives and answers 200. */
	async function collector() {
		const { createServer } = await import('http');
		const received: Array<{ headers: Record<string, unknown>; body: Record<string, unknown> }> = [];
		const server = createServer((req, res) => {
			let text = '';
			req.on('data', (chunk) => (text += chunk));
			req.on('end', () => {
				received.push({ headers: req.headers, body: JSON.parse(text) });
				res.writeHead(200).end('{}');
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
		return {
			url,
			received,
			close: () => new Promise<void>((resolve) => server.close(() => resolve())),
		};
	}
	const settle = async (count: () => number, n: number) => {
		for (let i = 0; i < 500 && count() < n; i++) await new Promise((r) => setTimeout(r, 10));
	};

	it('saving a webhook URL generates a Standard Webhooks signing secret, as the dashboard does', async () => {
		const saved = await sb.control('PUT', `/buildvoiceai/accounts/${key}/webhook`, {
			url: 'http://127.0.0.1:9/x',
		});
		expect(saved.body).toMatchObject({
			url: 'http://127.0.0.1:9/x',
			scheme: 'standardWebhooks',
			eventStyle: 'dotted',
		});
		expect(saved.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
	});

	it('sends signed call.started then the outcome chosen for the number, with the call’s metadata', async () => {
		const hook = await collector();
		try {
			await sb.control('PUT', `/buildvoiceai/accounts/${key}`, {
				callDurationMs: 100,
				startDelayMs: 5,
			});
			await sb.control('PUT', `/buildvoiceai/accounts/${key}/webhook`, {
				url: hook.url,
				secret: 'whsec_dGVzdA==',
			});
			await sb.control('PUT', '/buildvoiceai/outcomes', { '+15551230002': 'no-answer' });
			const ok = await trigger({
				phone_number: '+15551230001',
				name: 'Ada',
				metadata: { lead: 'L-1' },
			});
			const failed = await trigger({ phone_number: '+15551230002' });
			await settle(() => hook.received.length, 4);
			const of = (id: string) =>
				hook.received.filter((r) => r.body.call_id === id).map((r) => r.body);
			expect(of(ok.body.data.call_id).map((b) => b.event)).toEqual([
				'call.started',
				'call.completed',
			]);
			expect(of(failed.body.data.call_id).map((b) => [b.event, b.status])).toEqual([
				['call.started', undefined],
				['call.failed', 'no-answer'],
			]);
			const completed = of(ok.body.data.call_id)[1];
			expect(completed).toMatchObject({
				direction: 'outbound',
				phone_number: '+15551230001',
				metadata: { lead: 'L-1' },
			});
			expect((completed.transcript as unknown[]).length).toBeGreaterThan(0);
			for (const { headers } of hook.received) {
				expect(headers).toHaveProperty('webhook-id');
				expect(String(headers['webhook-signature'])).toMatch(/^v1,/);
			}
			const sent = (await ledger()).entries.filter(
				(e: { action: string }) => e.action === 'webhook.sent',
			);
			expect(sent).toHaveLength(4);
		} finally {
			await hook.close();
		}
	});

	it('places calls without sending anything when no webhook URL is saved', async () => {
		await sb.control('PUT', `/buildvoiceai/accounts/${key}`, {
			callDurationMs: 20,
			startDelayMs: 0,
		});
		await trigger({ phone_number: '+15551230001' });
		await new Promise((r) => setTimeout(r, 80));
		expect((await sb.control('GET', '/deliveries')).body.deliveries).toEqual([]);
	});

	it('refuses an outcome for a number that is not E.164, and a test event without a saved URL', async () => {
		expect((await sb.control('PUT', '/buildvoiceai/outcomes', { '555': 'failed' })).status).toBe(
			400,
		);
		expect((await sb.control('POST', `/buildvoiceai/accounts/${key}/test-event`)).status).toBe(404);
	});
});
