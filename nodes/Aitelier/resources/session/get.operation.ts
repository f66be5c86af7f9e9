import { defineOperation } from '../../../shared/description';
import { requireId } from '../../../shared/fields';
import { aitelierOptions, idField } from '../../locators';
import { readRoute } from '../../profile';

export const getSession = defineOperation(
	'session',
	{
		name: 'Get',
		value: 'get',
		action: 'Get a session',
		description: 'Metadata, slot values, outcome and costs',
		routing: readRoute('=/sessions/{{$parameter.sessionId}}', {
			preSend: [requireId('sessionId', 'Session ID')],
		}),
	},
	[idField('Session ID', 'sessionId', 'sess_a1b2c3d4e5f6'), aitelierOptions],
);
