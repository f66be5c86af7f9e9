import type { INodeProperties } from 'n8n-workflow';

import { butterIdPattern } from '../../profile';

export const agentIdField: INodeProperties = {
	displayName: 'Agent',
	name: 'agentId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The agent to act on',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchAgents', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'agent_a1b2c3d4e5f6',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: butterIdPattern('agent_'),
						errorMessage: 'An agent ID is "agent_" followed by 12 or more hex characters',
					},
				},
			],
		},
	],
};

export const agentGetDescription: INodeProperties[] = [
	{ ...agentIdField, displayOptions: { show: { resource: ['agent'], operation: ['get'] } } },
];
