import { z } from 'zod';

import { fail, type Route } from '../http';
import { E164 } from '../validation';
import { retryAfterHeader } from '../rateLimiter';
import { simulateCall } from './simulator';

const triggerBody = z.object({
	phone_number: z.string().regex(E164),
	agent_id: z.string().uuid().optional(),
	name: z.string().optional(),
	email: z.string().optional(),
	metadata: z.record(z.unknown()).optional(),
});

export const callRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/calls/trigger',
		handler: ({ state, caller, body, now }) => {
			const account = state.buildVoiceAi.accounts[caller.apiKey];
			const parsed = triggerBody.safeParse(body ?? {});
			if (!parsed.success) {
				const field = String(parsed.error.issues[0].path[0] ?? 'body');
				if (field === 'phone_number') {
					throw fail(
						400,
						'Invalid phone number: phone_number must be in E.164 format (e.g. +15551234567)',
					);
				}
				if (field === 'agent_id') throw fail(400, 'Agent not found');
				throw fail(400, `Invalid ${field}`);
			}
			const input = parsed.data;
			const agentId = input.agent_id ?? account.defaultAgentId;
			if (!agentId) throw fail(400, 'No agent_id provided and no default agent is configured');
			if (!account.agents.includes(agentId)) throw fail(400, 'Agent not found');

			const limits = state.limits.buildvoiceai;
			account.activeCallsUntil = account.activeCallsUntil.filter((end) => end > now);
			if (
				limits.enabled &&
				limits.concurrentCalls !== undefined &&
				account.activeCallsUntil.length >= limits.concurrentCalls
			) {
				const waitMs = Math.min(...account.activeCallsUntil) - now;
				throw fail(
					429,
					`Concurrent call limit reached: ${limits.concurrentCalls} calls in progress`,
					{
						headers: { 'Retry-After': retryAfterHeader(waitMs, limits.retryAfterFormat, now) },
					},
				);
			}
			account.activeCallsUntil.push(now + account.callDurationMs);

			const call = {
				call_id: state.ids.uuid(),
				status: 'initiated',
				phone_number: input.phone_number,
				agent_id: agentId,
				...(input.name ? { name: input.name } : {}),
				...(input.email ? { email: input.email } : {}),
				...(input.metadata ? { metadata: input.metadata } : {}),
				created_at: new Date(now).toISOString(),
			};
			state.buildVoiceAi.calls.push(call);
			state.ledger.record(
				{
					platform: 'buildvoiceai',
					action: 'call.dialed',
					resourceId: call.call_id,
					details: { phone: call.phone_number, agentId, metadata: input.metadata ?? {} },
				},
				now,
			);
			simulateCall(state, account, call);
			return {
				status: 200,
				body: { success: true, data: { call_id: call.call_id, status: call.status } },
			};
		},
	},
];
