import type { IDataObject } from 'n8n-workflow';

import type { PlatformProfile } from '../shared/platformProfile';
import type { PlatformApi } from '../shared/request/apiRequest';
import { configuredRate } from '../shared/request/pacer';
import { routeFor } from '../shared/request/routing';

export const profile: PlatformProfile = {
	name: 'BuildVoiceAI',
	// The seed documents `{success, data}`; the vendor's call docs show the fields at the top level.
	unwrap: (body: IDataObject) => {
		if (typeof body.data === 'object' && body.data !== null) return body.data as IDataObject;
		const rest = { ...body };
		delete rest.success;
		return rest;
	},
	// 100 requests per minute per key (API text), or the credential's own figure.
	pacing: {
		credentialType: 'buildVoiceAiApi',
		scopes: (credentials) => [
			{
				key: 'key',
				rules: [{ limit: configuredRate(credentials.requestsPerMinute, 100), windowMs: 60_000 }],
			},
		],
	},
	hints: {
		400: 'Check the phone number (E.164), the agent ID, or set a default agent in BuildVoiceAI',
		401: 'Check the API key in the BuildVoiceAI credential',
		403: 'API access is disabled for this account, or the plan lacks it: enable it in Settings → API & Webhooks',
		429: 'BuildVoiceAI allows 100 requests per minute and 10 concurrent calls per key',
	},
};

export const api: PlatformApi = { profile, credentialType: 'buildVoiceAiApi' };

/** An operation's routing through the shared request core, with this platform's profile. */
export const route = routeFor(profile);
