import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import type { PlatformProfile } from '../platformProfile';
import { baseUrlOf } from './baseUrl';
import { refusedAnswerError, unsuccessfulAnswerError } from './executor';
import { CURSOR_PAGES, type PagingStyle, walkList } from './paging';
import {
	absoluteUrl,
	followWithinOrigin,
	type Hop,
	NO_AUTOMATIC_REDIRECTS,
	redirectIn,
} from './redirects';
import type { Pacer } from './pacer';
import { observeRateHeaders, pacersFor } from './pacing';
import { interactiveRetryPolicy, isRepeatable, type RetryPolicy, withRetries } from './retry';

/** Where a platform's requests outside routing go: its profile and its credential type. */
export interface PlatformApi {
	profile: PlatformProfile;
	credentialType: string;
}

type Context = ILoadOptionsFunctions | IHookFunctions | IExecuteSingleFunctions | IPollFunctions;
type FullResponse = { statusCode: number; body: unknown; headers: IDataObject };

/**
 * A request made outside an item's routing — editor dropdowns, triggers' lifecycle methods,
 * follow-up requests of an operation: the credential's base URL and auth, the platform's error
 * mapping and the one retry loop, bounded for someone who is watching.
 */
export async function apiRequest(
	context: Context,
	api: PlatformApi,
	request: Omit<IHttpRequestOptions, 'baseURL'>,
	policy: RetryPolicy = interactiveRetryPolicy,
	/** Pacers of the caller's own (e.g. Request Options → Batching), besides the credential's. */
	ownPacers: Pacer[] = [],
): Promise<IDataObject> {
	const baseURL = baseUrlOf(await context.getCredentials(api.credentialType));
	const node = context.getNode();
	// An operation's item, when the request belongs to one: its errors name the item.
	const itemIndex = 'getItemIndex' in context ? context.getItemIndex() : undefined;
	const signal =
		'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
	const pacers = [...(await pacersFor(context, api.profile, request)), ...ownPacers];
	const sendOnce = async (hop?: Hop) => {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			api.credentialType,
			{
				...request,
				...(hop ? { url: hop.url, method: hop.method as IHttpRequestMethods } : {}),
				baseURL,
				json: true,
				ignoreHttpStatusErrors: true,
				returnFullResponse: true,
				...NO_AUTOMATIC_REDIRECTS,
			},
		)) as FullResponse;
		observeRateHeaders(pacers, response.headers);
		const redirect = redirectIn(node, api.profile, response, itemIndex);
		if (redirect) throw redirect;
		if (response.statusCode >= 300)
			throw refusedAnswerError(node, api.profile, response, itemIndex);
		const unsuccessful = unsuccessfulAnswerError(node, api.profile, response, itemIndex);
		if (unsuccessful) throw unsuccessful;
		return (response.body ?? {}) as IDataObject;
	};
	const start = { url: absoluteUrl(request.url, baseURL), method: request.method };
	return await withRetries(
		node,
		api.profile,
		{
			send: async () => await followWithinOrigin(node, api.profile, start, sendOnce, itemIndex),
			repeatable: isRepeatable({ method: request.method, headers: request.headers as IDataObject }),
			body: request.body,
			itemIndex,
			signal,
			pacers,
		},
		policy,
	);
}

/** Every record of a list, for lifecycle methods and pickers that need them all. */
export async function allRecords(
	context: Context,
	api: PlatformApi,
	url: string,
	qs: IDataObject = {},
	paging: PagingStyle = CURSOR_PAGES,
): Promise<IDataObject[]> {
	return await walkList(
		paging,
		async (page) => await apiRequest(context, api, { method: 'GET', url, qs: { ...qs, ...page } }),
		Infinity,
		{ node: context.getNode(), platform: api.profile.name, list: url },
	);
}
