import { stableHex } from '../../sandbox/ids';
import { sandboxUnderTest, SANDBOX_KEYS } from './client';

const sb = sandboxUnderTest();
const key = SANDBOX_KEYS.butter.owner;
const agentId = (i: number) => `agent_${stableHex(`butter-agent-${i}`)}`;
const TEXT_AGENT = agentId(2); // "Booking Desk 3"
const OTHER_TEXT_AGENT = agentId(5);

beforeEach(() => sb.control('PUT', '/limits/butter', { enabled: false }));

const chat = (body: unknown) => sb.call('POST', '/butter/v1/chat', { key, body });

describe('Butter chat', () => {
	it('answers a text agent deterministically and keeps the conversation', async () => {
		const first = await chat({ agent_id: TEXT_AGENT, message: 'Do you open on Sundays?' });
		expect(first.status).toBe(200);
		expect(first.body).toEqual({
			success: true,
			data: {
				conversation_id: expect.stringMatching(/^conv_[0-9a-f]{12}$/),
				agent_id: TEXT_AGENT,
				reply:
					'Hi, this is Booking Desk 3. You said: "Do you open on Sundays?" (5 words). How else can I help?',
				message_count: 2,
			},
		});
		const conversationId = first.body.data.conversation_id;
		const second = await chat({
			agent_id: TEXT_AGENT,
			message: 'Thanks',
			conversation_id: conversationId,
		});
		expect(second.body.data).toEqual({
			conversation_id: conversationId,
			agent_id: TEXT_AGENT,
			reply: 'You said: "Thanks" (1 word). How else can I help?',
			message_count: 4,
		});
		const { entries } = (await sb.control('GET', '/ledger?platform=butter&action=chat.message'))
			.body;
		expect(
			entries.map((e: { resourceId: string; details: unknown }) => [e.resourceId, e.details]),
		).toEqual([
			[conversationId, { agent_id: TEXT_AGENT, message_count: 2 }],
			[conversationId, { agent_id: TEXT_AGENT, message_count: 4 }],
		]);
	});

	it('accepts a 4000-character message', async () => {
		expect((await chat({ agent_id: TEXT_AGENT, message: 'a'.repeat(4000) })).status).toBe(200);
	});

	it.each([
		['pipeline', agentId(0)],
		['realtime', agentId(1)],
	])('refuses a %s agent: chat is for text agents', async (_label, id) => {
		const answer = await chat({ agent_id: id, message: 'Hello' });
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({
			success: false,
			error: {
				code: 'validation_error',
				field: 'agent_id',
				message: 'Chat is only available for text agents',
			},
		});
	});

	it.each([
		[{ message: 'Hi' }, 'agent_id', 'agent_id is required'],
		[{ agent_id: TEXT_AGENT }, 'message', 'message is required'],
		[{ agent_id: TEXT_AGENT, message: '' }, 'message', 'message must not be empty'],
		[
			{ agent_id: TEXT_AGENT, message: 'a'.repeat(4001) },
			'message',
			'message must be at most 4000 characters',
		],
		[{ agent_id: TEXT_AGENT, message: 42 }, 'message', 'message must be a string'],
	])('refuses %j: 400 on %s', async (body, field, message) => {
		const answer = await chat(body);
		expect(answer.status).toBe(400);
		expect(answer.body.error).toEqual({ code: 'validation_error', field, message });
	});

	it('answers 404 for an unknown agent or conversation, 400 for another agent’s conversation', async () => {
		const agent = await chat({ agent_id: 'agent_000000000000', message: 'Hi' });
		expect([agent.status, agent.body.error]).toEqual([
			404,
			{ code: 'not_found', message: 'Agent agent_000000000000 not found' },
		]);
		const conversation = await chat({
			agent_id: TEXT_AGENT,
			message: 'Hi',
			conversation_id: 'conv_000000000000',
		});
		expect([conversation.status, conversation.body.error]).toEqual([
			404,
			{ code: 'not_found', message: 'Conversation conv_000000000000 not found' },
		]);
		const { conversation_id } = (await chat({ agent_id: TEXT_AGENT, message: 'Hi' })).body.data;
		const other = await chat({ agent_id: OTHER_TEXT_AGENT, message: 'Hi', conversation_id });
		expect([other.status, other.body.error.field]).toEqual([400, 'conversation_id']);
	});
});
