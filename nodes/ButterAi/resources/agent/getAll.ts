import type { INodeProperties } from 'n8n-workflow';

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
				options: [
					{ name: 'Commercial', value: 'commercial' },
					{ name: 'Private', value: 'private' },
					{ name: 'Public', value: 'public' },
				],
				default: 'public',
				description: 'Only agents of this visibility',
				routing: { send: { type: 'query', property: 'mode' } },
			},
		],
	},
];
