import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { invalidField, returnAllAndLimit } from '../../../shared/fields';
import { binaryUpload } from '../../../shared/binaryUpload';
import { multipartBody } from '../../../shared/multipart';
import { idParameter, readRoute, requireId, writeRoute } from '../../common';

const show = (operations: string[]) => ({ show: { resource: ['knowledge'], operation: operations } });
const FILE_TYPES: Record<string, string> = { pdf: 'application/pdf', txt: 'text/plain' };
const MAX_FILE_BYTES = 20 * 1024 * 1024;

async function sendCrawlBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const url = String(this.getNodeParameter('url', '')).trim();
	if (!/^https?:\/\/\S+$/i.test(url)) throw invalidField(this, 'Website URL', `"${url.slice(0, 60)}" is not an http(s) URL`, 'The site to re-crawl');
	const body: IDataObject = { url };
	const maxPages = this.getNodeParameter('maxPages', 0) as number;
	if (maxPages) body.max_pages = maxPages;
	requestOptions.body = body;
	return requestOptions;
}

async function sendUploadBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const property = String(this.getNodeParameter('binaryPropertyName', 'data'));
	const file = await binaryUpload(this, property, {
		types: FILE_TYPES,
		maxBytes: MAX_FILE_BYTES,
		what: 'Aitelier indexes PDF and plain-text files',
		fallbackName: 'upload',
	});
	const { body, contentType: header } = multipartBody({}, [file]);
	requestOptions.body = body;
	requestOptions.headers = { ...(requestOptions.headers ?? {}), 'Content-Type': header };
	return requestOptions;
}

export const knowledgeDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['knowledge'] } },
		options: [
			{
				name: 'Crawl Website',
				value: 'crawl',
				action: 'Crawl a website',
				routing: writeRoute('POST', '/knowledge/crawl', { preSend: [sendCrawlBody] }),
			},
			{
				name: 'Delete File',
				value: 'deleteFile',
				action: 'Delete a knowledge file',
				routing: writeRoute('DELETE', '=/knowledge/files/{{$parameter.fileId}}', { preSend: [requireId('fileId', 'File ID')] }),
			},
			{
				name: 'Get Many Files',
				value: 'getAllFiles',
				action: 'Get many knowledge files',
				routing: readRoute('/knowledge/files', { list: true }),
			},
			{
				name: 'Upload File',
				value: 'uploadFile',
				action: 'Upload a knowledge file',
				description: 'A PDF or plain-text file from a binary property',
				routing: writeRoute('POST', '/knowledge/files', { preSend: [sendUploadBody] }),
			},
		],
		default: 'getAllFiles',
	},
	{ displayName: 'Website URL', name: 'url', type: 'string', required: true, default: '', placeholder: 'https://example.com', displayOptions: show(['crawl']) },
	{
		displayName: 'Max Pages',
		name: 'maxPages',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 500 },
		default: 0,
		displayOptions: show(['crawl']),
		description: 'Upper bound of pages to crawl; 0 leaves it to Aitelier',
	},
	{ displayName: 'Input Binary Field', name: 'binaryPropertyName', type: 'string', required: true, default: 'data', displayOptions: show(['uploadFile']) },
	idParameter('knowledge', ['deleteFile'], 'File ID', 'fileId', 'kf_a1b2c3d4e5f6'),
	...returnAllAndLimit('knowledge').map((property) => ({
		...property,
		displayOptions: { show: { ...property.displayOptions?.show, operation: ['getAllFiles'] } },
	})),
];
