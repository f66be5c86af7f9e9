import { defineOperation } from '../../../shared/description';
import { requireId } from '../../../shared/fields';
import { aitelierOptions, idField } from '../../locators';
import { readRoute } from '../../profile';

export const getCall = defineOperation(
	'call',
	{
		name: 'Get',
		value: 'get',
		action: 'Get a call',
		description: "A call's status and full session detail",
		routing: readRoute('=/calls/{{$parameter.callId}}', {
			preSend: [requireId('callId', 'Call ID')],
		}),
	},
	[idField('Call ID', 'callId', 'call_a1b2c3d4e5f6'), aitelierOptions],
);
