import { sandboxUnderTest, SANDBOX_KEYS } from './client';

const sb = sandboxUnderTest();

describe('each platform answers a missing or wrong key with its own 401 envelope', () => {
	it('Butter AI', async () => {
		const missing = await sb.call('GET', '/butter/v1/agents');
		expect(missing.status).toBe(401);
		expect(missing.body).toEqual({
			success: false,
			error: { code: 'UNAUTHORIZED', message: 'Missing API key' },
		});
		const wrong = await sb.call('GET', '/butter/v1/agents', { key: 'nope' });
		expect(wrong.body).toEqual({
			success: false,
			error: { code: 'UNAUTHORIZED', message: 'Invalid API key' },
		});
		expect(wrong.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]+$/);
	});

	it('Butter AI also takes X-API-Key with the right X-Organization-Id', async () => {
		const key = SANDBOX_KEYS.butter.owner;
		const good = await sb.call('GET', '/butter/v1/agents', {
			headers: { 'x-api-key': key, 'x-organization-id': 'org_sandbox0001' },
		});
		expect(good.status).toBe(200);
		const wrongOrg = await sb.call('GET', '/butter/v1/agents', {
			headers: { 'x-api-key': key, 'x-organization-id': 'org_x' },
		});
		expect(wrongOrg.status).toBe(401);
	});

	it('BuildVoiceAI', async () => {
		expect(
			(await sb.call('POST', '/buildvoiceai/api/v1/calls/trigger', { body: {} })).body,
		).toEqual({
			success: false,
			error: 'Missing API key',
		});
		const wrong = await sb.call('POST', '/buildvoiceai/api/v1/calls/trigger', {
			key: 'bvai_sk_x',
			body: {},
		});
		expect([wrong.status, wrong.body]).toEqual([401, { success: false, error: 'Invalid API key' }]);
	});

	it('Aitelier, with all four error fields', async () => {
		const wrong = await sb.call('GET', '/aitelier/v1/wallet', { key: 'avp_live_x' });
		expect(wrong.status).toBe(401);
		expect(wrong.body).toEqual({
			error: {
				code: 'unauthenticated',
				message: 'Invalid API key',
				field: null,
				request_id: wrong.headers.get('x-request-id'),
			},
		});
	});
});
