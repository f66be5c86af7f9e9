import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/fields';
import { idParameter, readRoute, requireId, sinceFilter, writeRoute } from '../../common';
import { callTriggerDescription, sendCallBody } from './trigger';

const CALL_STATUSES = ['completed', 'connected', 'dialing', 'failed', 'queued'];

export const callDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a call',
				description: "A call's status and full session detail",
				routing: readRoute('=/calls/{{$parameter.callId}}', { preSend: [requireId('callId', 'Call ID')] }),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many calls',
				routing: readRoute('/calls', { list: true }),
			},
			{
				name: 'Trigger',
				value: 'trigger',
				action: 'Trigger an outbound call',
				description: 'Dial one number with a scenario; for many numbers, Batch → Create is kinder to rate limits',
				routing: writeRoute('POST', '/calls', { preSend: [sendCallBody] }),
			},
		],
		default: 'trigger',
	},
	...callTriggerDescription,
	idParameter('call', ['get'], 'Call ID', 'callId', 'call_a1b2c3d4e5f6'),
	...returnAllAndLimit('call'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { resource: ['call'], operation: ['getAll'] } },
		options: [
			sinceFilter(),
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: CALL_STATUSES.map((status) => ({ name: status[0].toUpperCase() + status.slice(1), value: status })),
				default: 'queued',
				routing: { send: { type: 'query', property: 'status' } },
			},
		],
	},
];
