import { z } from 'zod';

import { type Route } from '../http';
import { AITELIER_SCENARIOS } from '../keys';
import { E164 } from '../validation';
import { recordCall } from './callRecord';
import { createdSince, invalid, notFound, parseBody, precondition, sinceFilter } from './common';
import { CALL_STATUSES, type CallStatus } from './model';
import { cursorPage } from './pagination';
import { simulateCall } from './simulator';

const callBody = z.object({
	scenario: z.string().min(1),
	phone: z.string(),
	metadata: z.record(z.unknown()).optional(),
	scheduled_for: z
		.string()
		.datetime({ offset: true, message: 'scheduled_for must be an ISO-8601 date-time' })
		.optional(),
});

function statusFilter(query: URLSearchParams): CallStatus | undefined {
	const raw = query.get('status');
	if (raw === null || raw === '') return undefined;
	if (!CALL_STATUSES.includes(raw as CallStatus))
		throw invalid('status', `status must be one of ${CALL_STATUSES.join(', ')}`);
	return raw as CallStatus;
}

export const callRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/calls',
		scope: 'outbound:trigger',
		idempotent: true,
		requireIdempotencyKey: true,
		limits: ['outboundPerMinute'],
		handler: ({ state, body, now, caller }) => {
			const input = parseBody(callBody, body);
			if (!E164.test(input.phone)) throw invalid('phone', 'phone must be a valid E.164 number');
			if (!AITELIER_SCENARIOS.includes(input.scenario))
				throw precondition('scenario does not exist', 'scenario');
			const { call } = recordCall(
				state,
				{
					scenario: input.scenario,
					phone: input.phone,
					metadata: input.metadata ?? {},
					scheduled_for: input.scheduled_for ?? null,
					batchId: null,
				},
				now,
			);
			state.ledger.record(
				{
					platform: 'aitelier',
					action: 'call.dialed',
					resourceId: call.id,
					details: {
						phone: call.phone,
						scenario: call.scenario,
						metadata: call.metadata,
						idempotencyKey: caller.idempotencyKey,
					},
				},
				now,
			);
			const answer = { ...call };
			simulateCall(state, call);
			return { status: 201, body: answer };
		},
	},
	{
		method: 'GET',
		pattern: '/calls',
		scope: 'sessions:read',
		handler: ({ state, query }) => {
			const status = statusFilter(query);
			const since = sinceFilter(query);
			const calls = [...state.aitelier.calls.values()].filter(
				(call) => (!status || call.status === status) && createdSince(since)(call),
			);
			return cursorPage(calls, query, { list: 'calls', filters: { status, since } });
		},
	},
	{
		// "Fetch one call's status and full session detail": the call with its session inside.
		method: 'GET',
		pattern: '/calls/:id',
		scope: 'sessions:read',
		handler: ({ state, params }) => {
			const call = state.aitelier.calls.get(params.id);
			if (!call) throw notFound('call', params.id);
			return {
				status: 200,
				body: { ...call, session: state.aitelier.sessions.get(call.session_id) ?? null },
			};
		},
	},
];
