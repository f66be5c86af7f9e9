import { z } from 'zod';

import type { Route } from '../http';
import { generateStandardWebhooksSecret } from '../signing';
import type { SandboxState } from '../state';
import { iso, isHttpUrl, notFound, parseBody } from './common';
import { EVENT_TYPES, type EventType, type WebhookSubscription } from './model';
import { cursorPage } from './pagination';

const url = z.string().max(2000).refine(isHttpUrl, 'url must be an http or https URL');
const events = z
	.array(z.string(), { invalid_type_error: 'events must be an array of event types' })
	.min(1, 'events must name at least one event type')
	.superRefine((names, ctx) => {
		const unknown = names.find((name) => !EVENT_TYPES.includes(name as EventType));
		if (unknown !== undefined)
			ctx.addIssue({
				code: 'custom',
				message: `events: unknown event type "${unknown}"; known: ${EVENT_TYPES.join(', ')}`,
			});
	})
	// The same type twice would deliver each event once anyway.
	.transform((names) => [...new Set(names)] as EventType[]);
const description = z.string().max(500).nullable();

const createBody = z.object({ url, events, description: description.optional() });
const updateBody = z.object({ url, events, description, active: z.boolean() }).partial();
/** Replace semantics: the record is what the body says; description and active default. */
const replaceBody = z.object({
	url,
	events,
	description: description.optional().default(null),
	active: z.boolean().optional().default(true),
});

/** Every answer but the create one leaves the secret out. */
export const withoutSecret = ({ secret: _secret, ...subscription }: WebhookSubscription) =>
	subscription;

function subscriptionOf(state: SandboxState, id: string): WebhookSubscription {
	const subscription = state.aitelier.webhooks.get(id);
	if (!subscription) throw notFound('webhook', id);
	return subscription;
}

export const webhookRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/webhooks',
		scope: 'webhooks:manage',
		idempotent: true,
		handler: ({ state, body, now }) => {
			const input = parseBody(createBody, body);
			const subscription: WebhookSubscription = {
				id: state.ids.hex('wh_'),
				url: input.url,
				events: input.events,
				description: input.description ?? null,
				active: true,
				secret: generateStandardWebhooksSecret(),
				created_at: iso(now),
			};
			state.aitelier.webhooks.set(subscription.id, subscription);
			state.ledger.record(
				{
					platform: 'aitelier',
					action: 'webhook.created',
					resourceId: subscription.id,
					details: { url: subscription.url, events: subscription.events },
				},
				now,
			);
			return { status: 201, body: subscription };
		},
	},
	{
		method: 'GET',
		pattern: '/webhooks',
		scope: 'webhooks:manage',
		handler: ({ state, query }) =>
			cursorPage([...state.aitelier.webhooks.values()], query, {
				list: 'webhooks',
				view: withoutSecret,
			}),
	},
	{
		method: 'PUT',
		pattern: '/webhooks/:id',
		scope: 'webhooks:manage',
		idempotent: true,
		handler: ({ state, params, body, now }) => {
			const subscription = subscriptionOf(state, params.id);
			const replace = state.aitelier.simulation.webhookPut === 'replace';
			const changes = replace
				? parseBody(replaceBody, body)
				: Object.fromEntries(
						Object.entries(parseBody(updateBody, body)).filter(([, value]) => value !== undefined),
					);
			Object.assign(subscription, changes);
			state.ledger.record(
				{
					platform: 'aitelier',
					action: 'webhook.updated',
					resourceId: subscription.id,
					details: { changes },
				},
				now,
			);
			return { status: 200, body: withoutSecret(subscription) };
		},
	},
	{
		method: 'DELETE',
		pattern: '/webhooks/:id',
		scope: 'webhooks:manage',
		idempotent: true,
		handler: ({ state, params, now }) => {
			const subscription = subscriptionOf(state, params.id);
			state.aitelier.webhooks.delete(subscription.id);
			state.ledger.record(
				{
					platform: 'aitelier',
					action: 'webhook.deleted',
					resourceId: subscription.id,
					details: { url: subscription.url },
				},
				now,
			);
			return { status: 200, body: { id: subscription.id, deleted: true } };
		},
	},
];
