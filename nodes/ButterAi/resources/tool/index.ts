import type { INodeProperties } from 'n8n-workflow';

import { operationRoute } from '../../../shared/routing';
import { cursorPaging, returnAllAndLimit } from '../../common/lists';
import { toolLocator } from '../../common/locators';
import { requireId } from '../../common/body';
import { butterAi } from '../../profile';
import { sendToolCreateBody, toolCreateDescription } from './create';
import { sendToolUpdateBody, toolUpdateDescription } from './update';

const toolUrl = '=/v1/tools/{{$parameter.toolId}}';
const checkTool = requireId('toolId', 'tool_', 'Tool');

export const toolDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tool'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a tool',
				description: 'Define an API endpoint agents can call during conversations',
				routing: operationRoute(butterAi, 'POST', '/v1/tools', { preSend: [sendToolCreateBody] }),
			},
			{ name: 'Delete', value: 'delete', action: 'Delete a tool', routing: operationRoute(butterAi, 'DELETE', toolUrl, { preSend: [checkTool] }) },
			{ name: 'Get', value: 'get', action: 'Get a tool', routing: operationRoute(butterAi, 'GET', toolUrl, { preSend: [checkTool] }) },
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many tools',
				routing: operationRoute(butterAi, 'GET', '/v1/tools', { paging: cursorPaging }),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a tool',
				description: 'Change only the fields given',
				routing: operationRoute(butterAi, 'PATCH', toolUrl, { preSend: [checkTool, sendToolUpdateBody] }),
			},
		],
		default: 'getAll',
	},
	...toolCreateDescription,
	{ ...toolLocator(), displayOptions: { show: { resource: ['tool'], operation: ['get', 'delete'] } } },
	...toolUpdateDescription,
	...returnAllAndLimit('tool'),
];
