import type { INodeProperties } from 'n8n-workflow';

import { butterIdPattern } from '../profile';

interface LocatorSpec {
	displayName: string;
	name: string;
	prefix: string;
	searchListMethod: string;
	noun: string;
}

/** A resource locator: pick from a searchable list, or paste an ID checked against its prefix. */
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
				placeholder: `${spec.prefix}a1b2c3d4e5f6`,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: butterIdPattern(spec.prefix),
							errorMessage: `${/^[aeiou]/i.test(spec.noun) ? 'An' : 'A'} ${spec.noun} ID is "${spec.prefix}" followed by 12 or more hex characters`,
						},
					},
				],
			},
		],
	};
}

export const agentLocator = (name = 'agentId', displayName = 'Agent') =>
	locator({ displayName, name, prefix: 'agent_', searchListMethod: 'searchAgents', noun: 'agent' });

export const phoneNumberLocator = (name = 'phoneNumberId', displayName = 'Phone Number') =>
	locator({ displayName, name, prefix: 'phon_', searchListMethod: 'searchPhoneNumbers', noun: 'phone number' });

export const toolLocator = () =>
	locator({ displayName: 'Tool', name: 'toolId', prefix: 'tool_', searchListMethod: 'searchTools', noun: 'tool' });

export const integrationLocator = (name = 'integrationId', displayName = 'Integration') =>
	locator({ displayName, name, prefix: 'intg_', searchListMethod: 'searchIntegrations', noun: 'integration' });

export const documentLocator = () =>
	locator({
		displayName: 'Document',
		name: 'documentId',
		prefix: 'doc_',
		searchListMethod: 'searchDocuments',
		noun: 'knowledge base document',
	});
