import type { IDataObject, IExecuteSingleFunctions, IN8nHttpFullResponse, INodeExecutionData } from 'n8n-workflow';

import { PlatformApiError, parsePlatformError } from '../shared/platformError';
import { aitelier } from './profile';

/**
 * Downloads a file into a binary property. The API key goes along only to the API's own host:
 * a signed URL elsewhere (e.g. object storage) authenticates itself and must not see the key.
 */
export async function downloadFile(
	context: IExecuteSingleFunctions,
	url: string,
	options: { fileName: string; mimeType: string; binaryProperty: string; json: IDataObject },
): Promise<INodeExecutionData> {
	const credentials = await context.getCredentials('aitelierApi');
	const apiOrigin = new URL(String(credentials.baseUrl)).origin;
	const request = { url, method: 'GET' as const, encoding: 'arraybuffer' as const, returnFullResponse: true, ignoreHttpStatusErrors: true, json: false };
	const response = (new URL(url).origin === apiOrigin
		? await context.helpers.httpRequestWithAuthentication.call(context, 'aitelierApi', request)
		: await context.helpers.httpRequest(request)) as IN8nHttpFullResponse;
	if (response.statusCode >= 400) {
		throw new PlatformApiError(context.getNode(), parsePlatformError(response.statusCode, response.body, response.headers), {
			platform: aitelier.name,
			itemIndex: context.getItemIndex(),
		});
	}
	const data = Buffer.from(response.body as Buffer);
	const binary = await context.helpers.prepareBinaryData(data, options.fileName, options.mimeType);
	return { json: options.json, binary: { [options.binaryProperty]: binary } };
}
