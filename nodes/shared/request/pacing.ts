import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';

import type { PlatformProfile } from '../platformProfile';
import { baseUrlOf } from './baseUrl';
import { headerValue } from './headers';
import { type Pacer, pacerFor } from './pacer';
import { rateLimitResetMs } from './retryTiming';

interface PacingContext {
	getNode(): INode;
	getCredentials(type: string): Promise<ICredentialDataDecryptedObject>;
}

/** Names the credential (n8n's id, never its secrets) and the API host it talks to. */
function scopePrefix(
	node: INode,
	type: string,
	credentials: ICredentialDataDecryptedObject,
): string {
	const id = node.credentials?.[type]?.id ?? node.credentials?.[type]?.name ?? type;
	let origin = '';
	try {
		origin = new URL(baseUrlOf(credentials)).origin;
	} catch {
		// A Base URL that is not a URL fails at sending, with n8n's own error.
	}
	return `${type}:${id}@${origin}`;
}

/** The pacers a request takes a slot from; none for a platform without pacing. */
export async function pacersFor(
	context: PacingContext,
	profile: PlatformProfile,
	request: { method?: string; url?: string },
): Promise<Pacer[]> {
	const pacing = profile.pacing;
	if (!pacing) return [];
	const credentials = await context.getCredentials(pacing.credentialType);
	const prefix = scopePrefix(context.getNode(), pacing.credentialType, credentials);
	return pacing
		.scopes(credentials, {
			method: String(request.method ?? 'GET').toUpperCase(),
			url: String(request.url ?? ''),
		})
		.map((scope) => pacerFor({ key: `${prefix}|${scope.key}`, rules: scope.rules }));
}

/**
 * What an answer says about the window (`X-RateLimit-Remaining: 0` with `X-RateLimit-Reset`): the
 * key's pacer holds every request until the reset instead of spending a request on a 429.
 */
export function observeRateHeaders(pacers: Pacer[], headers: IDataObject | undefined): void {
	if (!pacers.length || headerValue(headers, 'x-ratelimit-remaining') !== '0') return;
	const reset = headerValue(headers, 'x-ratelimit-reset');
	if (!reset) return;
	const now = Date.now();
	const waitMs = rateLimitResetMs(reset, now);
	// Only the key's own books: a lane (outbound calls) has its own header, if any.
	if (waitMs !== undefined) pacers[0].spentUntil(now + waitMs);
}
