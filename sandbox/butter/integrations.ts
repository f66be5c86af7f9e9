import { z } from 'zod';

import type { Route } from '../http';
import type { SandboxState } from '../state';
import { action, conflict, iso, notFound, parseWith, requireObject, single } from './common';
import type { ButterIntegration } from './model';
import { butterList } from './pagination';

const createBody = z.object({
	name: z.string().trim().min(1).max(100),
	credentials: z.object({
		provider: z.literal('twilio'),
		account_sid: z
			.string()
			.refine(
				(sid) => sid.startsWith('AC') && sid.length === 34,
				'must start with AC and be 34 characters long',
			),
		auth_token: z.string().min(1),
	}),
});

/** The answer names the id twice, as `integration_id` is what the docs return. */
const view = (integration: ButterIntegration) => ({
	...integration,
	integration_id: integration.id,
});

export function findIntegration(state: SandboxState, id: string): ButterIntegration {
	const integration = state.butter.integrations.find((i) => i.id === id);
	if (!integration) throw notFound('Integration', id);
	return integration;
}

export const integrationRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/v1/integrations',
		handler: ({ state, body, now }) => {
			const { name, credentials } = parseWith(createBody, requireObject(body), ['credentials']);
			// The auth token is checked, then dropped: it is never stored, answered or logged.
			const integration: ButterIntegration = {
				id: state.ids.hex('intg_'),
				name,
				provider: 'twilio',
				category: 'telephony',
				status: 'active',
				account_sid: credentials.account_sid,
				created_at: iso(now),
			};
			state.butter.integrations.push(integration);
			state.ledger.record(
				{
					platform: 'butter',
					action: 'integration.created',
					resourceId: integration.id,
					details: { name, provider: 'twilio', account_sid: integration.account_sid },
				},
				now,
			);
			return action(201, 'Integration created successfully', view(integration));
		},
	},
	{
		method: 'GET',
		pattern: '/v1/integrations',
		handler: ({ state, query }) =>
			butterList(state, state.butter.integrations, query, 'integrations', {}, view),
	},
	{
		method: 'GET',
		pattern: '/v1/integrations/:id',
		handler: ({ state, params }) => single(view(findIntegration(state, params.id))),
	},
	{
		method: 'DELETE',
		pattern: '/v1/integrations/:id',
		handler: ({ state, params, now }) => {
			const integration = findIntegration(state, params.id);
			const user = state.butter.phoneNumbers.find(
				(number) => number.integration_id === integration.id,
			);
			if (user) throw conflict(`Integration is used by phone number ${user.id}`);
			state.butter.integrations = state.butter.integrations.filter((i) => i !== integration);
			state.ledger.record(
				{
					platform: 'butter',
					action: 'integration.deleted',
					resourceId: integration.id,
					details: {},
				},
				now,
			);
			return action(200, 'Integration deleted successfully', { id: integration.id, deleted: true });
		},
	},
];
