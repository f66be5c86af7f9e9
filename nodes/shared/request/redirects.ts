import type { IDataObject, INode } from 'n8n-workflow';

import { PlatformApiError, parsePlatformError } from '../platformError';
import type { PlatformProfile } from '../platformProfile';
import { headerValue } from './headers';

/*
 * n8n's request helper follows redirects and, by default, sends the Authorization header to
 * wherever they point. Requests carrying an API key follow none automatically: the package
 * follows a redirect itself only within the API's own origin, and refuses one that leaves it.
 */

/** Options every authenticated request is sent with. */
export const NO_AUTOMATIC_REDIRECTS = {
	disableFollowRedirect: true,
	// Belt and braces, should a future n8n ignore the line above.
	sendCredentialsOnCrossOriginRedirect: false,
} as const;

export const MAX_REDIRECTS = 5;
export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Only these keep the method and body; 301/302/303 turn a write into something else. */
const METHOD_PRESERVING = new Set([307, 308]);

/** A 3xx answer with somewhere to go: the redirect the package decides about. */
export class RedirectAnswer extends PlatformApiError {
	readonly location: string;

	constructor(
		node: INode,
		profile: PlatformProfile,
		response: { statusCode: number; headers: IDataObject },
		location: string,
		itemIndex?: number,
	) {
		const details = parsePlatformError(response.statusCode, undefined, response.headers);
		details.message = `The API answered HTTP ${response.statusCode}, a redirect`;
		super(node, details, { platform: profile.name, itemIndex });
		this.location = location;
	}
}

/** The redirect in an answer, or undefined when the answer is not one. */
export function redirectIn(
	node: INode,
	profile: PlatformProfile,
	response: { statusCode: number; headers: IDataObject },
	itemIndex?: number,
): RedirectAnswer | undefined {
	if (!REDIRECT_STATUSES.has(response.statusCode)) return undefined;
	const location = headerValue(response.headers, 'location');
	return location ? new RedirectAnswer(node, profile, response, location, itemIndex) : undefined;
}

/** A request URL as axios builds it: an absolute URL as is, else appended to the base URL. */
export function absoluteUrl(url: string, baseURL?: string): string {
	if (/^https?:\/\//i.test(url) || !baseURL) return url;
	return `${baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

const originOf = (url: string) => new URL(url).origin;

/** A redirect not followed: a refusal (nothing was acted on), in the platform's error shape. */
function refusedRedirect(
	node: INode,
	profile: PlatformProfile,
	redirect: RedirectAnswer,
	message: string,
	hint: string,
	itemIndex?: number,
): PlatformApiError {
	return new PlatformApiError(
		node,
		{ message, httpCode: redirect.details.httpCode, requestId: redirect.details.requestId },
		{ platform: profile.name, itemIndex, hint },
	);
}

export interface Hop {
	url: string;
	method: string;
}

/**
 * Sends a request and follows the redirects its answers carry, within the origin it started on:
 * a GET follows any redirect there, a write only one that keeps its method (307/308). A redirect
 * to another origin is refused with an error naming that origin only (its path may be signed).
 */
export async function followWithinOrigin<T>(
	node: INode,
	profile: PlatformProfile,
	start: { url: string; method?: string },
	send: (hop: Hop | undefined) => Promise<T>,
	itemIndex?: number,
): Promise<T> {
	let origin: string;
	try {
		origin = originOf(start.url);
	} catch {
		// No URL to judge (a Base URL that is not one): n8n's own error says so.
		return await send(undefined);
	}
	let current: Hop = { url: start.url, method: String(start.method ?? 'GET').toUpperCase() };
	for (let hops = 0; ; hops++) {
		// Anything but a redirect goes back to the retry loop as it came: it judges network codes.
		const attempt = await send(hops === 0 ? undefined : current).then(
			(value) => ({ answered: true as const, value }),
			(error: unknown) => ({ answered: false as const, error }),
		);
		if (attempt.answered) return attempt.value;
		if (!(attempt.error instanceof RedirectAnswer)) throw attempt.error;
		const redirect = attempt.error;
		const status = redirect.details.httpCode;
		let next: URL;
		try {
			next = new URL(redirect.location, current.url);
		} catch {
			throw refusedRedirect(
				node,
				profile,
				redirect,
				'redirected to an invalid address',
				'',
				itemIndex,
			);
		}
		if (next.origin !== origin) {
			throw refusedRedirect(
				node,
				profile,
				redirect,
				`redirected the request to ${next.origin}, which is not the API's host`,
				`Requests carrying the API key go only to ${origin} (the credential's Base URL), so the ` +
					'redirect was not followed. If the platform has moved, set the Base URL to its new address.',
				itemIndex,
			);
		}
		const isRead = current.method === 'GET' || current.method === 'HEAD';
		if (!isRead && !METHOD_PRESERVING.has(status)) {
			throw refusedRedirect(
				node,
				profile,
				redirect,
				`answered HTTP ${status}, redirecting a ${current.method} to ${next.pathname}`,
				'A redirect that would turn this request into a different one is not followed: nothing was sent again.',
				itemIndex,
			);
		}
		if (hops >= MAX_REDIRECTS) {
			throw refusedRedirect(
				node,
				profile,
				redirect,
				`redirected more than ${MAX_REDIRECTS} times`,
				'The API keeps redirecting; check the credential’s Base URL.',
				itemIndex,
			);
		}
		current = { url: next.href, method: current.method };
	}
}
