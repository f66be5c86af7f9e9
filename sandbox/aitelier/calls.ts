import { z } from 'zod';

import { fail, type Route } from '../http';
import { E164 } from '../validation';
import { AITELIER_SCENARIOS } from '../keys';


const callBody = z.object({
	scenario: z.string().min(1),
	phone: z.string(),
	metadata: z.record(z.unknown()).optional(),
	scheduled_for: z.string().datetime({ offset: true }).optional(),
});

export const callRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/calls',
		scope: 'outbound:trigger',
		idempotent: true,
		requireIdempotencyKey: true,
		limits: ['outboundPerMinute'],
		handler: ({ state, body, now, caller }) => {
			const parsed = callBody.safeParse(body ?? {});
			if (!parsed.success) {
				const field = String(parsed.error.issues[0].path[0] ?? 'body');
				const messages: Record<string, string> = {
					scenario: 'scenario is required',
					metadata: 'metadata must be an object',
					scheduled_for: 'scheduled_for must be an ISO-8601 date-time',
				};
				throw fail(400, messages[field] ?? `${field} is invalid`, { field });
			}
			const input = parsed.data;
			if (!E164.test(input.phone)) throw fail(400, 'phone must be a valid E.164 number', { field: 'phone' });
			if (!AITELIER_SCENARIOS.includes(input.scenario)) {
				throw fail(422, 'scenario does not exist', { field: 'scenario' });
			}
			const call = {
				id: state.ids.hex('call_'),
				session_id: state.ids.hex('sess_'),
				status: 'queued' as const,
				scenario: input.scenario,
				phone: input.phone,
				metadata: input.metadata ?? {},
				scheduled_for: input.scheduled_for ?? null,
				created_at: new Date(now).toISOString(),
			};
			state.aitelier.calls.set(call.id, call);
			state.ledger.record(
				{
					platform: 'aitelier',
					action: 'call.dialed',
					resourceId: call.id,
					details: { phone: call.phone, scenario: call.scenario, metadata: call.metadata, idempotencyKey: caller.idempotencyKey },
				},
				now,
			);
			return { status: 201, body: call };
		},
	},
	{
		method: 'GET',
		pattern: '/calls/:id',
		scope: 'sessions:read',
		handler: ({ state, params }) => {
			const call = state.aitelier.calls.get(params.id);
			if (!call) throw fail(404, `call ${params.id} does not exist`, { field: 'id' });
			return { status: 200, body: call };
		},
	},
];
