import type { IncomingHttpHeaders } from 'http';

import { type Caller, fail, type Route } from '../http';
import type { SandboxPlatform } from '../platform';
import type { SandboxState } from '../state';
import { callRoutes } from './calls';
import { buildVoiceAiControlRoutes } from './control';
import { type BuildVoiceAiState, seedBuildVoiceAi } from './data';

// BuildVoiceAI's slice of the sandbox state: `state.buildVoiceAi`.
declare module '../state' {
	interface PlatformStates {
		buildVoiceAi: BuildVoiceAiState;
	}
}

export const buildVoiceAiRoutes: Route[] = [...callRoutes];

export function authenticateBuildVoiceAi(
	headers: IncomingHttpHeaders,
	state: SandboxState,
): Caller {
	const apiKey = String(headers.authorization ?? '').match(/^Bearer\s+(.+)$/i)?.[1];
	if (!apiKey) throw fail(401, 'Missing API key');
	const account = state.buildVoiceAi.accounts[apiKey];
	if (!account) throw fail(401, 'Invalid API key');
	if (!account.apiAccess) throw fail(403, 'API access is disabled for this account');
	return { apiKey };
}

/** BuildVoiceAI, served under /buildvoiceai/api/v1. */
export const buildVoiceAiPlatform = {
	id: 'buildvoiceai' as const,
	prefix: '/buildvoiceai/api/v1',
	routes: buildVoiceAiRoutes,
	authenticate: authenticateBuildVoiceAi,
	// Its errors are a bare message.
	errorBody: (error) => ({ success: false, error: error.message }),
	limits: () => ({
		enabled: true,
		retryAfterFormat: 'seconds',
		rules: { requests: { limit: 100, windowMs: 60_000 } },
		concurrentCalls: 10,
	}),
	seed: (state) => {
		state.buildVoiceAi = seedBuildVoiceAi();
	},
	controlRoutes: buildVoiceAiControlRoutes,
} satisfies SandboxPlatform;
