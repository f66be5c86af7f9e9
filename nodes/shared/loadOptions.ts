import type { IDataObject, IHookFunctions, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { PlatformApiError, parsePlatformError } from './platformError';
import type { PlatformProfile } from './platformProfile';

/**
 * Requests made outside an item's routing — editor dropdowns (list search) and triggers' lifecycle
 * methods: same base URL, auth and error mapping.
 */
export async function loadOptionsRequest(
	context: ILoadOptionsFunctions | IHookFunctions,
	profile: PlatformProfile,
	credentialType: string,
	request: Omit<IHttpRequestOptions, 'baseURL'>,
): Promise<IDataObject> {
	const credentials = await context.getCredentials(credentialType);
	const baseURL = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	const response = (await context.helpers.httpRequestWithAuthentication.call(context, credentialType, {
		...request,
		baseURL,
		json: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
	})) as { statusCode: number; body: unknown; headers: IDataObject };
	if (response.statusCode >= 400) {
		throw new PlatformApiError(
			context.getNode(),
			parsePlatformError(response.statusCode, response.body, response.headers),
			{ platform: profile.name },
		);
	}
	return (response.body ?? {}) as IDataObject;
}
