import { BUILDVOICEAI_AGENTS } from '../../sandbox/keys';
import { sandboxUnderTest, SANDBOX_KEYS } from './client';

const sb = sandboxUnderTest();
const key = SANDBOX_KEYS.buildVoiceAi.primary;
const trigger = (body: unknown, k: string = key) => sb.call('POST', '/buildvoiceai/api/v1/calls/trigger', { key: k, body });
const ledger = async () => (await sb.control('GET', '/ledger?platform=buildvoiceai')).body;

describe('BuildVoiceAI POST /calls/trigger', () => {
	it('places a call with the default agent and records it in the ledger', async () => {
		const answer = await trigger({ phone_number: '+15551234567', metadata: { lead: 'L-1' } });
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ success: true, data: { call_id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'initiated' } });
		const { entries } = await ledger();
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({
			action: 'call.dialed',
			resourceId: answer.body.data.call_id,
			details: { phone: '+15551234567', agentId: BUILDVOICEAI_AGENTS[key][0], metadata: { lead: 'L-1' } },
		});
	});

	it.each([
		[{}, 'Invalid phone number: phone_number must be in E.164 format (e.g. +15551234567)'],
		[{ phone_number: '5551234567' }, 'Invalid phone number: phone_number must be in E.164 format (e.g. +15551234567)'],
		[{ phone_number: '+15551234567', agent_id: '00000000-0000-4000-8000-000000000000' }, 'Agent not found'],
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
		expect((await trigger({ phone_number: '+15551234567', agent_id: BUILDVOICEAI_AGENTS[other][1] }, other)).status).toBe(200);
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
		const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => trigger({ phone_number: `+1555123${String(i).padStart(4, '0')}` })));
		const refused = answers.filter((a) => a.status === 429);
		expect(refused).toHaveLength(2);
		expect(refused[0].body.error).toBe('Concurrent call limit reached: 10 calls in progress');
		expect(refused[0].headers.get('retry-after')).toBeTruthy();
		expect((await ledger()).entries).toHaveLength(10);
	});
});
