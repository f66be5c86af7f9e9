import type { IncomingHttpHeaders } from 'http';

import type { Caller, ControlRoute, ErrorSpec, Route } from './http';
import type { PlatformSeed, SandboxState } from './state';

/** The window a request was last counted in, for platforms that report it in headers. */
export interface RateWindow {
	limit: number;
	remaining: number;
	/** When the oldest counted request leaves the window (ms epoch). */
	resetAt: number;
}

/** Adds `count` records of one resource (POST /_sandbox/seed, for benchmarks). */
export type BulkSeeder = (state: SandboxState, count: number) => { added: number; total: number };

/**
 * One simulated platform as it registers with the sandbox. The core (server, state, control, …)
 * knows platforms only through this; sandbox/index.ts hands all of them to startSandbox.
 */
export interface SandboxPlatform extends PlatformSeed {
	/** Where its API is served, e.g. `/butter`. */
	prefix: string;
	/** Its API, with paths after the prefix. */
	routes: Route[];
	/** Who is calling; throws a PlatformError (401, 403) for a key the platform refuses. */
	authenticate(headers: IncomingHttpHeaders, state: SandboxState): Caller;
	/** The platform's own error envelope. */
	errorBody(error: ErrorSpec, requestId: string): unknown;
	/** Rate-limit headers it adds to every answer, if it documents any. */
	rateLimitHeaders?(window: RateWindow): Record<string, string>;
	/** Its own routes of the control API, e.g. PUT /butter/outcomes. */
	controlRoutes?: ControlRoute[];
	/** Bulk seeding by resource name, e.g. `agents`. */
	bulkSeeders?: Record<string, BulkSeeder>;
}
