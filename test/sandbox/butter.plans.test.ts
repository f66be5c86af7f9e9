import { stableHex } from '../../sandbox/ids';
import { sandboxUnderTest, SANDBOX_KEYS } from './client';

const sb = sandboxUnderTest();
const key = SANDBOX_KEYS.butter.owner;

const burst = async (count: number) => {
	const answers = await Promise.all(
		Array.from({ length: count }, () => sb.call('GET', '/butter/v1/tools?limit=1', { key })),
	);
	return answers.filter((answer) => answer.status === 429).length;
};

describe('Butter plans and rate limits', () => {
	it('Starter refuses a burst of 20 with 429s; Pro (50 rps) admits it', async () => {
		expect((await sb.control('GET', '/limits')).body.butter.rules.requests).toEqual({
			limit: 10,
			windowMs: 1000,
		});
		expect(await burst(20)).toBeGreaterThan(0);
		const pro = await sb.control('PUT', '/butter/plan', { plan: 'pro' });
		expect(pro.status).toBe(200);
		expect(pro.body).toMatchObject({
			plan: 'pro',
			limits: { rules: { requests: { limit: 50, windowMs: 1000 } } },
		});
		expect(await burst(20)).toBe(0);
		await sb.control('PUT', '/butter/plan', { plan: 'starter' });
		expect((await sb.control('GET', '/limits')).body.butter.rules.requests).toEqual({
			limit: 10,
			windowMs: 1000,
		});
	});

	it('refuses an unknown plan, and a reset goes back to Starter', async () => {
		expect((await sb.control('PUT', '/butter/plan', { plan: 'enterprise' })).status).toBe(400);
		await sb.control('PUT', '/butter/plan', { plan: 'pro' });
		await sb.control('POST', '/reset');
		expect((await sb.control('GET', '/limits')).body.butter.rules.requests).toEqual({
			limit: 10,
			windowMs: 1000,
		});
	});
});

describe('Butter reset', () => {
	it('puts back the seeded organisation and drops what was created', async () => {
		await sb.control('PUT', '/limits/butter', { enabled: false });
		await sb.control('PUT', '/butter/outcomes', { '+15551230002': 'busy' });
		const number = `phon_${stableHex('butter-phone-1')}`;
		await sb.call('DELETE', `/butter/v1/phone-numbers/${number}`, { key });
		await sb.call('POST', '/butter/v1/tools', {
			key,
			body: { name: 't', description: 'd', webhook_url: 'https://x.example.com' },
		});
		await sb.call('POST', '/butter/v1/knowledge-base', { key, body: { name: 'n', text: 't' } });
		await sb.control('POST', '/reset');
		await sb.control('PUT', '/limits/butter', { enabled: false });
		const total = async (path: string) =>
			(await sb.call('GET', `/butter/v1/${path}`, { key })).body.pagination.total_count;
		expect([
			await total('phone-numbers'),
			await total('tools'),
			await total('knowledge-base'),
			await total('calls'),
			await total('integrations'),
		]).toEqual([3, 0, 0, 260, 1]);
		expect((await sb.control('PUT', '/butter/outcomes', {})).body).toEqual({});
		expect((await sb.control('PUT', '/butter/callback-settings', {})).body).toMatchObject({
			url: null,
			stepDelayMs: 50,
		});
	});
});
