import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { defineOperation } from '../../../shared/description';
import { requireId } from '../../../shared/fields';
import { aitelierOptions, idField } from '../../locators';
import { readRoute } from '../../profile';
import { downloadFile } from '../../transport';

const fields: INodeProperties[] = [
	idField('Session ID', 'sessionId', 'sess_a1b2c3d4e5f6'),
	{
		displayName: 'Download Audio',
		name: 'download',
		type: 'boolean',
		default: false,
		description:
			'Whether to download the audio into a binary property instead of returning only its URL',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		displayOptions: { show: { download: [true] } },
		hint: 'The name of the output binary field to put the file in',
	},
	aitelierOptions,
];

/** Recording: the signed URL as answered, or the audio itself in a binary property. */
async function downloadRecording(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
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

export const getSessionRecording = defineOperation(
	'session',
	{
		name: 'Get Recording',
		value: 'getRecording',
		action: 'Get the recording of a session',
		description:
			'A short-lived signed URL, or the audio downloaded (needs sessions:read:transcript)',
		routing: readRoute('=/sessions/{{$parameter.sessionId}}/recording', {
			preSend: [requireId('sessionId', 'Session ID')],
			postReceive: [downloadRecording],
		}),
	},
	fields,
);
