import type {
	IHttpRequestMethods,
	INodePropertyRouting,
	PostReceiveAction,
	PreSendAction,
} from 'n8n-workflow';

import { paginate, type PagingStyle } from './pagination';
import type { PlatformProfile } from './platformProfile';
import { checkResponse, unwrapResponse } from './requestExecutor';

/**
 * Request defaults every node shares: the credential's base URL (a trailing slash forgiven), and
 * errors returned as responses so the executor can read their status and headers.
 */
export const sharedRequestDefaults = {
	baseURL: '={{ String($credentials.baseUrl).replace(/\\/+$/, "") }}',
	headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
	ignoreHttpStatusErrors: true,
	json: true,
};

interface RouteOptions {
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
