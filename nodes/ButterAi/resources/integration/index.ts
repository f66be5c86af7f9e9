import type { INodeProperties } from 'n8n-workflow';

import { operationRoute } from '../../../shared/routing';
import { cursorPaging, returnAllAndLimit } from '../../common/lists';
import { integrationLocator } from '../../common/locators';
import { requireId } from '../../common/body';
import { butterAi } from '../../profile';
import { integrationCreateDescription, sendIntegrationCreateBody } from './create';

export const integrationDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['integration'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an integration',
				description: 'Connect a Twilio account, so its numbers can be imported',
				routing: operationRoute(butterAi, 'POST', '/v1/integrations', { preSend: [sendIntegrationCreateBody] }),
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete an integration',
				routing: operationRoute(butterAi, 'DELETE', '=/v1/integrations/{{$parameter.integrationId}}', {
					preSend: [requireId('integrationId', 'intg_', 'Integration')],
				}),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many integrations',
				routing: operationRoute(butterAi, 'GET', '/v1/integrations', { paging: cursorPaging }),
			},
		],
		default: 'getAll',
	},
	...integrationCreateDescription,
	{ ...integrationLocator(), displayOptions: { show: { resource: ['integration'], operation: ['delete'] } } },
	...returnAllAndLimit('integration'),
];
