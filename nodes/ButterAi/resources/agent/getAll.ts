import type { INodeProperties } from 'n8n-workflow';

import { AGENT_MODES } from '../../common/body';
import { returnAllAndLimit } from '../../common/lists';

const showForGetMany = { resource: ['agent'], operation: ['getAll'] };

export const agentGetManyDescription: INodeProperties[] = [
	...returnAllAndLimit('agent'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: { show: showForGetMany },
		default: {},
		options: [
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: AGENT_MODES,
				default: 'public',
				description: 'Only agents of this visibility',
				routing: { send: { type: 'query', property: 'mode' } },
			},
		],
	},
];
