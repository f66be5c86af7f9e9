import type { IncomingHttpHeaders } from 'http';

import { type Caller, fail, type Route } from '../http';
import { AITELIER_KEY_SCOPES } from '../keys';
import type { SandboxPlatform } from '../platform';
import { batchRoutes } from './batches';
import { callRoutes } from './calls';
import { aitelierControlRoutes } from './control';
import { addBulkSessions, type AitelierState, seedAitelier } from './data';
import { aitelierErrorBody } from './errorBody';
import { fanOutRoutes } from './fanout';
import { invoiceRoutes } from './invoices';
import { knowledgeRoutes } from './knowledge';
import { recordingRoutes } from './recordings';
import { sessionRoutes } from './sessions';
import { usageRoutes } from './usage';
import { walletRoutes } from './wallet';
import { webhookRoutes } from './webhooks';

// Aitelier's slice of the sandbox state: `state.aitelier`.
declare module '../state' {
	interface PlatformStates {
		aitelier: AitelierState;
	}
}

export const aitelierRoutes: Route[] = [
	...callRoutes,
	...sessionRoutes,
	...recordingRoutes,
	...batchRoutes,
	...webhookRoutes,
	...fanOutRoutes,
	...knowledgeRoutes,
	...usageRoutes,
	...walletRoutes,
	...invoiceRoutes,
];

export function authenticateAitelier(headers: IncomingHttpHeaders): Caller {
	const apiKey = String(headers.authorization ?? '').match(/^Bearer\s+(.+)$/i)?.[1];
	if (!apiKey) throw fail(401, 'Missing API key: send Authorization: Bearer avp_live_…');
	const scopes = AITELIER_KEY_SCOPES[apiKey];
	if (!scopes) throw fail(401, 'Invalid API key');
	return { apiKey, scopes };
}

/** Aitelier, served under /aitelier/v1. */
export const aitelierPlatform = {
	id: 'aitelier' as const,
	prefix: '/aitelier/v1',
	routes: aitelierRoutes,
	authenticate: authenticateAitelier,
	errorBody: aitelierErrorBody,
	// On every answer, as documented; the reset time is ISO 8601 without milliseconds.
	rateLimitHeaders: (window) => ({
		'X-RateLimit-Limit': String(window.limit),
		'X-RateLimit-Remaining': String(Math.max(0, window.remaining)),
		'X-RateLimit-Reset': new Date(window.resetAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
	}),
	// Outbound calls count per project (the rule's name starts with `outbound`), the rest per key.
	limits: () => ({
		enabled: true,
		retryAfterFormat: 'seconds',
		rules: {
			perMinute: { limit: 60, windowMs: 60_000 },
			perHour: { limit: 1000, windowMs: 3_600_000 },
			outboundPerMinute: { limit: 5, windowMs: 60_000 },
		},
	}),
	seed: (state) => {
		state.aitelier = seedAitelier();
	},
	controlRoutes: aitelierControlRoutes,
	bulkSeeders: {
		sessions: (state, count) => {
			const before = state.aitelier.sessions.size;
			const total = addBulkSessions(state.aitelier, count);
			return { added: total - before, total };
		},
	},
} satisfies SandboxPlatform;
