import type { INodeProperties } from 'n8n-workflow';

import { operationRoute } from '../../../shared/routing';
import { butterAi } from '../../profile';
import { agentGetDescription } from './get';
import { agentGetManyDescription } from './getAll';

const showForAgents = { resource: ['agent'] };

export const agentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showForAgents },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get an agent',
				description: "Get an agent's full configuration",
				routing: operationRoute(butterAi, 'GET', '=/v1/agents/{{$parameter.agentId}}'),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many agents',
				description: 'List agents, optionally filtered by mode',
				routing: operationRoute(butterAi, 'GET', '/v1/agents', {
					paging: { style: 'page', maxPageSize: 100 },
				}),
			},
		],
		default: 'getAll',
	},
	...agentGetDescription,
	...agentGetManyDescription,
];
