import type {
	IHttpRequestMethods,
	INodePropertyRouting,
	PostReceiveAction,
	PreSendAction,
} from 'n8n-workflow';

import type { PlatformProfile } from '../platformProfile';
import { BASE_URL_EXPRESSION } from './baseUrl';
import { checkResponse, unwrapResponse } from './executor';
import { paginate, type PagingStyle } from './paging';

/**
 * Request defaults every node shares: the credential's base URL (a trailing slash forgiven), and
 * errors returned as responses so the executor can read their status and headers.
 */
export const sharedRequestDefaults = {
	baseURL: BASE_URL_EXPRESSION,
	headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
	ignoreHttpStatusErrors: true,
	json: true,
};

export interface RouteOptions {
	preSend?: PreSendAction[];
	postReceive?: PostReceiveAction[];
	/** List operations: the shared pagination helper in this paging style. */
	paging?: PagingStyle;
}

/**
 * The routing of one operation. `paginate: true` routes every request through the node's
 * `requestOperations.pagination` — the request executor — or, for lists, the paging helper.
 */
export function operationRoute(
	profile: PlatformProfile,
	method: IHttpRequestMethods,
	url: string,
	options: RouteOptions = {},
): INodePropertyRouting {
	const postReceive: PostReceiveAction[] = [checkResponse(profile)];
	if (!options.paging) postReceive.push(unwrapResponse(profile), ...(options.postReceive ?? []));
	return {
		request: { method, url },
		send: { paginate: true, ...(options.preSend ? { preSend: options.preSend } : {}) },
		output: { postReceive },
		...(options.paging ? { operations: { pagination: paginate(profile, options.paging) } } : {}),
	};
}

/** A platform's route builder: its profile bound once, so operation files name only method and URL. */
export function routeFor(profile: PlatformProfile) {
	return (method: IHttpRequestMethods, url: string, options?: RouteOptions) =>
		operationRoute(profile, method, url, options);
}
