import { z } from 'zod';

import type { Route } from '../http';
import type { SandboxState } from '../state';
import { E164 } from '../validation';
import { findAgent } from './agents';
import {
	action,
	conflict,
	httpUrl,
	invalid,
	iso,
	notFound,
	parseWith,
	requireObject,
	single,
	voiceOnly,
} from './common';
import { findIntegration } from './integrations';
import type { ButterAgent, ButterPhoneNumber } from './model';
import { butterList } from './pagination';

const PROVIDERS = ['twilio', 'sip'] as const;
const SIP_TEXT_FIELDS = [
	'sip_trunk_name',
	'sip_username',
	'sip_server_address',
	'inbound_room_name',
] as const;
const text = z.string().max(200).nullable();
const pin = z.preprocess(
	(value) => (typeof value === 'number' ? String(value) : value),
	z.string().min(4, 'must be 4 to 10 characters').max(10, 'must be 4 to 10 characters').nullable(),
);

/** Fields an import may set and an update may change; null clears an optional one. */
const editable = z
	.object({
		name: z.string().trim().max(100).nullable(),
		agent_id: z.string().nullable(),
		supports_inbound: z.boolean(),
		supports_outbound: z.boolean(),
		webhook_url: httpUrl.nullable(),
		integration_id: z.string().min(1),
		sip_trunk_name: text,
		sip_username: text,
		sip_password: text,
		sip_server_address: text,
		inbound_room_name: text,
		inbound_pin: pin,
		media_encryption: z.enum(['disable', 'allow', 'require']),
	})
	.partial();
type Editable = z.infer<typeof editable>;

const importBody = editable.extend({
	phone_number: z.string().regex(E164, 'must be in E.164 format, e.g. +15551230001'),
	provider: z.enum(PROVIDERS),
});

const listFilters = z.object({
	agent_id: z.string().optional(),
	provider: z.enum(PROVIDERS).optional(),
	status: z.enum(['free', 'assigned']).optional(),
});

/** Secrets become *_set flags: a number's password and PIN are write-only. */
export function phoneNumberView(number: ButterPhoneNumber) {
	const specific =
		number.provider === 'twilio'
			? { integration_id: number.integration_id ?? null }
			: {
					...number.sip,
					sip_password_set: number.secrets.sip_password !== null,
					inbound_pin_set: number.secrets.inbound_pin !== null,
				};
	return {
		id: number.id,
		phone_number: number.phone_number,
		provider: number.provider,
		name: number.name,
		status: number.agent_id ? 'assigned' : 'free',
		agent_id: number.agent_id,
		supports_inbound: number.supports_inbound,
		supports_outbound: number.supports_outbound,
		webhook_url: number.webhook_url,
		...specific,
		created_at: number.created_at,
		updated_at: number.updated_at,
	};
}

export function findPhoneNumber(state: SandboxState, id: string): ButterPhoneNumber {
	const number = state.butter.phoneNumbers.find((n) => n.id === id);
	if (!number) throw notFound('Phone number', id);
	return number;
}

function assignableAgent(state: SandboxState, id: string): ButterAgent {
	const agent = findAgent(state, id);
	if (agent.agentArchitecture === 'text')
		throw voiceOnly('Text agents cannot be assigned phone numbers');
	return agent;
}

/** Applies given fields to a draft, checking references; fields of the other provider are ignored. */
function apply(state: SandboxState, number: ButterPhoneNumber, fields: Editable): void {
	if (fields.name !== undefined) number.name = fields.name || null;
	if (fields.agent_id !== undefined)
		number.agent_id = fields.agent_id ? assignableAgent(state, fields.agent_id).id : null;
	if (fields.supports_inbound !== undefined) number.supports_inbound = fields.supports_inbound;
	if (fields.supports_outbound !== undefined) number.supports_outbound = fields.supports_outbound;
	if (fields.webhook_url !== undefined) number.webhook_url = fields.webhook_url || null;
	if (number.provider === 'twilio') {
		if (fields.integration_id !== undefined)
			number.integration_id = findIntegration(state, fields.integration_id).id;
		if (!number.integration_id)
			throw invalid('integration_id', 'integration_id is required for twilio numbers');
		return;
	}
	const sip = number.sip!;
	for (const field of SIP_TEXT_FIELDS)
		if (fields[field] !== undefined) sip[field] = fields[field] || null;
	if (fields.media_encryption !== undefined) sip.media_encryption = fields.media_encryption;
	if (fields.sip_password !== undefined) number.secrets.sip_password = fields.sip_password || null;
	if (fields.inbound_pin !== undefined) number.secrets.inbound_pin = fields.inbound_pin || null;
	if (number.supports_outbound && !sip.sip_server_address) {
		throw invalid(
			'sip_server_address',
			'sip_server_address is required when supports_outbound is true',
		);
	}
}

export const phoneNumberRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/v1/phone-numbers',
		handler: ({ state, body, now }) => {
			const { phone_number, provider, ...fields } = parseWith(importBody, requireObject(body));
			const number: ButterPhoneNumber = {
				id: state.ids.hex('phon_'),
				phone_number,
				provider,
				name: null,
				agent_id: null,
				supports_inbound: false,
				supports_outbound: false,
				webhook_url: null,
				...(provider === 'sip'
					? {
							sip: {
								sip_trunk_name: null,
								sip_username: null,
								sip_server_address: null,
								inbound_room_name: null,
								media_encryption: 'allow' as const,
							},
						}
					: {}),
				secrets: { sip_password: null, inbound_pin: null },
				created_at: iso(now),
				updated_at: iso(now),
			};
			apply(state, number, fields);
			if (state.butter.phoneNumbers.some((n) => n.phone_number === phone_number))
				throw conflict('Phone number already exists');
			state.butter.phoneNumbers.push(number);
			state.ledger.record(
				{
					platform: 'butter',
					action: 'phone_number.imported',
					resourceId: number.id,
					details: { phone_number, provider, agent_id: number.agent_id },
				},
				now,
			);
			return action(201, 'Phone number imported successfully', phoneNumberView(number));
		},
	},
	{
		method: 'GET',
		pattern: '/v1/phone-numbers',
		handler: ({ state, query }) => {
			const filters = parseWith(listFilters, Object.fromEntries(query));
			const matching = state.butter.phoneNumbers.filter(
				(n) =>
					(!filters.agent_id || n.agent_id === filters.agent_id) &&
					(!filters.provider || n.provider === filters.provider) &&
					(!filters.status || (n.agent_id ? 'assigned' : 'free') === filters.status),
			);
			return butterList(state, matching, query, 'phone-numbers', filters, phoneNumberView);
		},
	},
	{
		method: 'GET',
		pattern: '/v1/phone-numbers/:id',
		handler: ({ state, params }) => single(phoneNumberView(findPhoneNumber(state, params.id))),
	},
	{
		method: 'PATCH',
		pattern: '/v1/phone-numbers/:id',
		handler: ({ state, params, body, now }) => {
			const number = findPhoneNumber(state, params.id);
			const input = requireObject(body);
			for (const fixed of ['phone_number', 'provider'] as const) {
				if (input[fixed] !== undefined && input[fixed] !== number[fixed]) {
					throw invalid(fixed, `${fixed} cannot be changed; delete the number and import it again`);
				}
			}
			const fields = parseWith(editable, input);
			// Checked on a copy, so a refused update changes nothing.
			const draft = structuredClone(number);
			apply(state, draft, fields);
			Object.assign(number, draft, { updated_at: iso(now) });
			state.ledger.record(
				{
					platform: 'butter',
					action: 'phone_number.updated',
					resourceId: number.id,
					details: { fields: Object.keys(fields) },
				},
				now,
			);
			return action(200, 'Phone number updated successfully', phoneNumberView(number));
		},
	},
	{
		method: 'DELETE',
		pattern: '/v1/phone-numbers/:id',
		handler: ({ state, params, now }) => {
			const number = findPhoneNumber(state, params.id);
			state.butter.phoneNumbers = state.butter.phoneNumbers.filter((n) => n !== number);
			state.ledger.record(
				{
					platform: 'butter',
					action: 'phone_number.deleted',
					resourceId: number.id,
					details: { phone_number: number.phone_number },
				},
				now,
			);
			return action(200, 'Phone number deleted successfully', { id: number.id, deleted: true });
		},
	},
];
