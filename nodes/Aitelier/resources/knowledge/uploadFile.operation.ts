import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { binaryUpload } from '../../../shared/binaryUpload';
import { defineOperation } from '../../../shared/description';
import { sendMultipart } from '../../../shared/multipart';
import { aitelierOptions } from '../../locators';
import { writeRoute } from '../../profile';

const FILE_TYPES: Record<string, string> = { pdf: 'application/pdf', txt: 'text/plain' };
const MAX_FILE_BYTES = 20 * 1024 * 1024;

async function sendUploadBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const property = String(this.getNodeParameter('binaryPropertyName', 'data'));
	const file = await binaryUpload(this, property, {
		types: FILE_TYPES,
		maxBytes: MAX_FILE_BYTES,
		what: 'Aitelier indexes PDF and plain-text files',
		fallbackName: 'upload',
	});
	return sendMultipart(requestOptions, {}, [file]);
}

export const uploadKnowledgeFile = defineOperation(
	'knowledge',
	{
		name: 'Upload File',
		value: 'uploadFile',
		action: 'Upload a knowledge file',
		description: 'A PDF or plain-text file from a binary property',
		routing: writeRoute('POST', '/knowledge/files', { preSend: [sendUploadBody] }),
	},
	[
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
		},
		aitelierOptions,
	],
);
