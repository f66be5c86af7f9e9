import type { IExecuteSingleFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { PlatformApiError, parsePlatformError } from '../platformError';
import type { PlatformApi } from './apiRequest';
import { baseUrlOf } from './baseUrl';
import { headerValue } from './headers';
import { MAX_REDIRECTS, NO_AUTOMATIC_REDIRECTS, REDIRECT_STATUSES } from './redirects';

/**
 * A file's bytes from a URL the platform gave. The API key goes along only while the URL is on
 * the credential's own origin; once a redirect leaves it (a signed storage URL, S3-style), the
 * request goes without Authorization — such URLs authenticate themselves and refuse a second one.
 */
export async function downloadBytes(
	context: IExecuteSingleFunctions,
	api: PlatformApi,
	url: string,
): Promise<Buffer> {
	const apiOrigin = new URL(baseUrlOf(await context.getCredentials(api.credentialType))).origin;
	let current = url;
	let withKey = new URL(current).origin === apiOrigin;
	for (let hops = 0; ; hops++) {
		const request = {
			url: current,
			method: 'GET' as const,
			encoding: 'arraybuffer' as const,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: false,
			...NO_AUTOMATIC_REDIRECTS,
		};
		const response = (
			withKey
				? await context.helpers.httpRequestWithAuthentication.call(
						context,
						api.credentialType,
						request,
					)
				: await context.helpers.httpRequest(request)
		) as IN8nHttpFullResponse;
		const location = headerValue(response.headers, 'location');
		if (REDIRECT_STATUSES.has(response.statusCode) && location) {
			if (hops >= MAX_REDIRECTS) break;
			current = new URL(location, current).href;
			// Never back: a key that left the API's origin once does not follow the file again.
			withKey = withKey && new URL(current).origin === apiOrigin;
			continue;
		}
		if (response.statusCode >= 300)
			throw new PlatformApiError(
				context.getNode(),
				parsePlatformError(response.statusCode, response.body, response.headers),
				{ platform: api.profile.name, itemIndex: context.getItemIndex() },
			);
		return Buffer.from(response.body as Buffer);
	}
	throw new PlatformApiError(
		context.getNode(),
		{ message: `The download redirected more than ${MAX_REDIRECTS} times`, httpCode: 310 },
		{ platform: api.profile.name, itemIndex: context.getItemIndex() },
	);
}
