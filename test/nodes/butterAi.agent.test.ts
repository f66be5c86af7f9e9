import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/runNode';
import { listOf, type LoggedRequest, useSandbox } from '../harness/sandbox';

const sandbox = useSandbox();

const getMany = (parameters: INodeParameters) =>
	runNode({
		node: 'butterAi',
		parameters: { resource: 'agent', operation: 'getAll', ...parameters },
		credentials: { butterAiApi: sandbox.credentials.butterAiApi() },
	});

const agentRequests = async () =>
	listOf<LoggedRequest>(
		await sandbox.control('GET', '/_sandbox/requests?platform=butter'),
		'requests',
	).filter((r) => r.path.endsWith('/v1/agents'));

describe('Butter AI → Agent → Get Many', () => {
	it('Return All pages through all 250 agents with ceil(250 / 100) = 3 requests of the max page size', async () => {
		const { items, error } = await getMany({ returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(250);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(250);
		expect(String(items[0].json.id)).toMatch(/^agent_[0-9a-f]{12,}$/);

		const requests = await agentRequests();
		expect(requests.map((r) => [r.query.page, r.query.limit])).toEqual([
			['1', '100'],
			['2', '100'],
			['3', '100'],
		]);
		expect(requests[0].headers.authorization).toBe('***');
	});

	it('Limit stops early: 30 agents from one request of 30', async () => {
		const { items } = await getMany({ returnAll: false, limit: 30 });
		expect(items).toHaveLength(30);
		expect((await agentRequests()).map((r) => r.query.limit)).toEqual(['30']);
	});

	it('the mode filter is sent and honoured', async () => {
		const { items } = await getMany({ returnAll: true, filters: { mode: 'commercial' } });
		expect(items.length).toBeGreaterThan(50);
		expect(items.every((i) => i.json.mode === 'commercial')).toBe(true);
		expect((await agentRequests()).every((r) => r.query.mode === 'commercial')).toBe(true);
	});

	it('waits out an injected 429 and re-sends, losing nothing', async () => {
		await sandbox.control('POST', '/_sandbox/faults', {
			platform: 'butter',
			path: '/v1/agents',
			kind: '429',
			times: 1,
		});
		const { items, error } = await getMany({ returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(250);
		const requests = await agentRequests();
		expect(requests.map((r) => r.status)).toEqual([429, 200, 200, 200]);
	});

	it('a wrong key gives Butter’s own 401 message as a NodeApiError', async () => {
		const { error } = await runNode({
			node: 'butterAi',
			parameters: { resource: 'agent', operation: 'getAll', returnAll: true },
			credentials: {
				butterAiApi: { ...sandbox.credentials.butterAiApi(), apiKey: 'butter_sk_wrong' },
			},
		});
		expect(error?.message).toBe('Butter AI: Invalid API key');
		expect((error as { httpCode?: string }).httpCode).toBe('401');
		expect(JSON.stringify(error)).not.toContain('butter_sk_wrong');
	});

	it('Get returns one unwrapped agent; an unknown ID gives the platform’s 404', async () => {
		const [first] = (await getMany({ returnAll: false, limit: 1 })).items;
		const { items } = await runNode({
			node: 'butterAi',
			parameters: {
				resource: 'agent',
				operation: 'get',
				agentId: { __rl: true, mode: 'id', value: String(first.json.id) },
			},
			credentials: { butterAiApi: sandbox.credentials.butterAiApi() },
		});
		expect(items).toHaveLength(1);
		expect(items[0].json.id).toBe(first.json.id);
		expect(items[0].json.success).toBeUndefined();

		const missing = await runNode({
			node: 'butterAi',
			parameters: {
				resource: 'agent',
				operation: 'get',
				agentId: { __rl: true, mode: 'id', value: 'agent_000000000000' },
			},
			credentials: { butterAiApi: sandbox.credentials.butterAiApi() },
		});
		expect((missing.error as { httpCode?: string }).httpCode).toBe('404');
	});
});
