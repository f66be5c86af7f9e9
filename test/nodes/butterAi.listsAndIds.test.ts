import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runListSearch } from '../harness/runListSearch';
import { useSandbox } from '../harness/sandbox';
import { butterNode, locator } from './butter/helpers';

/**
 * Issue 15 (points 5–7) against the sandbox: IDs as the texts show them, either paging style on
 * every list, and 2xx answers that are not successes.
 */
const sandbox = useSandbox();
const butter = butterNode(sandbox);

const listStyle = async (style: 'documented' | 'cursor' | 'page') =>
	await sandbox.control('PUT', '/_sandbox/butter/list-style', { style });
const listRequests = async (path: string) =>
	(await butter.requests()).filter((r) => r.method === 'GET' && r.path.endsWith(path));
const getAll = (resource: string, parameters: INodeParameters = {}) =>
	butter.run({ resource, operation: 'getAll', returnAll: true, ...parameters });

describe('Butter AI lists read either paging style from the answer itself', () => {
	it('Return All over agents when Butter pages them cursor-style: all 250, following next_cursor', async () => {
		await listStyle('cursor');
		const { items, error } = await getAll('agent');
		expect(error).toBeUndefined();
		expect(items).toHaveLength(250);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(250);
		const requests = await listRequests('/v1/agents');
		expect(requests).toHaveLength(3);
		expect(requests[0].query.cursor).toBeUndefined();
		expect(requests.slice(1).every((r) => typeof r.query.cursor === 'string')).toBe(true);
	});

	it.each([
		['call', '/v1/calls'],
		['phoneNumber', '/v1/phone-numbers'],
		['integration', '/v1/integrations'],
	])(
		'Return All over %s when Butter pages it page-style: every record, pages 2… asked for',
		async (resource, path) => {
			const { body } = await butter.api('GET', `${path}?limit=100`);
			const expected = Number((body.pagination as IDataObject).total_count);
			await listStyle('page');
			const { items, error } = await getAll(resource);
			expect(error).toBeUndefined();
			expect(items).toHaveLength(expected);
			expect(new Set(items.map((i) => i.json.id)).size).toBe(expected);
			// The first request (after the count read above) is the declared cursor style's; the
			// answer shows page style, so the pages after it are asked for by number.
			const [firstPage, ...rest] = (await listRequests(path)).slice(1);
			expect(firstPage.query.page).toBeUndefined();
			expect(rest.map((r) => r.query.page)).toStrictEqual(
				Array.from({ length: Math.ceil(expected / 100) - 1 }, (_, i) => String(i + 2)),
			);
		},
	);

	it('the agent picker follows a cursor-style answer with a cursor token', async () => {
		await listStyle('cursor');
		const search = (paginationToken?: string) =>
			runListSearch({
				node: 'butterAi',
				method: 'searchAgents',
				parameters: { resource: 'agent', operation: 'get' },
				credentials: { butterAiApi: sandbox.credentials.butterAiApi() },
				paginationToken,
			});
		const first = await search();
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toMatch(/^cursor:/);
		const second = await search(first.paginationToken);
		expect(second.results).toHaveLength(100);
		const seen = new Set([...first.results, ...second.results].map((r) => r.value));
		expect(seen.size).toBe(200);
		const third = await search(second.paginationToken);
		expect(third.results).toHaveLength(50);
		expect(third.paginationToken).toBeUndefined();
	});

	it('a list answering with an HTML page (status 200) is a clear error, not zero items', async () => {
		await sandbox.control('POST', '/_sandbox/faults', {
			platform: 'butter',
			path: '/v1/tools',
			kind: 'html-200',
			times: 1,
		});
		const { items, error } = await getAll('tool');
		expect(items).toEqual([]);
		expect(error?.message).toBe('Butter AI: The answer is an HTML page, not JSON');
		expect((error as { description?: string }).description).toContain(
			'The platform answered HTTP 200 with a body that is not JSON',
		);
		// A read is safe to repeat, but an answer that is not JSON is not re-sent blindly.
		expect(await listRequests('/v1/tools')).toHaveLength(1);
	});

	it('a GET answered 200 with success: false fails in the platform’s words', async () => {
		const agentId = await butter.agentOf('pipeline');
		await sandbox.control('POST', '/_sandbox/faults', {
			platform: 'butter',
			path: '/v1/agents/',
			kind: 'success-false',
			times: 1,
		});
		const { items, error } = await butter.run({
			resource: 'agent',
			operation: 'get',
			agentId: locator(agentId),
		});
		expect(items).toEqual([]);
		expect(error?.message).toBe('Butter AI: The request could not be completed');
		expect((error as { description?: string }).description).toContain(
			'The platform answered HTTP 200 with success: false',
		);
	});
});

describe('Butter AI IDs as the platform gives them', () => {
	it('agents with IDs shaped like the agents text (agent_abc123) are read, updated and listed', async () => {
		for (const id of ['agent_abc123', 'agent_b7', 'agent-support-7', 'AGENT_Sales_Bot_2024']) {
			const { items, error } = await butter.run({
				resource: 'agent',
				operation: 'get',
				agentId: locator(id),
			});
			expect(error).toBeUndefined();
			expect(items[0].json.id).toBe(id);
		}
		const { error } = await butter.run({
			resource: 'agent',
			operation: 'update',
			agentId: locator('agent_abc123'),
			updateFields: { temperature: 0.4 },
		});
		expect(error).toBeUndefined();
		const { body } = await butter.api('GET', '/v1/agents/agent_abc123');
		expect((body.data as IDataObject).temperature).toBe(0.4);
	});

	it.each(['../wallet', 'x/../../admin', 'agent_1?x=1', 'agent_1#top', 'agent_%2F..', 'a b'])(
		'an ID from item data cannot change the endpoint: %s is refused before anything is sent',
		async (bad) => {
			const { items, error } = await butter.run(
				{ resource: 'agent', operation: 'delete', agentId: locator('={{ $json.id }}') },
				{ items: [{ id: 'agent_abc123' }, { id: bad }], continueOnFail: true },
			);
			expect(error).toBeUndefined();
			expect(items[1].json.error).toBe(`Agent "${bad}" is not a valid ID (item 2)`);
			const sent = await butter.requests();
			expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['DELETE /v1/agents/agent_abc123']);
		},
	);

	it('an ID padded with spaces by an expression is sent trimmed', async () => {
		const { error } = await butter.run({
			resource: 'agent',
			operation: 'get',
			agentId: locator('={{ "  agent_abc123 " }}'),
		});
		expect(error).toBeUndefined();
		expect((await butter.requests()).map((r) => r.path)).toEqual(['/v1/agents/agent_abc123']);
	});
});
