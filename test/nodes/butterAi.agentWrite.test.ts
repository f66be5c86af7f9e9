import type { IDataObject } from 'n8n-workflow';

import { SANDBOX_KEYS, useSandbox } from '../harness/sandbox';
import { butterNode, locator } from './butter/helpers';

const sandbox = useSandbox();
const butter = butterNode(sandbox);

const create = (parameters: IDataObject, options = {}) =>
	butter.run(
		{ resource: 'agent', operation: 'create', systemPrompt: 'You sell widgets.', ...parameters },
		options,
	);

describe('Butter AI → Agent → Create, per architecture', () => {
	it.each([
		[
			'pipeline',
			{
				model: 'gpt-4o',
				stt: 'deepgram',
				tts: 'cartesia',
				additionalFields: {
					voiceId: 'v1',
					temperature: 0.4,
					enabledFunctions: 'web_search, calendar',
				},
			},
			{
				model: 'gpt-4o',
				stt: 'deepgram',
				tts: 'cartesia',
				voiceId: 'v1',
				temperature: 0.4,
				enabledFunctions: ['web_search', 'calendar'],
			},
		],
		[
			'realtime',
			{
				realtimeProvider: 'openai',
				additionalFields: { voiceId: 'alloy', realtimeModel: 'gpt-4o-realtime', mode: 'public' },
			},
			{ realtimeProvider: 'openai', voiceId: 'alloy', model: 'gpt-4o-realtime', mode: 'public' },
		],
		[
			'text',
			{ model: 'gpt-4o-mini', additionalFields: { voiceId: 'ignored-for-text', language: 'de' } },
			{ model: 'gpt-4o-mini', language: 'de' },
		],
	])(
		'%s: sends exactly the fields of its architecture and outputs the new agent',
		async (architecture, parameters, expected) => {
			const { items, error } = await create({
				name: `Bot ${architecture}`,
				agentArchitecture: architecture,
				...parameters,
			});
			expect(error).toBeUndefined();
			const [sent] = (await butter.requests()).filter((r) => r.method === 'POST');
			expect(sent.path).toBe('/v1/agents');
			expect(sent.body).toEqual({
				name: `Bot ${architecture}`,
				agentArchitecture: architecture,
				systemPrompt: 'You sell widgets.',
				...expected,
			});
			expect(items[0].json).toMatchObject({
				name: `Bot ${architecture}`,
				agentArchitecture: architecture,
				active: false,
			});
			expect(String(items[0].json.id)).toMatch(/^agent_[0-9a-f]{12,}$/);
		},
	);

	const fromItem = {
		name: '={{ $json.name }}',
		model: '={{ $json.model }}',
		stt: '={{ $json.stt }}',
		tts: '={{ $json.tts }}',
		realtimeProvider: '={{ $json.rp }}',
		systemPrompt: '={{ $json.prompt }}',
	};
	const complete = {
		name: 'Bot',
		model: 'gpt-4o',
		stt: 'deepgram',
		tts: 'cartesia',
		rp: 'openai',
		prompt: 'Sell.',
	};
	it.each([
		['pipeline', { stt: '' }, 'Speech-to-Text Provider is required (item 2)'],
		['realtime', { rp: '' }, 'Realtime Provider is required (item 2)'],
		['text', { model: '' }, 'Model is required (item 2)'],
		['pipeline', { prompt: ' ' }, 'System Prompt is required (item 2)'],
	])(
		'%s without a required field (from an expression): a per-item error before its request',
		async (architecture, missing, message) => {
			const { items } = await create(
				{ ...fromItem, agentArchitecture: architecture },
				{ items: [complete, { ...complete, ...missing }], continueOnFail: true },
			);
			expect(items[0].json.agentArchitecture).toBe(architecture);
			expect(items[1].json.error).toBe(message);
			expect((await butter.requests()).filter((r) => r.method === 'POST')).toHaveLength(1);
		},
	);

	it('a required field left empty in the node is caught by n8n itself before the run', async () => {
		await expect(
			create({ name: 'Bot', agentArchitecture: 'realtime', realtimeProvider: '' }),
		).rejects.toThrow('Parameter "Realtime Provider" is required');
		expect(await butter.requests()).toHaveLength(0);
	});

	it('the Extra Fields escape hatch adds fields the docs may add; explicit fields win', async () => {
		await create({
			name: 'Bot',
			agentArchitecture: 'text',
			model: 'gpt-4o-mini',
			additionalFields: { extraFieldsJson: '{"beta_memory": true, "model": "overridden?"}' },
		});
		const [sent] = (await butter.requests()).filter((r) => r.method === 'POST');
		expect(sent.body).toMatchObject({ beta_memory: true, model: 'gpt-4o-mini' });
	});
});

describe('Butter AI → Agent → Update / Delete', () => {
	it('update sends only the fields given', async () => {
		const id = await butter.agentOf('pipeline');
		const { items, error } = await butter.run({
			resource: 'agent',
			operation: 'update',
			agentId: locator(id),
			updateFields: { temperature: 0.5, active: true },
		});
		expect(error).toBeUndefined();
		const [sent] = (await butter.requests()).filter((r) => r.method === 'PATCH');
		expect(sent.path).toBe(`/v1/agents/${id}`);
		expect(sent.body).toEqual({ temperature: 0.5, active: true });
		expect(items[0].json).toMatchObject({ id, temperature: 0.5, active: true });
	});

	it('an empty update is refused before sending', async () => {
		const id = await butter.agentOf('pipeline');
		const { error } = await butter.run({
			resource: 'agent',
			operation: 'update',
			agentId: locator(id),
			updateFields: {},
		});
		expect(error?.message).toBe('At least one Update Field is required (item 1)');
		expect((await butter.requests()).filter((r) => r.method === 'PATCH')).toHaveLength(0);
	});

	it('a member updating a public agent gets the permission rule, clearly', async () => {
		const id = await butter.agentOf('pipeline', 'public');
		const { error } = await butter.run(
			{
				resource: 'agent',
				operation: 'update',
				agentId: locator(id),
				updateFields: { name: 'Renamed' },
			},
			{ key: SANDBOX_KEYS.butter.member },
		);
		expect(error?.message).toMatch(
			/^Butter AI: Only organization owners and admins can update public or commercial agents/,
		);
		expect((error as { httpCode?: string }).httpCode).toBe('403');
		expect((error as { description?: string }).description).toContain(
			'creators may change their own private ones',
		);
	});

	it('a member updates a private agent it created; the owner updates any', async () => {
		const created = await create(
			{
				name: 'Mine',
				agentArchitecture: 'text',
				model: 'gpt-4o-mini',
				additionalFields: { mode: 'private' },
			},
			{ key: SANDBOX_KEYS.butter.member },
		);
		const id = String(created.items[0].json.id);
		const byMember = await butter.run(
			{
				resource: 'agent',
				operation: 'update',
				agentId: locator(id),
				updateFields: { name: 'Still mine' },
			},
			{ key: SANDBOX_KEYS.butter.member },
		);
		expect(byMember.items[0].json.name).toBe('Still mine');
		const publicId = await butter.agentOf('realtime', 'public');
		const byOwner = await butter.run({
			resource: 'agent',
			operation: 'update',
			agentId: locator(publicId),
			updateFields: { language: 'fr' },
		});
		expect(byOwner.items[0].json.language).toBe('fr');
	});

	it('delete removes the agent; a second delete is a clear 404', async () => {
		const id = await butter.agentOf('text');
		const first = await butter.run({
			resource: 'agent',
			operation: 'delete',
			agentId: locator(id),
		});
		expect(first.items[0].json).toEqual({ message: 'Agent deleted successfully' });
		expect((await butter.api('GET', `/v1/agents/${id}`)).status).toBe(404);
		const second = await butter.run({
			resource: 'agent',
			operation: 'delete',
			agentId: locator(id),
		});
		expect(second.error?.message).toBe(`Butter AI: Agent ${id} not found`);
	});

	// Issue 15: IDs of the safe shape (`agent_xyz`, `agent_abc123`) are accepted now; the malformed
	// example became a path, which must never change the endpoint called.
	it('a malformed agent ID never reaches the API: typed (n8n checks it) or from an expression (the node does)', async () => {
		await expect(
			butter.run({ resource: 'agent', operation: 'get', agentId: locator('agent/xyz') }),
		).rejects.toThrow('An agent ID is letters, digits, _ and - (at most 128), e.g. agent_abc123');
		const { error } = await butter.run({
			resource: 'agent',
			operation: 'get',
			agentId: locator('={{ "../" + "wallet" }}'),
		});
		expect(error?.message).toBe('Agent "../wallet" is not a valid ID (item 1)');
		expect(error?.description).toBe(
			'IDs are letters, digits, _ and - (at most 128), e.g. agent_abc123',
		);
		expect(await butter.requests()).toHaveLength(0);
	});
});
