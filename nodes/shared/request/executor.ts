import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';

import {
	notJsonMessage,
	PlatformApiError,
	parsePlatformError,
	UnsuccessfulAnswerError,
	unsuccessfulAnswer,
} from '../platformError';
import type { PlatformProfile } from '../platformProfile';
import { headerValue } from './headers';
import { observeRateHeaders, pacersFor } from './pacing';
import { absoluteUrl, followWithinOrigin, NO_AUTOMATIC_REDIRECTS, redirectIn } from './redirects';
import { defaultRetryPolicy, isRepeatable, type RetryPolicy, withRetries } from './retry';
import { retryAfterMs } from './retryTiming';

export { defaultRetryPolicy, isRepeatable, type RetryPolicy } from './retry';

/**
 * Sends one request through n8n's routing (auth, postReceive) and the package's one retry loop.
 */
export async function sendWithRetries(
	context: IExecutePaginationFunctions,
	profile: PlatformProfile,
	request: DeclarativeRestApiSettings.ResultOptions,
	policy: RetryPolicy = defaultRetryPolicy,
): Promise<INodeExecutionData[]> {
	const options = { ...request.options, ...NO_AUTOMATIC_REDIRECTS };
	const pacers = await pacersFor(context, profile, options);
	const start = {
		url: absoluteUrl(String(options.url ?? ''), options.baseURL),
		method: options.method,
	};
	return await withRetries(
		context.getNode(),
		profile,
		{
			send: async () =>
				await followWithinOrigin(
					context.getNode(),
					profile,
					start,
					async (hop) =>
						await context.makeRoutingRequest({
							...request,
							options: hop
								? { ...options, url: hop.url, method: hop.method as IHttpRequestMethods }
								: { ...options },
						}),
					context.getItemIndex(),
				),
			repeatable: isRepeatable(request.options as { method?: string; headers?: IDataObject }),
			body: request.options.body,
			itemIndex: context.getItemIndex(),
			signal: context.getExecutionCancelSignal?.(),
			pacers,
		},
		policy,
	);
}

/** Node-level `requestOperations.pagination`: every single request goes through the executor. */
export function requestExecutor(profile: PlatformProfile, policy?: RetryPolicy) {
	return async function executeRequest(
		this: IExecutePaginationFunctions,
		request: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		return await sendWithRetries(this, profile, request, policy);
	};
}

/** A refused answer as an error with the platform's words, field, request id and wait hint. */
export function refusedAnswerError(
	node: INode,
	profile: PlatformProfile,
	response: { statusCode: number; body: unknown; headers: IDataObject },
	itemIndex?: number,
): PlatformApiError {
	const { statusCode } = response;
	const details = parsePlatformError(statusCode, response.body, response.headers);
	return new PlatformApiError(node, details, {
		platform: profile.name,
		itemIndex,
		retryAfterMs:
			statusCode === 429 || statusCode === 503
				? retryAfterMs(response.headers, Date.now())
				: undefined,
		hint:
			(details.code ? profile.codeHints?.[details.code] : undefined) ?? profile.hints?.[statusCode],
	});
}

/**
 * A 2xx answer that says it failed (`success: false`) or is not JSON, as an error in the
 * platform's words; undefined for a real success. The retry loop decides what it means.
 */
export function unsuccessfulAnswerError(
	node: INode,
	profile: PlatformProfile,
	response: { statusCode: number; body: unknown; headers: IDataObject },
	itemIndex?: number,
): UnsuccessfulAnswerError | undefined {
	const problem = unsuccessfulAnswer(response.body);
	if (problem === undefined) return undefined;
	const details = parsePlatformError(response.statusCode, response.body, response.headers);
	// A page of text or HTML is named, not quoted: its words are not the platform's answer.
	if (typeof response.body !== 'object' || Buffer.isBuffer(response.body))
		details.message = notJsonMessage(response.body);
	return new UnsuccessfulAnswerError(node, details, { platform: profile.name, itemIndex, problem });
}

/**
 * First postReceive action of every operation: a non-2xx answer becomes a PlatformApiError
 * (requests run with ignoreHttpStatusErrors so the body and headers reach this point), and so
 * does a 2xx that is not a success (`success: false`, or not JSON).
 */
export function checkResponse(profile: PlatformProfile) {
	return async function checkPlatformResponse(
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		if (headerValue(response.headers, 'x-ratelimit-remaining') === '0')
			observeRateHeaders(await pacersFor(this, profile, {}), response.headers);
		if (response.statusCode >= 200 && response.statusCode < 300) {
			const unsuccessful = unsuccessfulAnswerError(
				this.getNode(),
				profile,
				response,
				this.getItemIndex(),
			);
			if (unsuccessful) throw unsuccessful;
			return items;
		}
		const redirect = redirectIn(this.getNode(), profile, response, this.getItemIndex());
		if (redirect) throw redirect;
		throw refusedAnswerError(this.getNode(), profile, response, this.getItemIndex());
	};
}

/** Last postReceive action of single-record operations: the platform's envelope comes off. */
export function unwrapResponse(profile: PlatformProfile) {
	return async function unwrapPlatformResponse(
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
	): Promise<INodeExecutionData[]> {
		if (!profile.unwrap) return items;
		const unwrap = profile.unwrap;
		return items.flatMap((item) => {
			const value = unwrap(item.json);
			return (Array.isArray(value) ? value : [value]).map((json) => ({ json }));
		});
	};
}
