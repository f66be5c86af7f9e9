import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/fields';
import { idParameter, readRoute, requireId, sinceFilter } from '../../common';
import { downloadFile } from '../../transport';

const checkSession = requireId('sessionId', 'Session ID');
const show = (operation: string) => ({ show: { resource: ['session'], operation: [operation] } });

/** Recording: the signed URL as answered, or the audio itself in a binary property. */
async function downloadRecording(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	if (!this.getNodeParameter('download', false)) return items;
	const property = String(this.getNodeParameter('binaryPropertyName', 'data'));
	return await Promise.all(
		items.map(async ({ json }) => {
			const type = String(json.content_type ?? 'audio/wav');
			const extension = type.split('/')[1]?.replace('x-', '') ?? 'wav';
			return await downloadFile(this, String(json.url), {
				fileName: `${String(json.session_id ?? 'recording')}.${extension}`,
				mimeType: type,
				binaryProperty: property,
				json: json as IDataObject,
			});
		}),
	);
}

export const sessionDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['session'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a session',
				description: 'Metadata, slot values, outcome and costs',
				routing: readRoute('=/sessions/{{$parameter.sessionId}}', { preSend: [checkSession] }),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many sessions',
				routing: readRoute('/sessions', { list: true }),
			},
			{
				name: 'Get Recording',
				value: 'getRecording',
				action: 'Get the recording of a session',
				description: 'A short-lived signed URL, or the audio downloaded (needs sessions:read:transcript)',
				routing: readRoute('=/sessions/{{$parameter.sessionId}}/recording', {
					preSend: [checkSession],
					postReceive: [downloadRecording],
				}),
			},
			{
				name: 'Get Transcript',
				value: 'getTranscript',
				action: 'Get the transcript of a session',
				description: 'Structured turns (needs sessions:read:transcript)',
				routing: readRoute('=/sessions/{{$parameter.sessionId}}/transcript', { preSend: [checkSession] }),
			},
		],
		default: 'getAll',
	},
	idParameter('session', ['get', 'getTranscript', 'getRecording'], 'Session ID', 'sessionId', 'sess_a1b2c3d4e5f6'),
	{
		displayName: 'Download Audio',
		name: 'download',
		type: 'boolean',
		default: false,
		displayOptions: show('getRecording'),
		description: 'Whether to download the audio into a binary property instead of returning only its URL',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		displayOptions: { show: { resource: ['session'], operation: ['getRecording'], download: [true] } },
		hint: 'The name of the output binary field to put the file in',
	},
	...returnAllAndLimit('session'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show('getAll'),
		options: [
			{
				displayName: 'Goal Achieved',
				name: 'goalAchieved',
				type: 'boolean',
				default: true,
				description: 'Whether to list only sessions that reached (or missed) their goal',
				routing: { send: { type: 'query', property: 'goal_achieved', value: '={{ String($value) }}' } },
			},
			sinceFilter(),
		],
	},
];
