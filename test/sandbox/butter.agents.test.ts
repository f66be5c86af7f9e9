import { stableHex } from '../../sandbox/ids';
import { sandboxUnderTest, SANDBOX_KEYS } from './client';

const sb = sandboxUnderTest();
const owner = SANDBOX_KEYS.butter.owner;
const member = SANDBOX_KEYS.butter.member;
/** Seeded agents: i % 3 gives the architecture; see sandbox/butter/data.ts for mode and creator. */
const agentId = (i: number) => `agent_${stableHex(`butter-agent-${i}`)}`;
const PUBLIC_BY_OWNER = agentId(0); // pipeline, public, owner (has the +15550100001 number)
const PRIVATE_BY_MEMBER = agentId(3); // pipeline, private, member
const COMMERCIAL_BY_OWNER = agentId(2); // text, commercial, owner
const PUBLIC_BY_MEMBER = agentId(5); // text, public, member
const PRIVATE_BY_OWNER = agentId(12); // pipeline, private, owner
const OWNERS_ONLY = 'Only organization owners and admins can update public or commercial agents';
const CREATOR_ONLY = 'Only the creator can update this private agent';

const pipeline = {
	name: 'Sales Bot',
	agentArchitecture: 'pipeline',
	model: 'gpt-4o',
	stt: 'deepgram',
	tts: 'cartesia',
	voiceId: 'some-cartesia-voice-id',
	systemPrompt: 'You are a helpful sales agent for Acme Corp...',
	language: 'en',
	temperature: 0.7,
};

beforeEach(() => sb.control('PUT', '/limits/butter', { enabled: false }));

const ledger = async (action: string) =>
	(await sb.control('GET', `/ledger?platform=butter&action=${action}`)).body.entries;

describe('Butter agents: create', () => {
	it('creates a pipeline agent: 201, action envelope, inactive, private, caller recorded, extras kept', async () => {
		const answer = await sb.call('POST', '/butter/v1/agents', {
			key: owner,
			body: { ...pipeline, enabledFunctions: ['web_search'], crmTag: 'q3' },
		});
		expect(answer.status).toBe(201);
		expect(answer.body).toEqual({
			success: true,
			message: 'Agent created successfully',
			data: expect.any(Object),
		});
		const agent = answer.body.data;
		expect(agent).toEqual({
			...pipeline,
			enabledFunctions: ['web_search'],
			crmTag: 'q3',
			id: expect.stringMatching(/^agent_[0-9a-f]{12}$/),
			mode: 'private',
			active: false,
			createdBy: 'owner',
			createdAt: expect.any(String),
			updatedAt: agent.createdAt,
		});
		expect((await sb.call('GET', `/butter/v1/agents/${agent.id}`, { key: owner })).body).toEqual({
			success: true,
			data: agent,
		});
		expect(
			(await sb.call('GET', '/butter/v1/agents?limit=1', { key: owner })).body.pagination.total,
		).toBe(251);
		expect(await ledger('agent.created')).toEqual([
			expect.objectContaining({
				resourceId: agent.id,
				details: {
					name: 'Sales Bot',
					agentArchitecture: 'pipeline',
					mode: 'private',
					createdBy: 'owner',
				},
			}),
		]);
	});

	it('creates realtime (model optional) and text agents; a member is recorded as the creator', async () => {
		const realtime = await sb.call('POST', '/butter/v1/agents', {
			key: member,
			body: {
				name: 'Low Latency Support',
				agentArchitecture: 'realtime',
				realtimeProvider: 'openai',
				voiceId: 'alloy',
				systemPrompt: 'Support',
				mode: 'public',
			},
		});
		expect(realtime.status).toBe(201);
		expect(realtime.body.data).toMatchObject({
			agentArchitecture: 'realtime',
			mode: 'public',
			createdBy: 'member',
			active: false,
		});
		const text = await sb.call('POST', '/butter/v1/agents', {
			key: owner,
			body: {
				name: 'Support Chatbot',
				agentArchitecture: 'text',
				model: 'gpt-4o-mini',
				systemPrompt: 'Help',
				mode: 'commercial',
			},
		});
		expect(text.status).toBe(201);
		expect(text.body.data).toMatchObject({
			agentArchitecture: 'text',
			mode: 'commercial',
			createdBy: 'owner',
		});
	});

	it('ignores server-set fields in the body (id, active, createdBy, dates)', async () => {
		const answer = await sb.call('POST', '/butter/v1/agents', {
			key: member,
			body: {
				...pipeline,
				id: 'agent_aaaaaaaaaaaa',
				active: true,
				createdBy: 'owner',
				createdAt: '2000-01-01T00:00:00Z',
			},
		});
		expect(answer.body.data).toMatchObject({ active: false, createdBy: 'member' });
		expect(answer.body.data.id).not.toBe('agent_aaaaaaaaaaaa');
		expect(answer.body.data.createdAt).not.toBe('2000-01-01T00:00:00Z');
	});

	const optional = { voiceId: pipeline.voiceId, language: 'en', temperature: 0.7 };
	it.each([
		[{}, 'name', 'name is required for all agents'],
		[{ agentArchitecture: 'pipeline' }, 'name', 'name is required for pipeline agents'],
		[{ name: 'A' }, 'agentArchitecture', 'agentArchitecture is required for all agents'],
		[
			{ name: 'A', agentArchitecture: 'video' },
			'agentArchitecture',
			'agentArchitecture must be one of pipeline, realtime, text',
		],
		[
			{ ...optional, name: 'A', agentArchitecture: 'pipeline' },
			'systemPrompt',
			'systemPrompt is required for pipeline agents',
		],
		[
			{ name: 'A', agentArchitecture: 'pipeline', systemPrompt: 'p' },
			'model',
			'model is required for pipeline agents',
		],
		[
			{ name: 'A', agentArchitecture: 'pipeline', systemPrompt: 'p', model: 'm' },
			'stt',
			'stt is required for pipeline agents',
		],
		[
			{ name: 'A', agentArchitecture: 'pipeline', systemPrompt: 'p', model: 'm', stt: 's' },
			'tts',
			'tts is required for pipeline agents',
		],
		[
			{ name: 'A', agentArchitecture: 'realtime', systemPrompt: 'p', model: 'm' },
			'realtimeProvider',
			'realtimeProvider is required for realtime agents',
		],
		[
			{ name: 'A', agentArchitecture: 'text', systemPrompt: 'p', stt: 's' },
			'model',
			'model is required for text agents',
		],
		[
			{ name: '  ', agentArchitecture: 'text', systemPrompt: 'p', model: 'm' },
			'name',
			'name is required for text agents',
		],
		[{ ...pipeline, temperature: 2.5 }, 'temperature', 'temperature must be at most 2'],
		[{ ...pipeline, temperature: -1 }, 'temperature', 'temperature must be at least 0'],
		[{ ...pipeline, mode: 'secret' }, 'mode', 'mode must be one of public, private, commercial'],
		[
			{ ...pipeline, enabledFunctions: 'web_search' },
			'enabledFunctions',
			'enabledFunctions must be an array',
		],
		[
			{ ...pipeline, enabledCustomFunctions: [1] },
			'enabledCustomFunctions',
			'enabledCustomFunctions must be a string',
		],
		[{ ...pipeline, name: 42 }, 'name', 'name must be a string'],
	])('refuses %j: 400 validation_error on %s', async (body, field, message) => {
		const answer = await sb.call('POST', '/butter/v1/agents', { key: owner, body });
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({
			success: false,
			error: { code: 'validation_error', field, message },
		});
	});

	it('refuses a body that is not an object, and creates nothing on refusals', async () => {
		const answer = await sb.call('POST', '/butter/v1/agents', { key: owner, body: [pipeline] });
		expect(answer.status).toBe(400);
		expect(answer.body.error).toMatchObject({ code: 'validation_error', field: 'body' });
		expect(await ledger('agent.created')).toEqual([]);
	});
});

describe('Butter agents: update', () => {
	it('changes only the given fields, may activate, and bumps updatedAt', async () => {
		const before = (await sb.call('GET', `/butter/v1/agents/${PUBLIC_BY_OWNER}`, { key: owner }))
			.body.data;
		const answer = await sb.call('PATCH', `/butter/v1/agents/${PUBLIC_BY_OWNER}`, {
			key: owner,
			body: { systemPrompt: 'Updated instructions...', temperature: 0.5, active: true },
		});
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			success: true,
			message: 'Agent updated successfully',
			data: {
				...before,
				systemPrompt: 'Updated instructions...',
				temperature: 0.5,
				active: true,
				updatedAt: expect.any(String),
			},
		});
		expect(answer.body.data.updatedAt).not.toBe(before.updatedAt);
		expect(
			(await sb.call('GET', `/butter/v1/agents/${PUBLIC_BY_OWNER}`, { key: owner })).body.data,
		).toEqual(answer.body.data);
		expect(await ledger('agent.updated')).toEqual([
			expect.objectContaining({
				resourceId: PUBLIC_BY_OWNER,
				details: { fields: ['systemPrompt', 'temperature', 'active'] },
			}),
		]);
	});

	it.each([
		[
			{ agentArchitecture: 'realtime' },
			'agentArchitecture',
			'agentArchitecture cannot be changed; create a new agent instead',
		],
		[{ systemPrompt: '' }, 'systemPrompt', 'systemPrompt is required for pipeline agents'],
		[{ stt: null }, 'stt', 'stt must be a string'],
		[{ active: 'yes' }, 'active', 'active must be a boolean'],
		[{ temperature: 3 }, 'temperature', 'temperature must be at most 2'],
	])('refuses %j with 400 on %s and changes nothing', async (body, field, message) => {
		const before = (await sb.call('GET', `/butter/v1/agents/${PUBLIC_BY_OWNER}`, { key: owner }))
			.body.data;
		const answer = await sb.call('PATCH', `/butter/v1/agents/${PUBLIC_BY_OWNER}`, {
			key: owner,
			body,
		});
		expect(answer.status).toBe(400);
		expect(answer.body.error).toEqual({ code: 'validation_error', field, message });
		expect(
			(await sb.call('GET', `/butter/v1/agents/${PUBLIC_BY_OWNER}`, { key: owner })).body.data,
		).toEqual(before);
	});

	it('accepts the unchanged architecture', async () => {
		const answer = await sb.call('PATCH', `/butter/v1/agents/${PUBLIC_BY_OWNER}`, {
			key: owner,
			body: { agentArchitecture: 'pipeline', name: 'Renamed' },
		});
		expect([answer.status, answer.body.data.name]).toEqual([200, 'Renamed']);
	});

	it.each([
		['public, by the owner', PUBLIC_BY_OWNER, OWNERS_ONLY],
		['commercial, by the owner', COMMERCIAL_BY_OWNER, OWNERS_ONLY],
		['public, by a member', PUBLIC_BY_MEMBER, OWNERS_ONLY],
		['private, by the owner', PRIVATE_BY_OWNER, CREATOR_ONLY],
	])('a member may not update an agent that is %s: 403 forbidden', async (_label, id, message) => {
		const answer = await sb.call('PATCH', `/butter/v1/agents/${id}`, {
			key: member,
			body: { temperature: 0.1 },
		});
		expect(answer.status).toBe(403);
		expect(answer.body).toEqual({ success: false, error: { code: 'forbidden', message } });
	});

	it('a member updates its own private agents, but may not make them public or commercial', async () => {
		const seeded = await sb.call('PATCH', `/butter/v1/agents/${PRIVATE_BY_MEMBER}`, {
			key: member,
			body: { temperature: 0.1 },
		});
		expect([seeded.status, seeded.body.data.temperature]).toEqual([200, 0.1]);
		const created = (await sb.call('POST', '/butter/v1/agents', { key: member, body: pipeline }))
			.body.data;
		expect(
			(
				await sb.call('PATCH', `/butter/v1/agents/${created.id}`, {
					key: member,
					body: { name: 'Mine' },
				})
			).status,
		).toBe(200);
		for (const mode of ['public', 'commercial']) {
			const promote = await sb.call('PATCH', `/butter/v1/agents/${created.id}`, {
				key: member,
				body: { mode },
			});
			expect([promote.status, promote.body.error]).toEqual([
				403,
				{ code: 'forbidden', message: OWNERS_ONLY },
			]);
		}
		expect(
			(
				await sb.call('PATCH', `/butter/v1/agents/${created.id}`, {
					key: member,
					body: { mode: 'private' },
				})
			).status,
		).toBe(200);
	});

	it('the owner updates any agent, including making a member’s agent public', async () => {
		for (const id of [
			PUBLIC_BY_OWNER,
			COMMERCIAL_BY_OWNER,
			PUBLIC_BY_MEMBER,
			PRIVATE_BY_OWNER,
			PRIVATE_BY_MEMBER,
		]) {
			expect(
				(
					await sb.call('PATCH', `/butter/v1/agents/${id}`, {
						key: owner,
						body: { language: 'de' },
					})
				).status,
			).toBe(200);
		}
		const promoted = await sb.call('PATCH', `/butter/v1/agents/${PRIVATE_BY_MEMBER}`, {
			key: owner,
			body: { mode: 'public' },
		});
		expect(promoted.body.data.mode).toBe('public');
		// Now public: the member who created it may no longer change it.
		expect(
			(
				await sb.call('PATCH', `/butter/v1/agents/${PRIVATE_BY_MEMBER}`, {
					key: member,
					body: { language: 'en' },
				})
			).status,
		).toBe(403);
	});

	it('answers 404 not_found for an unknown agent', async () => {
		const answer = await sb.call('PATCH', '/butter/v1/agents/agent_000000000000', {
			key: owner,
			body: { name: 'x' },
		});
		expect([answer.status, answer.body.error]).toEqual([
			404,
			{ code: 'not_found', message: 'Agent agent_000000000000 not found' },
		]);
	});
});

describe('Butter agents: delete', () => {
	it('deletes, frees the agent’s phone numbers, and records it', async () => {
		const numbers = (
			await sb.call('GET', `/butter/v1/phone-numbers?agent_id=${PUBLIC_BY_OWNER}`, { key: owner })
		).body.data;
		expect(numbers).toHaveLength(1);
		const answer = await sb.call('DELETE', `/butter/v1/agents/${PUBLIC_BY_OWNER}`, { key: owner });
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ success: true, data: { message: 'Agent deleted successfully' } });
		const gone = await sb.call('GET', `/butter/v1/agents/${PUBLIC_BY_OWNER}`, { key: owner });
		expect([gone.status, gone.body.error]).toEqual([
			404,
			{ code: 'not_found', message: `Agent ${PUBLIC_BY_OWNER} not found` },
		]);
		const freed = (
			await sb.call('GET', `/butter/v1/phone-numbers/${numbers[0].id}`, { key: owner })
		).body.data;
		expect(freed).toMatchObject({ status: 'free', agent_id: null });
		expect(await ledger('agent.deleted')).toEqual([
			expect.objectContaining({
				resourceId: PUBLIC_BY_OWNER,
				details: { freedPhoneNumbers: [numbers[0].id] },
			}),
		]);
		// Call history is kept for billing.
		const calls = await sb.call('GET', `/butter/v1/calls?agent_id=${PUBLIC_BY_OWNER}`, {
			key: owner,
		});
		expect(calls.body.pagination.total_count).toBeGreaterThan(0);
	});

	it('follows the update permission rule', async () => {
		const publicOne = await sb.call('DELETE', `/butter/v1/agents/${PUBLIC_BY_OWNER}`, {
			key: member,
		});
		expect([publicOne.status, publicOne.body.error.code]).toEqual([403, 'forbidden']);
		expect(publicOne.body.error.message).toBe(
			'Only organization owners and admins can delete public or commercial agents',
		);
		const ownersPrivate = await sb.call('DELETE', `/butter/v1/agents/${PRIVATE_BY_OWNER}`, {
			key: member,
		});
		expect([ownersPrivate.status, ownersPrivate.body.error.message]).toEqual([
			403,
			'Only the creator can delete this private agent',
		]);
		expect(
			(await sb.call('DELETE', `/butter/v1/agents/${PRIVATE_BY_MEMBER}`, { key: member })).status,
		).toBe(200);
		expect(
			(await sb.call('DELETE', `/butter/v1/agents/${PRIVATE_BY_OWNER}`, { key: owner })).status,
		).toBe(200);
		expect(
			(await sb.call('DELETE', '/butter/v1/agents/agent_000000000000', { key: owner })).status,
		).toBe(404);
	});

	it('is undone by a reset', async () => {
		await sb.call('DELETE', `/butter/v1/agents/${PUBLIC_BY_OWNER}`, { key: owner });
		await sb.call('POST', '/butter/v1/agents', { key: owner, body: pipeline });
		await sb.control('POST', '/reset');
		expect(
			(await sb.call('GET', `/butter/v1/agents/${PUBLIC_BY_OWNER}`, { key: owner })).status,
		).toBe(200);
		expect(
			(await sb.call('GET', '/butter/v1/agents?limit=1', { key: owner })).body.pagination.total,
		).toBe(250);
	});
});
