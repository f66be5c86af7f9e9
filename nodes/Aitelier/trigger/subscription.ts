import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions, IHttpRequestMethods } from 'n8n-workflow';

import { allCursorPages, loadOptionsRequest } from '../../shared/loadOptions';
import { asNodeError, PlatformApiError } from '../../shared/platformError';
import { aitelier } from '../profile';

/** What the node keeps between activation and deactivation. */
export interface StoredSubscription {
	webhookId?: string;
	secret?: string;
}

const api = async (context: IHookFunctions, method: IHttpRequestMethods, url: string, body?: IDataObject) =>
	await loadOptionsRequest(context, aitelier, 'aitelierApi', {
		method,
		url,
		...(body ? { body } : {}),
		// Writes carry a fresh key: a network retry of this call is deduped, a later activation is not.
		...(method === 'GET' ? {} : { headers: { 'Idempotency-Key': `n8n-hook-${randomBytes(16).toString('hex')}` } }),
	});

export const stored = (context: IHookFunctions) => context.getWorkflowStaticData('node') as StoredSubscription;
const selectedEvents = (context: IHookFunctions) => [...(context.getNodeParameter('events', []) as string[])].sort();
const sameEvents = (a: unknown, b: string[]) => Array.isArray(a) && [...(a as string[])].sort().join() === b.join();

/** Every subscription of the project, paging through the list. */
async function allSubscriptions(context: IHookFunctions): Promise<IDataObject[]> {
	return await allCursorPages(
		async (cursor) => await api(context, 'GET', `/webhooks?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
	);
}

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
	for (const subscription of await allSubscriptions(context)) {
		if (subscription.url !== url) continue;
		if (subscription.id === mine.webhookId && mine.secret) {
			if (!sameEvents(subscription.events, events) || subscription.active === false) {
				await api(context, 'PUT', `/webhooks/${String(subscription.id)}`, { events, active: true });
			}
			exists = true;
		} else {
			// An orphan for this URL: its secret is gone (shown once), so it can never verify.
			await api(context, 'DELETE', `/webhooks/${String(subscription.id)}`);
		}
	}
	if (!exists) forget(context);
	return exists;
}

export async function createSubscription(context: IHookFunctions): Promise<void> {
	const answer = await api(context, 'POST', '/webhooks', {
		url: context.getNodeWebhookUrl('default') as string,
		events: selectedEvents(context),
		description: `n8n workflow ${context.getWorkflow().id ?? ''} · ${context.getNode().name}`.trim(),
	});
	const data = stored(context);
	data.webhookId = String(answer.id);
	data.secret = String(answer.secret ?? '');
}

export async function deleteSubscription(context: IHookFunctions): Promise<void> {
	const { webhookId } = stored(context);
	if (webhookId) {
		try {
			await api(context, 'DELETE', `/webhooks/${webhookId}`);
		} catch (error) {
			// Already gone is what deactivation wants.
			if (!(error instanceof PlatformApiError && error.httpCode === '404')) throw asNodeError(context.getNode(), error);
		}
	}
	forget(context);
}
