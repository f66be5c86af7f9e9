import type { IDataObject, IHookFunctions, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { headerValue } from './headers';
import { PlatformApiError, parsePlatformError } from './platformError';
import type { PlatformProfile } from './platformProfile';
import { backoffMs, retryAfterMs } from './retryTiming';

const MAX_ATTEMPTS = 6;
const MAX_WAIT_MS = 60_000;

type FullResponse = { statusCode: number; body: unknown; headers: IDataObject };

/**
 * Requests made outside an item's routing — editor dropdowns (list search) and triggers' lifecycle
 * methods: same base URL, auth and error mapping. A 429 is waited out (nothing acted); a 5xx is
 * retried only when repeating is safe (a read, or a write carrying an Idempotency-Key).
 */
export async function loadOptionsRequest(
	context: ILoadOptionsFunctions | IHookFunctions,
	profile: PlatformProfile,
	credentialType: string,
	request: Omit<IHttpRequestOptions, 'baseURL'>,
): Promise<IDataObject> {
	const credentials = await context.getCredentials(credentialType);
	const baseURL = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	const method = (request.method ?? 'GET').toUpperCase();
	const repeatable = method === 'GET' || method === 'HEAD' || headerValue(request.headers as IDataObject, 'idempotency-key') !== undefined;
	let waited = 0;
	for (let attempt = 0; ; attempt++) {
		const response = (await context.helpers.httpRequestWithAuthentication.call(context, credentialType, {
			...request,
			baseURL,
			json: true,
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
		})) as FullResponse;
		const retryable = response.statusCode === 429 || (response.statusCode >= 500 && repeatable);
		if (response.statusCode < 400) return (response.body ?? {}) as IDataObject;
		const waitMs = Math.max(250, retryAfterMs(response.headers, Date.now()) ?? backoffMs(attempt, 500, 8000));
		if (!retryable || attempt + 1 >= MAX_ATTEMPTS || waited + waitMs > MAX_WAIT_MS) {
			throw new PlatformApiError(context.getNode(), parsePlatformError(response.statusCode, response.body, response.headers), {
				platform: profile.name,
				hint: profile.hints?.[response.statusCode],
			});
		}
		waited += waitMs;
		await sleep(waitMs);
	}
}

/** The cursor of the next page of a `{pagination: {next_cursor, has_more}}` list, if any. */
export function nextCursor(body: IDataObject): string | undefined {
	const pagination = (body.pagination ?? {}) as IDataObject;
	return pagination.has_more === true && typeof pagination.next_cursor === 'string' && pagination.next_cursor !== ''
		? pagination.next_cursor
		: undefined;
}

/** Every record of a cursor-paged list, for lifecycle methods and dropdowns that need them all. */
export async function allCursorPages(fetchPage: (cursor: string | undefined) => Promise<IDataObject>): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	let cursor: string | undefined;
	do {
		const page = await fetchPage(cursor);
		records.push(...((Array.isArray(page.data) ? page.data : []) as IDataObject[]));
		cursor = nextCursor(page);
	} while (cursor);
	return records;
}
