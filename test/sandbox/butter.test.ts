import { sandboxUnderTest, SANDBOX_KEYS } from './client';

const sb = sandboxUnderTest();
const key = SANDBOX_KEYS.butter.owner;

describe('Butter agents: page-style listing as in the seed', () => {
	it('pages through 250 seeded agents with page, total and hasNext', async () => {
		const first = await sb.call('GET', '/butter/v1/agents?limit=100', { key });
		expect(first.body.pagination).toEqual({ page: 1, total: 250, hasNext: true });
		expect(first.body.data).toHaveLength(100);
		const last = await sb.call('GET', '/butter/v1/agents?limit=100&page=3', { key });
		expect(last.body.pagination).toEqual({ page: 3, total: 250, hasNext: false });
		expect(last.body.data).toHaveLength(50);
		const ids = new Set([...first.body.data, ...last.body.data].map((a: { id: string }) => a.id));
		expect(ids.size).toBe(150);
		expect(first.body.data[0].id).toMatch(/^agent_[0-9a-f]{12}$/);
	});

	it('defaults to 20 per page and filters by mode', async () => {
		expect((await sb.call('GET', '/butter/v1/agents', { key })).body.data).toHaveLength(20);
		const commercial = await sb.call('GET', '/butter/v1/agents?mode=commercial&limit=100', { key });
		expect(commercial.body.data.every((a: { mode: string }) => a.mode === 'commercial')).toBe(true);
		expect(commercial.body.pagination.total).toBeLessThan(250);
	});

	it.each(['101', '0', 'abc'])(
		'refuses limit=%s with a validation_error on the field',
		async (limit) => {
			const answer = await sb.call('GET', `/butter/v1/agents?limit=${limit}`, { key });
			expect(answer.status).toBe(400);
			expect(answer.body.error).toMatchObject({ code: 'validation_error', field: 'limit' });
		},
	);

	it('gets one agent with the seed’s detail fields, or a 404', async () => {
		const [agent] = (await sb.call('GET', '/butter/v1/agents?limit=1', { key })).body.data;
		const detail = await sb.call('GET', `/butter/v1/agents/${agent.id}`, { key });
		expect(detail.body.success).toBe(true);
		expect(detail.body.data).toMatchObject({
			id: agent.id,
			systemPrompt: expect.any(String),
			language: 'en',
		});
		const missing = await sb.call('GET', '/butter/v1/agents/agent_000000000000', { key });
		expect([missing.status, missing.body.error]).toEqual([
			404,
			{ code: 'not_found', message: 'Agent agent_000000000000 not found' },
		]);
	});

	it('limits Starter keys to 10 requests per second with a 429 and Retry-After', async () => {
		const { body: limits } = await sb.control('GET', '/limits');
		expect(limits.butter.rules.requests).toEqual({ limit: 10, windowMs: 1000 });
		// A long window keeps the count exact however slowly a loaded machine sends.
		await sb.control('PUT', '/limits/butter', { requests: { limit: 10, windowMs: 60_000 } });
		const answers = await Promise.all(
			Array.from({ length: 12 }, () => sb.call('GET', '/butter/v1/agents?limit=1', { key })),
		);
		const refused = answers.filter((a) => a.status === 429);
		expect(refused).toHaveLength(2);
		expect(refused[0].body.error.code).toBe('RATE_LIMITED');
		expect(Number(refused[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
	});
});
