import { defineOperation } from '../../../shared/description';
import { requireButterId } from '../../locators';
import { CALL_ID, route } from '../../profile';

export const getCall = defineOperation(
	'call',
	{
		name: 'Get',
		value: 'get',
		action: 'Get a call',
		description: 'Status, cost, usage, end reason and transcript of one call',
		routing: route('GET', '=/v1/calls/{{$parameter.callId}}', {
			preSend: [requireButterId('callId', 'Call ID', CALL_ID)],
		}),
	},
	[
		{
			displayName: 'Call ID',
			name: 'callId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'call_a1b2c3d4e5f6',
		},
	],
);
