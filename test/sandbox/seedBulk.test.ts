import { sandboxUnderTest, SANDBOX_KEYS } from './client';

/** POST /_sandbox/seed: the large lists `npm run bench` pages through, gone again after a reset. */
const sb = sandboxUnderTest();

beforeEach(async () => {
	// Paging 10,000 records must not meet the per-second limits here.
	for (const platform of ['butter', 'aitelier'])
		await sb.control('PUT', `/limits/${platform}`, { enabled: false });
});

interface AgentPage {
	data: Array<{ id: string; name: string; agentArchitecture: string }>;
	pagination: { page: number; total: number; hasNext: boolean };
}

interface SessionPage {
	data: Array<{ id: string; created_at: string; status: string }>;
	pagination: { next_cursor: string | null; has_more: boolean; total_count: number };
}

async function allAgentPages(): Promise<{ ids: string[]; requests: number }> {
	const ids: string[] = [];
	let requests = 0;
	for (let page = 1; ; page++) {
		const answer = await sb.call('GET', `/butter/v1/agents?page=${page}&limit=100`, {
			key: SANDBOX_KEYS.butter.owner,
		});
		requests++;
		const body = answer.body as AgentPage;
		ids.push(...body.data.map((agent) => agent.id));
		if (!body.pagination.hasNext) return { ids, requests };
	}
}

async function allSessionPages(): Promise<{ sessions: SessionPage['data']; requests: number }> {
	const sessions: SessionPage['data'] = [];
	let cursor: string | null = null;
	let requests = 0;
	do {
		const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
		const answer = await sb.call('GET', `/aitelier/v1/sessions?limit=100${query}`, {
			key: SANDBOX_KEYS.aitelier.full,
		});
		requests++;
		const body = answer.body as SessionPage;
		sessions.push(...body.data);
		cursor = body.pagination.has_more ? body.pagination.next_cursor : null;
	} while (cursor);
	return { sessions, requests };
}

describe('POST /_sandbox/seed', () => {
	it('adds Butter agents of the seeded shape: 10,000 in all page in exactly 100 pages of 100, no id twice', async () => {
		const answer = await sb.control('POST', '/seed', {
			platform: 'butter',
			resource: 'agents',
			count: 9750,
		});
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			platform: 'butter',
			resource: 'agents',
			added: 9750,
			total: 10_000,
		});

		const { ids, requests } = await allAgentPages();
		expect(requests).toBe(100);
		expect(ids).toHaveLength(10_000);
		expect(new Set(ids).size).toBe(10_000);
		// Issue 15: four seeded agents carry IDs shaped like the agents text's examples.
		expect(ids.filter((id) => !/^agent_[0-9a-f]{12}$/.test(id))).toEqual([
			'agent_abc123',
			'agent_b7',
			'agent-support-7',
			'AGENT_Sales_Bot_2024',
		]);

		// A bulk agent is a full agent: readable, and changeable by the owner that "created" it.
		const last = await sb.call('GET', `/butter/v1/agents/${ids[9999]}`, {
			key: SANDBOX_KEYS.butter.owner,
		});
		expect(last.status).toBe(200);
		expect(last.body.data).toMatchObject({
			id: ids[9999],
			systemPrompt: expect.any(String),
			createdBy: 'owner',
		});
		const renamed = await sb.call('PATCH', `/butter/v1/agents/${ids[9999]}`, {
			key: SANDBOX_KEYS.butter.owner,
			body: { name: 'Renamed' },
		});
		expect(renamed.status).toBe(200);
	});

	it('adds Aitelier sessions older than the seeded history: cursor paging still sees each exactly once', async () => {
		const answer = await sb.control('POST', '/seed', {
			platform: 'aitelier',
			resource: 'sessions',
			count: 9740,
		});
		expect(answer.body).toEqual({
			platform: 'aitelier',
			resource: 'sessions',
			added: 9740,
			total: 10_000,
		});

		const { sessions, requests } = await allSessionPages();
		expect(requests).toBe(100);
		expect(new Set(sessions.map((s) => s.id)).size).toBe(10_000);
		// Newest first: the 260 seeded sessions stay on top, bulk ones follow, all ended.
		const created = sessions.map((s) => s.created_at);
		expect([...created].sort().reverse()).toEqual(created);
		expect(sessions.slice(260).every((s) => s.status === 'ended')).toBe(true);
		expect(created[260] < created[259]).toBe(true);
	});

	it('a second seed appends new ids; reset drops every bulk record', async () => {
		await sb.control('POST', '/seed', { platform: 'butter', resource: 'agents', count: 50 });
		const again = await sb.control('POST', '/seed', {
			platform: 'butter',
			resource: 'agents',
			count: 50,
		});
		expect(again.body).toMatchObject({ added: 50, total: 350 });
		expect(new Set((await allAgentPages()).ids).size).toBe(350);

		await sb.control('POST', '/reset');
		await sb.control('PUT', '/limits/butter', { enabled: false });
		expect((await allAgentPages()).ids).toHaveLength(250);
	});

	it.each([
		[{ platform: 'butter', resource: 'sessions', count: 10 }],
		[{ platform: 'aitelier', resource: 'agents', count: 10 }],
		[{ platform: 'buildvoiceai', resource: 'calls', count: 10 }],
		[{ platform: 'butter', resource: 'agents', count: 0 }],
		[{ platform: 'butter', resource: 'agents', count: 2.5 }],
		[{ platform: 'butter', resource: 'agents' }],
	])('refuses %j with 400 and adds nothing', async (body) => {
		const answer = await sb.control('POST', '/seed', body);
		expect(answer.status).toBe(400);
		expect((await allAgentPages()).ids).toHaveLength(250);
	});
});
