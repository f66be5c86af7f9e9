import type {
	IDataObject,
	IHookFunctions,
	INodeProperties,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError } from './platformError';
import { apiRequest, type PlatformApi } from './request/apiRequest';
import { interactiveRetryPolicy, type RetryPolicy } from './request/retry';
import { isTestDelivery } from './webhookVerification';

/**
 * "Include Call Details" on the call-event triggers: on a call's last event the trigger fetches
 * the call's detail and adds it to the item, or answers 503 and starts nothing.
 */
export const INCLUDE_CALL_DETAILS = 'includeCallDetails';

/** The toggle; off by default, so workflows saved before it behave as they did. */
export function includeCallDetailsProperty(description: string): INodeProperties {
	return {
		displayName: 'Include Call Details',
		name: INCLUDE_CALL_DETAILS,
		type: 'boolean',
		default: false,
		description,
	};
}

export const wantsCallDetails = (context: IWebhookFunctions) =>
	context.getNodeParameter(INCLUDE_CALL_DETAILS, false) === true;

// Senders give up on a delivery after about 10 s (BuildVoiceAI documents 10 s): the detail is
// fetched within 5 s, so the platform hears our 503 in time and retries rather than timing out.
const DETAIL_BUDGET_MS = 5_000;
// One attempt's share of the budget: a hung connection still leaves room for one re-send.
const ATTEMPT_TIMEOUT_MS = 2_000;
const MAX_WAIT_MS = 1_000;
// Below this there is no point starting an attempt.
const MIN_ATTEMPT_MS = 250;

/** When the detail must be in hand; shared by every request one delivery makes. */
export interface Deadline {
	at: number;
}

export const detailDeadline = (): Deadline => ({ at: Date.now() + DETAIL_BUDGET_MS });

/** The shared retry rule, bounded by what is left of the budget: one re-send, a second of waiting. */
function policyWithin(leftMs: number): RetryPolicy {
	return {
		...interactiveRetryPolicy,
		maxTotalWaitMs: Math.min(MAX_WAIT_MS, leftMs),
		maxTransientRetries: 1,
		baseBackoffMs: 250,
		maxBackoffMs: MAX_WAIT_MS,
	};
}

/**
 * One GET of a call's detail through the shared request core (credential, redirects, answer
 * check, retries), each attempt cut off at its share of the deadline.
 */
export async function detailRequest(
	context: IWebhookFunctions,
	api: PlatformApi,
	url: string,
	deadline: Deadline,
): Promise<IDataObject> {
	const leftMs = deadline.at - Date.now();
	if (leftMs < MIN_ATTEMPT_MS)
		throw new NodeOperationError(context.getNode(), 'No time left to fetch the call details');
	return await apiRequest(
		// apiRequest uses only what webhook contexts have too (credentials, node, helpers); its
		// context type does not list IWebhookFunctions yet.
		context as unknown as IHookFunctions,
		api,
		{ method: 'GET', url, timeout: Math.min(ATTEMPT_TIMEOUT_MS, leftMs) },
		policyWithin(leftMs),
	);
}

// Platform messages can be long; a bounded reason keeps the log readable.
const MAX_REASON_LOGGED = 300;

/**
 * 503 and no execution: the event is not emitted without the detail it was asked to carry. The
 * platform's retry comes back as a new delivery (the caller has forgotten this one). The reason
 * goes to n8n's log, and into the answer only while the editor listens for a test event.
 */
export function detailsUnavailable(
	context: IWebhookFunctions,
	error: unknown,
): IWebhookResponseData {
	const reason = asNodeError(context.getNode(), error).message.slice(0, MAX_REASON_LOGGED);
	context.logger.warn(
		`${context.getNode().name}: call details could not be fetched, delivery answered 503 and nothing started: ${reason}`,
		{ reason },
	);
	const body: IDataObject = { error: 'Call details could not be fetched; send the event again' };
	if (isTestDelivery(context)) body.reason = reason;
	context.getResponseObject().status(503).json(body);
	return { noWebhookResponse: true };
}
