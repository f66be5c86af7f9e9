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

/** Issue 15 (point 6): the texts disagree on paging, so every list can answer in either style. */
describe('Butter list-style switch (PUT /_sandbox/butter/list-style)', () => {
	const setStyle = (style: string) =>
		sb.call('PUT', '/_sandbox/butter/list-style', { body: { style } });

	it('documented (the default): agents page-style, the other lists cursor-style', async () => {
		const agents = await sb.call('GET', '/butter/v1/agents?limit=5', { key });
		expect(agents.body.pagination).toEqual({ page: 1, total: 250, hasNext: true });
		const calls = await sb.call('GET', '/butter/v1/calls?limit=5', { key });
		expect(calls.body.pagination).toMatchObject({ has_more: true, page_size: 5 });
		expect(typeof calls.body.pagination.next_cursor).toBe('string');
	});

	it('cursor: agents follow next_cursor to the end, each once', async () => {
		expect((await setStyle('cursor')).status).toBe(200);
		const ids: string[] = [];
		let cursor: string | null = null;
		do {
			const page: Awaited<ReturnType<typeof sb.call>> = await sb.call(
				'GET',
				`/butter/v1/agents?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
				{ key },
			);
			expect(page.status).toBe(200);
			ids.push(...page.body.data.map((a: { id: string }) => a.id));
			cursor = page.body.pagination.next_cursor;
			expect(page.body.pagination.has_more).toBe(cursor !== null);
		} while (cursor);
		expect(ids).toHaveLength(250);
		expect(new Set(ids).size).toBe(250);
	});

	it('page: the other lists answer page, total and hasNext', async () => {
		await setStyle('page');
		const first = await sb.call('GET', '/butter/v1/calls?limit=100', { key });
		const total = first.body.pagination.total;
		expect(total).toBeGreaterThan(200);
		expect(first.body.pagination).toEqual({ page: 1, total, hasNext: true });
		const last = await sb.call('GET', `/butter/v1/calls?limit=100&page=${Math.ceil(total / 100)}`, {
			key,
		});
		expect(last.body.pagination.hasNext).toBe(false);
		expect(last.body.data).toHaveLength(total % 100 || 100);
	});

	it('refuses an unknown style; a reset goes back to documented', async () => {
		expect((await setStyle('offset')).status).toBe(400);
		await setStyle('cursor');
		await sb.control('POST', '/reset');
		const agents = await sb.call('GET', '/butter/v1/agents?limit=5', { key });
		expect(agents.body.pagination.hasNext).toBe(true);
	});

	it('seeds agents with IDs shaped like the agents text’s examples, readable by ID', async () => {
		for (const id of ['agent_abc123', 'agent_b7', 'agent-support-7', 'AGENT_Sales_Bot_2024']) {
			const detail = await sb.call('GET', `/butter/v1/agents/${id}`, { key });
			expect(detail.status).toBe(200);
			expect(detail.body.data.id).toBe(id);
		}
	});
});

/** Issue 15 (point 7): faults that answer 2xx without a success. */
describe('2xx faults', () => {
	it('success-false answers 200 {success: false, error} after acting', async () => {
		await sb.call('POST', '/_sandbox/faults', {
			body: {
				platform: 'butter',
				path: '/v1/tools',
				method: 'POST',
				kind: 'success-false',
				times: 1,
			},
		});
		const answer = await sb.call('POST', '/butter/v1/tools', {
			key,
			body: { name: 'lookup', description: 'Find', webhook_url: 'https://x.example.com/o' },
		});
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ success: false, error: 'The request could not be completed' });
		const tools = await sb.call('GET', '/butter/v1/tools', { key });
		expect(tools.body.data).toHaveLength(1);
	});

	it('html-200 answers an HTML page with status 200, before acting', async () => {
		await sb.call('POST', '/_sandbox/faults', {
			body: { platform: 'butter', path: '/v1/agents', kind: 'html-200', times: 1 },
		});
		const response = await fetch(`${sb.url}/butter/v1/agents`, {
			headers: { authorization: `Bearer ${key}` },
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('text/html');
		expect(await response.text()).toMatch(/^<!DOCTYPE html>/);
	});
});
