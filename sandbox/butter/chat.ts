import { z } from 'zod';

import type { Route } from '../http';
import { findAgent } from './agents';
import { invalid, iso, notFound, parseWith, requireObject } from './common';
import type { ButterConversation } from './model';

const chatBody = z.object({
	agent_id: z.string().trim().min(1),
	message: z.string().min(1).max(4000),
	conversation_id: z.string().trim().min(1).optional(),
});

/** A reply that depends only on the agent, the message and the turn, so tests can assert it. */
function replyTo(agentName: string, message: string, turn: number): string {
	const words = message.trim().split(/\s+/).filter(Boolean);
	const gist = words.slice(0, 12).join(' ') + (words.length > 12 ? ' …' : '');
	const greeting = turn === 1 ? `Hi, this is ${agentName}. ` : '';
	return `${greeting}You said: "${gist}" (${words.length} word${words.length === 1 ? '' : 's'}). How else can I help?`;
}

export const chatRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/v1/chat',
		handler: ({ state, body, now }) => {
			const input = parseWith(chatBody, requireObject(body));
			const agent = findAgent(state, input.agent_id);
			if (agent.agentArchitecture !== 'text')
				throw invalid('agent_id', 'Chat is only available for text agents');
			let conversation: ButterConversation | undefined;
			if (input.conversation_id) {
				conversation = state.butter.conversations.find((c) => c.id === input.conversation_id);
				if (!conversation) throw notFound('Conversation', input.conversation_id);
				if (conversation.agent_id !== agent.id) {
					throw invalid(
						'conversation_id',
						`Conversation ${conversation.id} belongs to agent ${conversation.agent_id}`,
					);
				}
			} else {
				conversation = {
					id: state.ids.hex('conv_'),
					agent_id: agent.id,
					messages: [],
					created_at: iso(now),
				};
				state.butter.conversations.push(conversation);
			}
			const turn = conversation.messages.length / 2 + 1;
			const reply = replyTo(agent.name, input.message, turn);
			conversation.messages.push(
				{ role: 'user', text: input.message, at: iso(now) },
				{ role: 'agent', text: reply, at: iso(now) },
			);
			state.ledger.record(
				{
					platform: 'butter',
					action: 'chat.message',
					resourceId: conversation.id,
					details: { agent_id: agent.id, message_count: conversation.messages.length },
				},
				now,
			);
			return {
				status: 200,
				body: {
					success: true,
					data: {
						conversation_id: conversation.id,
						agent_id: agent.id,
						reply,
						message_count: conversation.messages.length,
					},
				},
			};
		},
	},
];
