import type { IncomingHttpHeaders } from 'http';

import { type Caller, fail, type Route } from '../http';
import type { SandboxState } from '../state';
import { callRoutes } from './calls';

export const buildVoiceAiRoutes: Route[] = [...callRoutes];

export function authenticateBuildVoiceAi(headers: IncomingHttpHeaders, state: SandboxState): Caller {
	const apiKey = String(headers.authorization ?? '').match(/^Bearer\s+(.+)$/i)?.[1];
	if (!apiKey) throw fail(401, 'Missing API key');
	const account = state.buildVoiceAi.accounts[apiKey];
	if (!account) throw fail(401, 'Invalid API key');
	if (!account.apiAccess) throw fail(403, 'API access is disabled for this account');
	return { apiKey };
}
