import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IDataObject,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { asNodeError, PlatformApiError, parsePlatformError } from './platformError';
import type { PlatformProfile } from './platformProfile';
import { scrubbedNode } from './scrub';
import { backoffMs, retryAfterMs } from './retryTiming';

export interface RetryPolicy {
	/** Upper bound on all waiting for one request: rate limits and backoff together. */
	maxTotalWaitMs: number;
	/** Re-sends after 5xx, resets or timeouts — only for requests that are safe to repeat. */
	maxTransientRetries: number;
	baseBackoffMs: number;
	maxBackoffMs: number;
	sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
	now: () => number;
}

export const defaultRetryPolicy: RetryPolicy = {
	// A 1,000-lead run against 100 calls/min (BuildVoiceAI) waits up to 10 minutes for its last slot.
	maxTotalWaitMs: 15 * 60_000,
	// Safe re-sends only; enough that a 20 % fault rate leaves ~1 in 2 million items failing (0.2^9).
	maxTransientRetries: 8,
	baseBackoffMs: 500,
	maxBackoffMs: 16_000,
	sleep,
	now: () => Date.now(),
};

const MIN_RATE_LIMIT_WAIT_MS = 250;
const REPEATABLE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);
/** The connection never reached the server, so nothing can have happened there. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const UNKNOWN_FATE_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

function hasHeader(headers: IDataObject | undefined, name: string): boolean {
	return Object.keys(headers ?? {}).some((key) => key.toLowerCase() === name && !!headers?.[key]);
}

/** GET, or anything carrying an Idempotency-Key, may be sent again without acting twice. */
export function isRepeatable(options: DeclarativeRestApiSettings.HttpRequestOptions): boolean {
	const method = String(options.method ?? 'GET').toUpperCase();
	return REPEATABLE_METHODS.has(method) || hasHeader(options.headers, 'idempotency-key');
}

function networkCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

type Verdict =
	| { action: 'wait'; ms: number }
	| { action: 'retry'; ms: number }
	| { action: 'unknownOutcome'; reason: string }
	| { action: 'fail' };

function judge(error: unknown, repeatable: boolean, attempt: number, policy: RetryPolicy): Verdict {
	if (error instanceof PlatformApiError) {
		const status = error.details.httpCode;
		// A 429 means the server refused before acting: always safe to send again.
		if (status === 429) {
			const asked = error.retryAfterMs ?? backoffMs(attempt, policy.baseBackoffMs, policy.maxBackoffMs);
			// A floor, so "Retry-After: 0" cannot spin without ever reaching the wait bound.
			return { action: 'wait', ms: Math.max(MIN_RATE_LIMIT_WAIT_MS, asked) };
		}
		if (TRANSIENT_STATUSES.has(status)) {
			if (!repeatable) return { action: 'unknownOutcome', reason: `HTTP ${status}` };
			const asked = error.retryAfterMs;
			return {
				action: 'retry',
				ms: asked ?? backoffMs(attempt, policy.baseBackoffMs, policy.maxBackoffMs, status),
			};
		}
		return { action: 'fail' };
	}
	const code = networkCode(error);
	if (code === undefined) return { action: 'fail' };
	if (NOT_SENT_CODES.has(code) || repeatable) {
		return { action: 'retry', ms: backoffMs(attempt, policy.baseBackoffMs, policy.maxBackoffMs) };
	}
	if (UNKNOWN_FATE_CODES.has(code)) return { action: 'unknownOutcome', reason: code };
	return { action: 'fail' };
}

/** What to look for on the platform: the number dialled (if the body names one) and when it was sent. */
function whatToLookFor(request: DeclarativeRestApiSettings.ResultOptions, sentAt: number): string {
	const body = (typeof request.options.body === 'object' && request.options.body !== null ? request.options.body : {}) as IDataObject;
	const number = ['to_number', 'phone_number', 'phone'].map((key) => body[key]).find((value) => typeof value === 'string');
	return `${number ? ` to ${String(number)}` : ''}, sent ${new Date(sentAt).toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
}

function unknownOutcomeError(
	context: IExecuteSingleFunctions,
	profile: PlatformProfile,
	reason: string,
	cause: unknown,
	lookFor: string,
): NodeApiError {
	const details = cause instanceof PlatformApiError ? cause.details : undefined;
	const said = details ? `: ${details.message}` : '';
	const error = new NodeApiError(
		scrubbedNode(context.getNode()),
		{ reason, ...(details?.requestId ? { requestId: details.requestId } : {}) },
		{ httpCode: details ? String(details.httpCode) : 'none', itemIndex: context.getItemIndex() },
	);
	// Set afterwards: NodeApiError swaps in its own texts for connection error codes.
	error.message = `${profile.name}: outcome unknown — check before retrying (${reason}${said})`;
	error.description =
		'The request may have been carried out before the failure, and it carries no idempotency key, ' +
		`so it was not sent again: look the call up on the platform (${lookFor.replace(/^, /, '').trim()}) before retrying this item` +
		(details?.requestId ? ` · Request ID: ${details.requestId}` : '');
	return error;
}

/**
 * Sends one request through n8n's routing (auth, postReceive), waiting out 429s and re-sending
 * transient failures only where that cannot act twice.
 */
export async function sendWithRetries(
	context: IExecutePaginationFunctions,
	profile: PlatformProfile,
	request: DeclarativeRestApiSettings.ResultOptions,
	policy: RetryPolicy = defaultRetryPolicy,
): Promise<INodeExecutionData[]> {
	const repeatable = isRepeatable(request.options);
	const signal = context.getExecutionCancelSignal?.();
	let waitedMs = 0;
	let transientRetries = 0;
	for (let attempt = 0; ; attempt++) {
		const sentAt = policy.now();
		try {
			return await context.makeRoutingRequest({ ...request, options: { ...request.options } });
		} catch (error) {
			const verdict = judge(error, repeatable, attempt, policy);
			if (verdict.action === 'fail') throw asNodeError(context.getNode(), error);
			if (verdict.action === 'unknownOutcome') {
				throw unknownOutcomeError(context, profile, verdict.reason, error, whatToLookFor(request, sentAt));
			}
			const exhausted =
				(verdict.action === 'retry' && ++transientRetries > policy.maxTransientRetries) ||
				waitedMs + verdict.ms > policy.maxTotalWaitMs;
			if (exhausted) throw givenUp(context, profile, error, attempt + 1, waitedMs);
			waitedMs += verdict.ms;
			await policy.sleep(verdict.ms, signal);
			if (signal?.aborted) throw asNodeError(context.getNode(), error);
		}
	}
}

/** The bound on waiting is reached: say how hard we tried, keep the platform's own words. */
function givenUp(
	context: IExecuteSingleFunctions,
	profile: PlatformProfile,
	error: unknown,
	attempts: number,
	waitedMs: number,
): NodeApiError | NodeOperationError {
	const last = asNodeError(context.getNode(), error);
	last.description = [
		last.description,
		`${profile.name} still refused after ${attempts} attempts and ${Math.round(waitedMs / 1000)} s of waiting`,
	]
		.filter(Boolean)
		.join(' · ');
	return last;
}

/** Node-level `requestOperations.pagination`: every single request goes through the executor. */
export function requestExecutor(profile: PlatformProfile, policy?: RetryPolicy) {
	return async function executeRequest(
		this: IExecutePaginationFunctions,
		request: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		return await sendWithRetries(this, profile, request, policy);
	};
}

/**
 * First postReceive action of every operation: a non-2xx answer becomes a PlatformApiError with
 * the platform's message, field, request id and HTTP code (requests run with
 * ignoreHttpStatusErrors so the body and headers reach this point).
 */
export function checkResponse(profile: PlatformProfile) {
	return async function checkPlatformResponse(
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const { statusCode } = response;
		if (statusCode >= 200 && statusCode < 300) return items;
		const details = parsePlatformError(statusCode, response.body, response.headers);
		throw new PlatformApiError(this.getNode(), details, {
			platform: profile.name,
			itemIndex: this.getItemIndex(),
			retryAfterMs:
				statusCode === 429 || statusCode === 503
					? retryAfterMs(response.headers, Date.now())
					: undefined,
			hint: (details.code ? profile.codeHints?.[details.code] : undefined) ?? profile.hints?.[statusCode],
		});
	};
}

/** Last postReceive action of single-record operations: the platform's envelope comes off. */
export function unwrapResponse(profile: PlatformProfile) {
	return async function unwrapPlatformResponse(
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
	): Promise<INodeExecutionData[]> {
		if (!profile.unwrap) return items;
		const unwrap = profile.unwrap;
		return items.flatMap((item) => {
			const value = unwrap(item.json);
			return (Array.isArray(value) ? value : [value]).map((json) => ({ json }));
		});
	};
}
