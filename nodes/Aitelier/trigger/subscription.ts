import type { IHookFunctions } from 'n8n-workflow';

import { pathId } from '../../shared/fields';
import { asNodeError, PlatformApiError } from '../../shared/platformError';
import { aitelierRequest, allAitelierRecords } from '../transport';
import { subscribedEvents } from './events';

/** What the node keeps between activation and deactivation. */
export interface StoredSubscription {
	webhookId?: string;
	secret?: string;
}

export const stored = (context: IHookFunctions) =>
	context.getWorkflowStaticData('node') as StoredSubscription;
const selectedEvents = (context: IHookFunctions) =>
	subscribedEvents(context.getNodeParameter('events', []) as string[]);
const sameEvents = (a: unknown, b: string[]) =>
	Array.isArray(a) && [...(a as string[])].sort().join() === b.join();

function forget(context: IHookFunctions): void {
	const data = stored(context);
	delete data.webhookId;
	delete data.secret;
}

/**
 * True when the subscription this node created still exists for this URL (its events brought in
 * line with the selection). Stale static data is repaired: a vanished subscription is forgotten,
 * and one for this URL whose secret the node does not hold is deleted so create() starts clean.
 */
export async function subscriptionExists(context: IHookFunctions): Promise<boolean> {
	const url = context.getNodeWebhookUrl('default');
	const events = selectedEvents(context);
	const mine = stored(context);
	let exists = false;
	for (const subscription of await allAitelierRecords(context, '/webhooks')) {
		if (subscription.url !== url) continue;
		if (subscription.id === mine.webhookId && mine.secret) {
			if (!sameEvents(subscription.events, events) || subscription.active === false) {
				await aitelierRequest(
					context,
					'PUT',
					`/webhooks/${pathId(context.getNode(), 'Webhook ID', String(subscription.id))}`,
					{
						// The whole record: a PUT may replace rather than merge (the text does not say).
						body: { url, events, description: subscription.description ?? null, active: true },
					},
				);
			}
			exists = true;
		} else {
			// An orphan for this URL: its secret is gone (shown once), so it can never verify.
			await aitelierRequest(
				context,
				'DELETE',
				`/webhooks/${pathId(context.getNode(), 'Webhook ID', String(subscription.id))}`,
			);
		}
	}
	if (!exists) forget(context);
	return exists;
}

export async function createSubscription(context: IHookFunctions): Promise<void> {
	const answer = await aitelierRequest(context, 'POST', '/webhooks', {
		body: {
			url: context.getNodeWebhookUrl('default') as string,
			events: selectedEvents(context),
			description:
				`n8n workflow ${context.getWorkflow().id ?? ''} · ${context.getNode().name}`.trim(),
		},
	});
	const data = stored(context);
	data.webhookId = String(answer.id);
	data.secret = String(answer.secret ?? '');
}

export async function deleteSubscription(context: IHookFunctions): Promise<void> {
	const { webhookId } = stored(context);
	if (webhookId) {
		try {
			await aitelierRequest(
				context,
				'DELETE',
				`/webhooks/${pathId(context.getNode(), 'Webhook ID', webhookId)}`,
			);
		} catch (error) {
			// Already gone is what deactivation wants.
			if (!(error instanceof PlatformApiError && error.httpCode === '404'))
				throw asNodeError(context.getNode(), error);
		}
	}
	forget(context);
}
