import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import type { PlatformProfile } from '../platformProfile';
import { baseUrlOf } from './baseUrl';
import { refusedAnswerError, unsuccessfulAnswerError } from './executor';
import { CURSOR_PAGES, type PagingStyle, walkList } from './paging';
import { interactiveRetryPolicy, isRepeatable, type RetryPolicy, withRetries } from './retry';

/** Where a platform's requests outside routing go: its profile and its credential type. */
export interface PlatformApi {
	profile: PlatformProfile;
	credentialType: string;
}

type Context = ILoadOptionsFunctions | IHookFunctions | IExecuteSingleFunctions;
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
): Promise<IDataObject> {
	const baseURL = baseUrlOf(await context.getCredentials(api.credentialType));
	const node = context.getNode();
	return await withRetries(
		node,
		api.profile,
		{
			send: async () => {
				const response = (await context.helpers.httpRequestWithAuthentication.call(
					context,
					api.credentialType,
					{
						...request,
						baseURL,
						json: true,
						ignoreHttpStatusErrors: true,
						returnFullResponse: true,
					},
				)) as FullResponse;
				if (response.statusCode >= 400) throw refusedAnswerError(node, api.profile, response);
				const unsuccessful = unsuccessfulAnswerError(node, api.profile, response);
				if (unsuccessful) throw unsuccessful;
				return (response.body ?? {}) as IDataObject;
			},
			repeatable: isRepeatable({ method: request.method, headers: request.headers as IDataObject }),
			body: request.body,
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
