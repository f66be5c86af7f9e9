import type { INodeProperties } from 'n8n-workflow';

import { operationRoute } from '../../../shared/routing';
import { checkAgentFilter, requireId } from '../../common/body';
import { cursorPaging, returnAllAndLimit } from '../../common/lists';
import { butterAi } from '../../profile';
import { callCreateDescription, sendCallCreateBody } from './create';

const CALL_STATUSES = ['queued', 'initiated', 'ringing', 'in-progress', 'completed', 'busy', 'no-answer', 'failed', 'canceled'];
const title = (status: string) => status.replace(/(^|-)(\w)/g, (_, dash: string, c: string) => (dash ? ' ' : '') + c.toUpperCase());

export const callDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Place an outbound call',
				description: 'Have a voice agent call a number; this dials a real phone',
				routing: operationRoute(butterAi, 'POST', '/v1/calls', { preSend: [sendCallCreateBody] }),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a call',
				description: 'Status, cost, usage, end reason and transcript of one call',
				routing: operationRoute(butterAi, 'GET', '=/v1/calls/{{$parameter.callId}}', { preSend: [requireId('callId', 'call_', 'Call ID')] }),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many calls',
				routing: operationRoute(butterAi, 'GET', '/v1/calls', { paging: cursorPaging, preSend: [checkAgentFilter] }),
			},
		],
		default: 'create',
	},
	...callCreateDescription,
	{
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'call_a1b2c3d4e5f6',
		displayOptions: { show: { resource: ['call'], operation: ['get'] } },
	},
	...returnAllAndLimit('call'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { resource: ['call'], operation: ['getAll'] } },
		options: [
			{ displayName: 'Agent ID', name: 'agentId', type: 'string', default: '', routing: { send: { type: 'query', property: 'agent_id' } } },
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'options',
				options: [
					{ name: 'Inbound', value: 'inbound' },
					{ name: 'Outbound', value: 'outbound' },
					{ name: 'Preview', value: 'preview' },
				],
				default: 'outbound',
				routing: { send: { type: 'query', property: 'direction' } },
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: CALL_STATUSES.map((status) => ({ name: title(status), value: status })),
				default: 'completed',
				routing: { send: { type: 'query', property: 'status' } },
			},
		],
	},
];

export { CALL_STATUSES };
