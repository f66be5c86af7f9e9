import type { INodeProperties } from 'n8n-workflow';

import { operationRoute } from '../../../shared/routing';
import { requireId } from '../../common/body';
import { butterAi } from '../../profile';
import { agentCreateDescription, sendAgentCreateBody } from './create';
import { agentDeleteDescription } from './delete';
import { agentGetDescription } from './get';
import { agentGetManyDescription } from './getAll';
import { agentUpdateDescription, sendAgentUpdateBody } from './update';

const agentUrl = '=/v1/agents/{{$parameter.agentId}}';
const checkAgent = requireId('agentId', 'agent_', 'Agent');

export const agentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agent'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an agent',
				description: 'Create a pipeline, realtime or text agent',
				routing: operationRoute(butterAi, 'POST', '/v1/agents', { preSend: [sendAgentCreateBody] }),
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete an agent',
				description: 'Delete an agent permanently',
				routing: operationRoute(butterAi, 'DELETE', agentUrl, { preSend: [checkAgent] }),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an agent',
				description: "Get an agent's full configuration",
				routing: operationRoute(butterAi, 'GET', agentUrl, { preSend: [checkAgent] }),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many agents',
				description: 'List agents, optionally filtered by mode',
				routing: operationRoute(butterAi, 'GET', '/v1/agents', { paging: { style: 'page', maxPageSize: 100 } }),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update an agent',
				description: 'Change only the fields given',
				routing: operationRoute(butterAi, 'PATCH', agentUrl, { preSend: [checkAgent, sendAgentUpdateBody] }),
			},
		],
		default: 'getAll',
	},
	...agentCreateDescription,
	...agentGetDescription,
	...agentGetManyDescription,
	...agentUpdateDescription,
	...agentDeleteDescription,
];
