import type { INodeProperties } from 'n8n-workflow';

import { operationRoute } from '../../../shared/routing';
import { buildVoiceAi } from '../../profile';
import { callTriggerDescription, sendTriggerBody, withTriggerInput } from './trigger';

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
				description: 'Place an outbound call with an agent; this dials a real phone',
				routing: operationRoute(buildVoiceAi, 'POST', '/calls/trigger', {
					preSend: [sendTriggerBody],
					postReceive: [withTriggerInput],
				}),
			},
		],
		default: 'trigger',
	},
	...callTriggerDescription,
];
