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
		expect(first.results[0]).toEqual({ name: expect.stringMatching(/ 1$/), value: expect.stringMatching(/^agent_/) });
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
