import type {
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyRouting,
	PreSendAction,
	PostReceiveAction,
} from 'n8n-workflow';

import { sendIdempotencyKey } from '../shared/idempotency';
import { idOf, missingField } from '../shared/fields';
import { operationRoute } from '../shared/routing';
import { inputOf } from '../shared/validation';
import { aitelier } from './profile';

/** Every Aitelier list pages by cursor; 100 is the largest page it serves. */
export const cursorPaging = { style: 'cursor', maxPageSize: 100 } as const;

/** A read: the executor retries it freely. */
export const readRoute = (url: string, options: { preSend?: PreSendAction[]; postReceive?: PostReceiveAction[]; list?: boolean } = {}) =>
	operationRoute(aitelier, 'GET', url, { ...options, ...(options.list ? { paging: cursorPaging } : {}) });

/** A state-changing request: always with an Idempotency-Key, so a retry never acts twice. */
export const writeRoute = (
	method: IHttpRequestMethods,
	url: string,
	options: { preSend?: PreSendAction[]; postReceive?: PostReceiveAction[] } = {},
): INodePropertyRouting =>
	operationRoute(aitelier, method, url, { ...options, preSend: [...(options.preSend ?? []), sendIdempotencyKey] });

/** preSend: the ID used in the URL is there (an empty expression would address the collection). */
export function requireId(parameter: string, label: string): PreSendAction {
	return async function checkId(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		if (!idOf(this, parameter)) throw missingField(this, label, `Give the ${label} to act on`);
		return requestOptions;
	};
}

/** A plain ID parameter shown for some operations of a resource. */
export function idParameter(resource: string, operations: string[], displayName: string, name: string, placeholder: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		required: true,
		default: '',
		placeholder,
		displayOptions: { show: { resource: [resource], operation: operations } },
	};
}

/** `since` filter: an ISO-8601 date or time, checked before sending. */
export function sinceFilter(): INodeProperties {
	return {
		displayName: 'Since',
		name: 'since',
		type: 'string',
		default: '',
		placeholder: '2026-05-13 or 2026-05-13T18:42:30Z',
		description: 'Only records created at or after this ISO-8601 date or time',
		routing: {
			send: {
				type: 'query',
				property: 'since',
				preSend: [
					async function checkSince(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
						const value = this.getNodeParameter('filters.since', '');
						if (value) inputOf(this).isoDate('Since', value);
						return requestOptions;
					},
				],
			},
		},
	};
}
