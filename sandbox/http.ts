import type { IncomingHttpHeaders } from 'http';

import type { SandboxState } from './state';

export interface Caller {
	apiKey: string;
	/** Butter role, Aitelier scopes, BuildVoiceAI account: whatever the platform keys carry. */
	role?: string;
	scopes?: readonly string[];
	idempotencyKey?: string;
}

export interface RouteContext {
	state: SandboxState;
	/** The id of the platform serving the request, e.g. `butter`. */
	platform: string;
	caller: Caller;
	method: string;
	path: string;
	params: Record<string, string>;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	body: unknown;
	now: number;
	requestId: string;
}

export interface Reply {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

/** An error as a handler reports it; each platform wraps it in its own envelope. */
export interface ErrorSpec {
	status: number;
	message: string;
	code?: string;
	field?: string;
}

/** Handlers throw this to answer in the platform's error envelope. */
export class PlatformError extends Error {
	constructor(readonly spec: ErrorSpec & { headers?: Record<string, string> }) {
		super(spec.message);
	}
}

export const fail = (
	status: number,
	message: string,
	extra: Omit<ErrorSpec, 'status' | 'message'> & { headers?: Record<string, string> } = {},
) => new PlatformError({ status, message, ...extra });

export interface Route {
	method: string;
	/** Path after the platform prefix, with `:param` segments. */
	pattern: string;
	handler: (context: RouteContext) => Reply | Promise<Reply>;
	/** The handler acts (side effects), so Idempotency-Key is honoured on it. */
	idempotent?: boolean;
	requireIdempotencyKey?: boolean;
	scope?: string;
	/** Extra rate-limit rules (by name) this route counts against, e.g. outbound calls. */
	limits?: string[];
}

/** A route of the control API, under /_sandbox. */
export interface ControlRoute {
	method: string;
	pattern: string;
	handler: (
		state: SandboxState,
		input: { params: Record<string, string>; query: URLSearchParams; body: unknown },
	) => Reply | Promise<Reply>;
}

export function matchRoute<R extends { method: string; pattern: string }>(
	routes: R[],
	method: string,
	path: string,
) {
	for (const route of routes) {
		if (route.method !== method) continue;
		const want = route.pattern.split('/');
		const got = path.split('/');
		if (want.length !== got.length) continue;
		const params: Record<string, string> = {};
		const matches = want.every((segment, i) => {
			if (segment.startsWith(':')) {
				params[segment.slice(1)] = decodeURIComponent(got[i]);
				return got[i] !== '';
			}
			return segment === got[i];
		});
		if (matches) return { route, params };
	}
	return undefined;
}
