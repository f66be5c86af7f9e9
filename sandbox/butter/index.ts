import type { IncomingHttpHeaders } from 'http';

import { type Caller, fail, type Route } from '../http';
import { BUTTER_ORG_ID, BUTTER_ROLES } from '../keys';
import type { SandboxPlatform } from '../platform';
import { agentRoutes } from './agents';
import { callRoutes } from './calls';
import { chatRoutes } from './chat';
import { butterControlRoutes, PLAN_LIMITS } from './control';
import { addBulkAgents, seedButter } from './data';
import { butterErrorBody } from './errorBody';
import { integrationRoutes } from './integrations';
import { knowledgeBaseRoutes } from './knowledgeBase';
import type { ButterState } from './model';
import { phoneNumberRoutes } from './phoneNumbers';
import { toolRoutes } from './tools';

// Butter's slice of the sandbox state: `state.butter`.
declare module '../state' {
	interface PlatformStates {
		butter: ButterState;
	}
}

export const butterRoutes: Route[] = [
	...agentRoutes,
	...integrationRoutes,
	...phoneNumberRoutes,
	...callRoutes,
	...knowledgeBaseRoutes,
	...toolRoutes,
	...chatRoutes,
];

const header = (headers: IncomingHttpHeaders, name: string) => {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
};

/** Bearer key, or the documented X-API-Key + X-Organization-Id pair. */
export function authenticateButter(headers: IncomingHttpHeaders): Caller {
	const bearer = header(headers, 'authorization')?.match(/^Bearer\s+(.+)$/i)?.[1];
	const apiKey = bearer ?? header(headers, 'x-api-key');
	if (!apiKey) throw fail(401, 'Missing API key');
	const role = BUTTER_ROLES[apiKey];
	if (!role) throw fail(401, 'Invalid API key');
	if (!bearer && header(headers, 'x-organization-id') !== BUTTER_ORG_ID)
		throw fail(401, 'Invalid API key');
	return { apiKey, role };
}

/** Butter AI, served under /butter. */
export const butterPlatform = {
	id: 'butter' as const,
	prefix: '/butter',
	routes: butterRoutes,
	authenticate: authenticateButter,
	errorBody: butterErrorBody,
	// The seeded organisation is on the starter plan (PUT /_sandbox/butter/plan changes it).
	limits: () => ({
		enabled: true,
		retryAfterFormat: 'seconds',
		rules: { requests: { limit: PLAN_LIMITS.starter, windowMs: 1000 } },
	}),
	seed: (state) => {
		state.butter = seedButter();
	},
	controlRoutes: butterControlRoutes,
	bulkSeeders: {
		agents: (state, count) => {
			const before = state.butter.agents.length;
			const total = addBulkAgents(state.butter, count);
			return { added: total - before, total };
		},
	},
} satisfies SandboxPlatform;
