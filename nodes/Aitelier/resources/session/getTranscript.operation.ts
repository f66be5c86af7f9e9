import { defineOperation } from '../../../shared/description';
import { requireId } from '../../../shared/fields';
import { aitelierOptions, idField } from '../../locators';
import { readRoute } from '../../profile';

export const getSessionTranscript = defineOperation(
	'session',
	{
		name: 'Get Transcript',
		value: 'getTranscript',
		action: 'Get the transcript of a session',
		description: 'Structured turns (needs sessions:read:transcript)',
		routing: readRoute('=/sessions/{{$parameter.sessionId}}/transcript', {
			preSend: [requireId('sessionId', 'Session ID')],
		}),
	},
	[idField('Session ID', 'sessionId', 'sess_a1b2c3d4e5f6'), aitelierOptions],
);
