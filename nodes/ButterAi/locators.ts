import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { invalidField, requireId } from '../shared/fields';
import {
	AGENT_ID,
	type ButterIdShape,
	DOCUMENT_ID,
	INTEGRATION_ID,
	PHONE_NUMBER_ID,
	TOOL_ID,
} from './profile';

interface LocatorSpec {
	displayName: string;
	name: string;
	id: ButterIdShape;
	searchListMethod: string;
	noun: string;
}

/** A resource locator: pick from a searchable list, or paste an ID of the safe shape. */
function locator(spec: LocatorSpec): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The ${spec.noun} to act on`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `${spec.id.prefix}abc123`,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: spec.id.pattern,
							errorMessage: `${/^[aeiou]/i.test(spec.noun) ? 'An' : 'A'} ${spec.noun} ID is letters, digits, _ and - (at most 128), e.g. ${spec.id.prefix}abc123`,
						},
					},
				],
			},
		],
	};
}

export const agentLocator = (name = 'agentId', displayName = 'Agent') =>
	locator({ displayName, name, id: AGENT_ID, searchListMethod: 'searchAgents', noun: 'agent' });

export const phoneNumberLocator = (name = 'phoneNumberId', displayName = 'Phone Number') =>
	locator({
		displayName,
		name,
		id: PHONE_NUMBER_ID,
		searchListMethod: 'searchPhoneNumbers',
		noun: 'phone number',
	});

export const toolLocator = () =>
	locator({
		displayName: 'Tool',
		name: 'toolId',
		id: TOOL_ID,
		searchListMethod: 'searchTools',
		noun: 'tool',
	});

export const integrationLocator = (name = 'integrationId', displayName = 'Integration') =>
	locator({
		displayName,
		name,
		id: INTEGRATION_ID,
		searchListMethod: 'searchIntegrations',
		noun: 'integration',
	});

export const documentLocator = () =>
	locator({
		displayName: 'Document',
		name: 'documentId',
		id: DOCUMENT_ID,
		searchListMethod: 'searchDocuments',
		noun: 'knowledge base document',
	});

/** Agent ID among a collection's fields (assigning a number, attaching a document). */
export const agentIdOption = (description: string): INodeProperties => ({
	displayName: 'Agent ID',
	name: 'agentId',
	type: 'string',
	default: '',
	placeholder: 'agent_abc123',
	description,
});

/**
 * preSend: the ID in a URL (a locator's value) is of the safe shape, so a typo, an empty expression
 * or a path (`../wallet`) fails the item here instead of reaching — or mis-addressing — the API.
 */
export const requireButterId = (parameter: string, label: string, id: ButterIdShape) =>
	requireId(parameter, label, {
		shape: id,
		missingHint: `Pick one from the list or give its ID (${id.prefix}…)`,
	});

/**
 * An optional ID typed into a field: empty is fine, anything else must be of the safe shape.
 * Its own message ("… is not an agent ID"), which the shared checkedId does not word.
 */
export function optionalId(
	context: IExecuteSingleFunctions,
	value: unknown,
	id: ButterIdShape,
	label: string,
	noun: string,
): string {
	const text = String(value ?? '').trim();
	if (text && !id.test(text))
		throw invalidField(context, label, `"${text.slice(0, 40)}" is not ${noun} ID`, id.hint);
	return text;
}

export const checkAgentId = (context: IExecuteSingleFunctions, value: unknown): string =>
	optionalId(context, value, AGENT_ID, 'Agent ID', 'an agent');

/** The Agent ID filter of Butter's lists, sent as `agent_id`; checked by checkAgentFilter. */
export const agentIdFilter: INodeProperties = {
	displayName: 'Agent ID',
	name: 'agentId',
	type: 'string',
	default: '',
	routing: { send: { type: 'query', property: 'agent_id' } },
};

/** A list filter's Agent ID, checked before the first page is asked for. */
export async function checkAgentFilter(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	checkAgentId(this, (this.getNodeParameter('filters', {}) as { agentId?: unknown }).agentId);
	return requestOptions;
}
