import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { idOf, invalidField, missingField } from '../../shared/fields';
import { isButterId } from '../profile';

export { copyGiven, extraFieldsOption, idOf, invalidField, listOfStrings, missingField, withExtraFields } from '../../shared/fields';

/**
 * A preSend check that the ID in a URL has its resource's prefix + 12 hex, so a typo or an empty
 * expression fails the item here instead of reaching (or mis-addressing) the API.
 */
export function requireId(parameter: string, prefix: string, label: string) {
	return async function checkId(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const id = idOf(this, parameter);
		if (!id) throw missingField(this, label, `Pick one from the list or give its ID (${prefix}…)`);
		if (!isButterId(prefix, id)) {
			throw invalidField(this, label, `"${id.slice(0, 40)}" is not a valid ID`, `It is "${prefix}" followed by 12 or more hex characters`);
		}
		return requestOptions;
	};
}

/** An optional ID typed into a field: empty is fine, anything else must have its prefix + 12 hex. */
export function optionalId(context: IExecuteSingleFunctions, value: unknown, prefix: string, label: string, noun: string): string {
	const id = String(value ?? '').trim();
	if (id && !isButterId(prefix, id)) {
		throw invalidField(context, label, `"${id.slice(0, 40)}" is not ${noun} ID`, `It is "${prefix}" followed by 12 or more hex characters`);
	}
	return id;
}

/** A required ID sent in a body (a locator's value): missing or malformed fails the item before sending. */
export function requiredId(context: IExecuteSingleFunctions, parameter: string, prefix: string, label: string, hint: string): string {
	const id = idOf(context, parameter);
	if (!id) throw missingField(context, label, hint);
	if (!isButterId(prefix, id)) {
		throw invalidField(context, label, `"${id.slice(0, 40)}" is not a valid ID`, `It is "${prefix}" followed by 12 or more hex characters`);
	}
	return id;
}

/** A list filter's Agent ID, checked before the first page is asked for. */
export async function checkAgentFilter(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	checkAgentId(this, (this.getNodeParameter('filters', {}) as { agentId?: unknown }).agentId);
	return requestOptions;
}

export const checkAgentId = (context: IExecuteSingleFunctions, value: unknown): string =>
	optionalId(context, value, 'agent_', 'Agent ID', 'an agent');

/** Agent ID among a collection's fields (assigning a number, attaching a document). */
export const agentIdOption = (description: string): INodeProperties => ({
	displayName: 'Agent ID',
	name: 'agentId',
	type: 'string',
	default: '',
	placeholder: 'agent_a1b2c3d4e5f6',
	description,
});

/** Agent visibility, as create, update and the Get Many filter offer it. */
export const AGENT_MODES = [
	{ name: 'Commercial', value: 'commercial' },
	{ name: 'Private', value: 'private' },
	{ name: 'Public', value: 'public' },
];
