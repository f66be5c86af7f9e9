import { randomBytes } from 'crypto';
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
	ILoadOptionsFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { PlatformApiError, parsePlatformError } from '../shared/platformError';
import { allRecords, apiRequest } from '../shared/request/apiRequest';
import { baseUrlOf } from '../shared/request/baseUrl';
import { api, profile } from './profile';

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

/**
 * Downloads a file into a binary property. The API key goes along only to the API's own host:
 * a signed URL elsewhere (e.g. object storage) authenticates itself and must not see the key.
 */
export async function downloadFile(
	context: IExecuteSingleFunctions,
	url: string,
	options: { fileName: string; mimeType: string; binaryProperty: string; json: IDataObject },
): Promise<INodeExecutionData> {
	const credentials = await context.getCredentials(api.credentialType);
	const apiOrigin = new URL(String(credentials.baseUrl)).origin;
	const request = {
		url,
		method: 'GET' as const,
		encoding: 'arraybuffer' as const,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		json: false,
	};
	const response = (
		new URL(url).origin === apiOrigin
			? await context.helpers.httpRequestWithAuthentication.call(
					context,
					api.credentialType,
					request,
				)
			: await context.helpers.httpRequest(request)
	) as IN8nHttpFullResponse;
	if (response.statusCode >= 400) {
		throw new PlatformApiError(
			context.getNode(),
			parsePlatformError(response.statusCode, response.body, response.headers),
			{
				platform: profile.name,
				itemIndex: context.getItemIndex(),
			},
		);
	}
	const data = Buffer.from(response.body as Buffer);
	const binary = await context.helpers.prepareBinaryData(data, options.fileName, options.mimeType);
	return { json: options.json, binary: { [options.binaryProperty]: binary } };
}
