import { ButterAi } from '../../nodes/ButterAi/ButterAi.node';
import { runListSearch } from '../harness/runListSearch';
import { useSandbox } from '../harness/sandbox';

const sandbox = useSandbox();

const search = (filter?: string, paginationToken?: string) =>
	runListSearch({
		node: 'butterAi',
		method: 'searchAgents',
		parameters: { resource: 'agent', operation: 'get' },
		credentials: { butterAiApi: sandbox.credentials.butterAiApi() },
		filter,
		paginationToken,
	});

describe('Butter AI agent picker (resource locator → From List)', () => {
	it('lists agents a page at a time with a token for the next page', async () => {
		const first = await search();
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({
			name: expect.stringMatching(/ 1$/),
			value: expect.stringMatching(/^agent_/),
		});
		expect(first.paginationToken).toBe('2');
		const last = await search(undefined, '3');
		expect(last.results).toHaveLength(50);
		expect(last.paginationToken).toBeUndefined();
	});

	it('filters by name', async () => {
		const { results } = await search('booking desk');
		expect(results.length).toBeGreaterThan(0);
		expect(results.every((r) => r.name.startsWith('Booking Desk'))).toBe(true);
	});

	it('shows the platform’s message when the key is refused', async () => {
		await expect(
			runListSearch({
				node: 'butterAi',
				method: 'searchAgents',
				parameters: {},
				credentials: { butterAiApi: { ...sandbox.credentials.butterAiApi(), apiKey: 'wrong' } },
			}),
		).rejects.toThrow('Butter AI: Invalid API key');
	});
});

describe('Butter AI pickers over cursor lists', () => {
	const run = (method: string, filter?: string, paginationToken?: string) =>
		runListSearch({
			node: 'butterAi',
			method,
			parameters: {},
			credentials: { butterAiApi: sandbox.credentials.butterAiApi() },
			filter,
			paginationToken,
		});

	it.each([
		['searchPhoneNumbers', /^phon_[0-9a-f]{12}$/],
		['searchIntegrations', /^intg_[0-9a-f]{12}$/],
	])('%s lists IDs with readable names', async (method, id) => {
		const { results, paginationToken } = await run(method);
		expect(results.length).toBeGreaterThan(0);
		expect(results.every((r) => id.test(String(r.value)) && r.name !== r.value)).toBe(true);
		expect(paginationToken).toBeUndefined();
	});

	it('phone numbers are searchable by number', async () => {
		const { results } = await run('searchPhoneNumbers', '+15550100002');
		expect(results).toHaveLength(1);
		expect(results[0].name).toContain('+15550100002');
	});

	it('tools and documents appear once created, searchable by name', async () => {
		const post = (path: string, body: unknown) =>
			fetch(`${sandbox.urls.butter}${path}`, {
				method: 'POST',
				headers: {
					authorization: `Bearer ${sandbox.credentials.butterAiApi().apiKey}`,
					'content-type': 'application/json',
				},
				body: JSON.stringify(body),
			});
		await post('/v1/tools', {
			name: 'lookup_order',
			description: 'Find an order',
			webhook_url: 'https://x.example.com/o',
		});
		await post('/v1/knowledge-base', { name: 'Pricing FAQ', text: 'Prices' });
		const tools = await run('searchTools', 'lookup');
		expect(tools.results).toEqual([
			expect.objectContaining({
				name: expect.stringContaining('lookup_order'),
				value: expect.stringMatching(/^tool_/),
			}),
		]);
		const documents = await run('searchDocuments', 'pricing');
		expect(documents.results).toEqual([
			expect.objectContaining({
				name: expect.stringContaining('Pricing FAQ'),
				value: expect.stringMatching(/^doc_/),
			}),
		]);
		expect((await run('searchTools', 'no-such-tool')).results).toEqual([]);
	});
});

describe('Butter AI → Agent → Create shows exactly the table’s required fields', () => {
	const properties = new ButterAi().description.properties;
	const requiredFor = (architecture: string) =>
		properties
			.filter(
				(p) =>
					p.required &&
					p.displayOptions?.show?.operation?.includes('create') &&
					p.displayOptions.show.resource?.includes('agent'),
			)
			.filter(
				(p) =>
					!p.displayOptions?.show?.agentArchitecture ||
					p.displayOptions.show.agentArchitecture.includes(architecture),
			)
			.map((p) => p.name)
			.sort();

	it.each([
		['pipeline', ['model', 'name', 'stt', 'systemPrompt', 'tts']],
		['realtime', ['name', 'realtimeProvider', 'systemPrompt']],
		['text', ['model', 'name', 'systemPrompt']],
	])('%s', (architecture, expected) => {
		expect(requiredFor(architecture)).toEqual(expected);
	});
});
