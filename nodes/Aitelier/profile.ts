import type {
	IHttpRequestMethods,
	INodePropertyRouting,
	PostReceiveAction,
	PreSendAction,
} from 'n8n-workflow';

import { sendIdempotencyKey } from '../shared/idempotency';
import type { PlatformProfile } from '../shared/platformProfile';
import type { PlatformApi } from '../shared/request/apiRequest';
import { CURSOR_PAGES } from '../shared/request/paging';
import { configuredRate } from '../shared/request/pacer';
import { routeFor } from '../shared/request/routing';

export const profile: PlatformProfile = {
	name: 'Aitelier',
	// Per key 60 a minute and 1,000 an hour; per project 5 outbound calls a minute (API text),
	// or the credential's own figures (the hourly one grows with the per-minute one).
	pacing: {
		credentialType: 'aitelierApi',
		scopes: (credentials, request) => {
			const perMinute = configuredRate(credentials.requestsPerMinute, 60);
			const key = {
				key: 'key',
				rules: [
					{ limit: perMinute, windowMs: 60_000 },
					{ limit: Math.round((1000 * perMinute) / 60), windowMs: 3_600_000 },
				],
			};
			if (request.method !== 'POST' || !/^\/?calls\/?$/.test(request.url)) return [key];
			const calls = configuredRate(credentials.callsPerMinute, 5);
			return [key, { key: 'outbound calls', rules: [{ limit: calls, windowMs: 60_000 }] }];
		},
	},
	hints: {
		403: 'The API key lacks the scope this operation needs (outbound:trigger, sessions:read, sessions:read:transcript, webhooks:manage or knowledge:manage): grant it in Connections → API keys',
		409: 'This Idempotency-Key was already used with a different request: give each distinct call its own key',
		422: 'The request is well-formed but refers to something that does not exist (e.g. the scenario)',
		429: 'Aitelier allows 60 requests/min and 1000/hour per key and 5 outbound calls/min per project: for volume, use Batch → Create',
	},
};

export const api: PlatformApi = { profile, credentialType: 'aitelierApi' };

/** An operation's routing through the shared request core, with this platform's profile. */
export const route = routeFor(profile);

interface ReadOptions {
	preSend?: PreSendAction[];
	postReceive?: PostReceiveAction[];
	/** A list: every Aitelier list pages by cursor, 100 records at most per page. */
	list?: boolean;
}

/** A read: the executor retries it freely. */
export const readRoute = (
	url: string,
	{ list, ...options }: ReadOptions = {},
): INodePropertyRouting =>
	route('GET', url, { ...options, ...(list ? { paging: CURSOR_PAGES } : {}) });

/** A state-changing request: always with an Idempotency-Key, so a retry never acts twice. */
export const writeRoute = (
	method: IHttpRequestMethods,
	url: string,
	options: { preSend?: PreSendAction[]; postReceive?: PostReceiveAction[] } = {},
): INodePropertyRouting =>
	route(method, url, { ...options, preSend: [...(options.preSend ?? []), sendIdempotencyKey] });
