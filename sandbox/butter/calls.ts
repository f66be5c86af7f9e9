import { z } from 'zod';

import type { Route } from '../http';
import type { SandboxState } from '../state';
import { E164 } from '../validation';
import { findAgent } from './agents';
import { callView, notYetRung } from './callRecord';
import {
	action,
	invalid,
	iso,
	isObject,
	notFound,
	parseWith,
	requireObject,
	single,
	voiceOnly,
} from './common';
import { CALL_DIRECTIONS, CALL_STATUSES, type ButterCall, type ButterPhoneNumber } from './model';
import { butterList } from './pagination';
import { findPhoneNumber } from './phoneNumbers';
import { simulateCall } from './simulator';

const KNOWN_FIELDS = ['agent_id', 'to_number', 'from_phone_number_id', 'metadata'];

const createBody = z.object({
	agent_id: z.string().trim().min(1),
	to_number: z.string().regex(E164, 'must be in E.164 format, e.g. +15551230002'),
	from_phone_number_id: z.string().trim().min(1).optional(),
	metadata: z.record(z.unknown()).nullable().optional(),
});

const listFilters = z.object({
	agent_id: z.string().optional(),
	status: z.enum(CALL_STATUSES).optional(),
	direction: z.enum(CALL_DIRECTIONS).optional(),
});

export function findCall(state: SandboxState, id: string): ButterCall {
	const call = state.butter.calls.find((c) => c.id === id);
	if (!call) throw notFound('Call', id);
	return call;
}

/** The given number, or the agent's first outbound-capable one. */
function callerNumber(
	state: SandboxState,
	agentId: string,
	numberId: string | undefined,
): ButterPhoneNumber {
	if (numberId) {
		const number = findPhoneNumber(state, numberId);
		if (!number.supports_outbound) {
			throw invalid(
				'from_phone_number_id',
				`Phone number ${numberId} does not support outbound calls`,
			);
		}
		return number;
	}
	const assigned = state.butter.phoneNumbers.find(
		(n) => n.agent_id === agentId && n.supports_outbound,
	);
	if (!assigned) {
		throw invalid(
			'from_phone_number_id',
			`Agent ${agentId} has no outbound phone number; set from_phone_number_id`,
		);
	}
	return assigned;
}

export const callRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/v1/calls',
		// Honours Idempotency-Key when a client sends one: a retried dial must not ring twice.
		idempotent: true,
		handler: ({ state, body, now }) => {
			const input = requireObject(body);
			const { agent_id, to_number, from_phone_number_id, metadata } = parseWith(createBody, input);
			const agent = findAgent(state, agent_id);
			if (agent.agentArchitecture === 'text')
				throw voiceOnly('Text agents cannot place or receive voice calls');
			const number = callerNumber(state, agent.id, from_phone_number_id);
			const extras = Object.fromEntries(
				Object.entries(input).filter(([field]) => !KNOWN_FIELDS.includes(field)),
			);
			const call: ButterCall = {
				id: state.ids.hex('call_'),
				agent_id: agent.id,
				direction: 'outbound',
				telephony: number.provider,
				status: 'queued',
				phone_number_id: number.id,
				from_number: number.phone_number,
				to_number,
				metadata: isObject(metadata) ? metadata : {},
				...notYetRung(iso(now)),
				extras,
			};
			state.butter.calls.push(call);
			// `phone` and `metadata` as well, so the ledger's duplicate-dial report covers Butter too.
			state.ledger.record(
				{
					platform: 'butter',
					action: 'call.dialed',
					resourceId: call.id,
					details: { to: to_number, agentId: agent.id, phone: to_number, metadata: call.metadata },
				},
				now,
			);
			simulateCall(state, call);
			const {
				id,
				status,
				direction,
				telephony,
				from_number,
				metadata: shownMetadata,
				created_at,
			} = call;
			return action(201, 'Call queued', {
				...extras,
				id,
				status,
				direction,
				telephony,
				agent_id: agent.id,
				from_phone_number_id: number.id,
				from_number,
				to_number,
				metadata: shownMetadata,
				created_at,
			});
		},
	},
	{
		method: 'GET',
		pattern: '/v1/calls',
		handler: ({ state, query }) => {
			const filters = parseWith(listFilters, Object.fromEntries(query));
			const matching = state.butter.calls.filter(
				(c) =>
					(!filters.agent_id || c.agent_id === filters.agent_id) &&
					(!filters.status || c.status === filters.status) &&
					(!filters.direction || c.direction === filters.direction),
			);
			return butterList(state, matching, query, 'calls', filters, callView);
		},
	},
	{
		method: 'GET',
		pattern: '/v1/calls/:id',
		handler: ({ state, params }) => single(callView(findCall(state, params.id))),
	},
];
