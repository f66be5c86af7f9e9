import type { IDataObject, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { Deadline } from '../../shared/callDetails';
import { pathId } from '../../shared/fields';
import { asNodeError, PlatformApiError } from '../../shared/platformError';
import { apiRequest } from '../../shared/request/apiRequest';
import type { PollStream } from '../../shared/polling/stream';
import { api } from '../profile';
import { endsCall, fetchCall } from './callDetails';
import { normalise } from './events';

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value !== '' ? value : undefined;

const timeOf = (value: unknown): number | undefined => {
	const ms = typeof value === 'string' ? Date.parse(value) : NaN;
	return Number.isNaN(ms) ? undefined : ms;
};

/** One call of GET /v1/calls/{id}, or undefined when Butter no longer has it. */
async function readCall(context: IPollFunctions, id: string): Promise<IDataObject | undefined> {
	try {
		const body = await apiRequest(context, api, {
			method: 'GET',
			url: `/v1/calls/${pathId(context.getNode(), 'Call ID', id)}`,
		});
		const call = api.profile.unwrap?.(body) ?? body;
		return Array.isArray(call) ? undefined : call;
	} catch (error) {
		if (error instanceof PlatformApiError && error.httpCode === '404') return undefined;
		throw asNodeError(context.getNode(), error);
	}
}

/**
 * Butter's calls, newest first (GET /v1/calls has no "since" filter: the walk stops at the first
 * page reaching calls older than the window). A call is final once completed or failed.
 */
export const butterCalls: PollStream = {
	key: 'calls',
	url: '/v1/calls',
	idOf: (call) => text(call.id) ?? text(call.call_id),
	createdAtOf: (call) => timeOf(call.created_at),
	statusOf: (call) => String(call.status ?? '').toLowerCase(),
	isFinal: endsCall,
	readOne: readCall,
};

/**
 * The item a status callback would have started, from the call as read: the same fields and
 * `delivery_id` (`<call id>:<status>`); `timestamp` is the call's last update; `raw` the call.
 */
export function polledCallItem(call: IDataObject): IDataObject {
	const item = normalise(call);
	item.timestamp =
		text(call.timestamp) ??
		text(call.updated_at) ??
		text(call.ended_at) ??
		text(call.created_at) ??
		null;
	return item;
}

/** Include Call Details, as the webhook trigger does it: the call under `call` on its last status. */
export async function withCallDetails(
	context: IPollFunctions,
	item: IDataObject,
	deadline: Deadline,
): Promise<IDataObject> {
	if (!endsCall(String(item.status))) return item;
	// fetchCall uses only what a poll context has too (node, credentials, helpers).
	const call = await fetchCall(context as unknown as IWebhookFunctions, item.call_id, deadline);
	return { ...item, call };
}
