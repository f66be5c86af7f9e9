import { randomBytes } from 'crypto';
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { allRecords, apiRequest } from '../shared/request/apiRequest';
import { baseUrlOf } from '../shared/request/baseUrl';
import { downloadBytes } from '../shared/request/download';
import { api } from './profile';

type Context = ILoadOptionsFunctions | IHookFunctions | IExecuteSingleFunctions;

/**
 * A request outside routing (pickers, the trigger's subscription). Writes carry a fresh
 * Idempotency-Key: a network retry of this call is deduped, a later activation is not.
 */
export async function aitelierRequest(
	context: Context,
	method: IHttpRequestMethods,
	url: string,
	options: { body?: IDataObject; qs?: IDataObject } = {},
): Promise<IDataObject> {
	return await apiRequest(context, api, {
		method,
		url,
		...(options.qs ? { qs: options.qs } : {}),
		...(options.body ? { body: options.body } : {}),
		...(method === 'GET'
			? {}
			: { headers: { 'Idempotency-Key': `n8n-hook-${randomBytes(16).toString('hex')}` } }),
	});
}

/** Every record of an Aitelier list (all of them page by cursor). */
export async function allAitelierRecords(
	context: Context,
	url: string,
	qs?: IDataObject,
): Promise<IDataObject[]> {
	return await allRecords(context, api, url, qs);
}

/** An absolute URL on the credential's API host, for follow-up requests built in code. */
export async function apiUrl(context: IExecuteSingleFunctions, path: string): Promise<string> {
	return `${baseUrlOf(await context.getCredentials(api.credentialType))}${path}`;
}

/** Downloads a file into a binary property; the API key never leaves the API's origin. */
export async function downloadFile(
	context: IExecuteSingleFunctions,
	url: string,
	options: { fileName: string; mimeType: string; binaryProperty: string; json: IDataObject },
): Promise<INodeExecutionData> {
	const data = await downloadBytes(context, api, url);
	const binary = await context.helpers.prepareBinaryData(data, options.fileName, options.mimeType);
	return { json: options.json, binary: { [options.binaryProperty]: binary } };
}
