import type { INodeProperties } from 'n8n-workflow';

import { sendIdempotencyKey } from '../../../shared/idempotency';
import { operationRoute } from '../../../shared/routing';
import { aitelier } from '../../profile';
import { callTriggerDescription, sendCallBody } from './trigger';

export const callDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Trigger',
				value: 'trigger',
				action: 'Trigger an outbound call',
				description: 'Dial one number with a scenario; for many numbers, Batch is kinder to rate limits',
				routing: operationRoute(aitelier, 'POST', '/calls', {
					preSend: [sendCallBody, sendIdempotencyKey],
				}),
			},
		],
		default: 'trigger',
	},
	...callTriggerDescription,
];
