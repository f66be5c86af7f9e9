import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError, PlatformApiError, UnsuccessfulAnswerError } from '../platformError';
import type { PlatformProfile } from '../platformProfile';
import { scrubbedNode } from '../scrub';
import { hasHeader } from './headers';
import { type Pacer, pause, takeSlot } from './pacer';
import { askedWaitMs, backoffMs, type Random } from './retryTiming';

export interface RetryPolicy {
	/** Upper bound on all waiting for one request: rate limits and backoff together. */
	maxTotalWaitMs: number;
	/** Re-sends after 5xx, resets or timeouts — only for requests that are safe to repeat. */
	maxTransientRetries: number;
	baseBackoffMs: number;
	maxBackoffMs: number;
	sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
	now: () => number;
	/** Draws each wait's jitter, per request, so parallel items do not retry in lockstep. */
	random: Random;
}

export const defaultRetryPolicy: RetryPolicy = {
	// A 1,000-lead run against 100 calls/min (BuildVoiceAI) waits up to 10 minutes for its last slot.
	maxTotalWaitMs: 15 * 60_000,
	// Safe re-sends only; enough that a 20 % fault rate leaves ~1 in 2 million items failing (0.2^9).
	maxTransientRetries: 8,
	baseBackoffMs: 500,
	maxBackoffMs: 16_000,
	// In short steps, so stopping the execution ends a wait.
	sleep: pause,
	now: () => Date.now(),
	random: Math.random,
};

/**
 * The same rule with a shorter bound, for requests someone is watching: an editor dropdown or a
 * workflow's activation should fail within a minute rather than spin for fifteen.
 */
export const interactiveRetryPolicy: RetryPolicy = {
	...defaultRetryPolicy,
	maxTotalWaitMs: 60_000,
};

const MIN_RATE_LIMIT_WAIT_MS = 250;
const REPEATABLE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);

/**
 * The request never left this machine: name resolution failed or the connection was refused.
 * Safe to send again even when sending acts.
 */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * Refused before a complete request left: a URL, header or body Node or axios will not send, a TLS
 * handshake that failed or a certificate that is not trusted. Sending again would not help, and
 * nothing can have acted: a plain failure.
 */
const NEVER_SENDABLE_CODES = new Set([
	'ERR_INVALID_URL',
	'ERR_INVALID_PROTOCOL',
	'ERR_UNESCAPED_CHARACTERS',
	'ERR_INVALID_CHAR',
	'ERR_INVALID_HTTP_TOKEN',
	'ERR_HTTP_INVALID_HEADER_VALUE',
	'ERR_INVALID_ARG_TYPE',
	'ERR_INVALID_ARG_VALUE',
	// axios: unsupported protocol, a body over maxBodyLength (or, with status checks on, a 4xx).
	'ERR_BAD_REQUEST',
	'EPROTO',
	'ERR_SSL_WRONG_VERSION_NUMBER',
	'ERR_TLS_CERT_ALTNAME_INVALID',
	'CERT_HAS_EXPIRED',
	'CERT_NOT_YET_VALID',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);
/**
 * Codes below HTTP: errno (ECONNRESET, ETIMEDOUT…), llhttp's parser (HPE_*: the answer was not
 * HTTP), Node's and axios' ERR_* (ERR_BAD_RESPONSE: an answer cut short or too large), undici's
 * UND_ERR_*, zlib's Z_* (an answer that could not be decoded).
 */
const NETWORK_CODE = /^(E[A-Z0-9_]+|HPE_[A-Z0-9_]+|ERR_[A-Z0-9_]+|UND_ERR_[A-Z0-9_]+|Z_[A-Z_]+)$/;

/** GET, or anything carrying an Idempotency-Key, may be sent again without acting twice. */
export function isRepeatable(options: { method?: string; headers?: IDataObject }): boolean {
	const method = String(options.method ?? 'GET').toUpperCase();
	return REPEATABLE_METHODS.has(method) || hasHeader(options.headers, 'idempotency-key');
}

const isKnownCode = (code: string) => NETWORK_CODE.test(code) || NEVER_SENDABLE_CODES.has(code);

/** The first network-level code on the error or its causes (n8n-core wraps the socket's error). */
export function networkCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && isKnownCode(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

type Verdict =
	| { action: 'wait'; ms: number; askedMs?: number }
	| { action: 'retry'; ms: number; askedMs?: number }
	| { action: 'unknownOutcome'; reason: string }
	| { action: 'fail' };

/** The platform's asked wait (at least the floor) with its spread, or our own backoff. */
function waitFor(asked: number | undefined, attempt: number, policy: RetryPolicy, floorMs = 0) {
	if (asked === undefined)
		return {
			ms: Math.max(
				floorMs,
				backoffMs(attempt, policy.baseBackoffMs, policy.maxBackoffMs, policy.random),
			),
		};
	const askedMs = Math.max(floorMs, asked);
	return { ms: askedWaitMs(askedMs, policy.maxBackoffMs, policy.random), askedMs };
}

/**
 * A failure below HTTP: nothing was sent (send again), the request could not be sent at all
 * (fail), or it may have reached the platform — re-sent only when that cannot act twice.
 */
function judgeNetwork(
	code: string,
	repeatable: boolean,
	attempt: number,
	policy: RetryPolicy,
): Verdict {
	if (NEVER_SENDABLE_CODES.has(code)) return { action: 'fail' };
	if (NOT_SENT_CODES.has(code) || repeatable)
		return { action: 'retry', ...waitFor(undefined, attempt, policy) };
	// Reset, timeout, an answer that was not HTTP (HPE_*): the platform may have acted.
	return { action: 'unknownOutcome', reason: code };
}

function judge(error: unknown, repeatable: boolean, attempt: number, policy: RetryPolicy): Verdict {
	// A 2xx that is not a success: the request reached the platform, which may have acted on it.
	if (error instanceof UnsuccessfulAnswerError) {
		if (!repeatable)
			return {
				action: 'unknownOutcome',
				reason: `HTTP ${error.details.httpCode} with ${error.problem}`,
			};
		return { action: 'fail' };
	}
	if (error instanceof PlatformApiError) {
		const status = error.details.httpCode;
		// A 429 means the server refused before acting: always safe to send again. The floor, so
		// "Retry-After: 0" cannot spin without ever reaching the wait bound.
		if (status === 429)
			return {
				action: 'wait',
				...waitFor(error.retryAfterMs, attempt, policy, MIN_RATE_LIMIT_WAIT_MS),
			};
		if (TRANSIENT_STATUSES.has(status)) {
			if (!repeatable) return { action: 'unknownOutcome', reason: `HTTP ${status}` };
			return { action: 'retry', ...waitFor(error.retryAfterMs, attempt, policy) };
		}
		return { action: 'fail' };
	}
	const code = networkCode(error);
	return code === undefined ? { action: 'fail' } : judgeNetwork(code, repeatable, attempt, policy);
}

/** What to look for on the platform: the number dialled (if the body names one) and when it was sent. */
export function whatToLookFor(body: unknown, sentAt: number): string {
	const fields = (typeof body === 'object' && body !== null ? body : {}) as IDataObject;
	const number = ['to_number', 'phone_number', 'phone']
		.map((key) => fields[key])
		.find((value) => typeof value === 'string');
	const when = new Date(sentAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
	return [number ? `to ${String(number)}` : undefined, `sent ${when}`].filter(Boolean).join(', ');
}

function unknownOutcomeError(
	node: INode,
	profile: PlatformProfile,
	reason: string,
	cause: unknown,
	lookFor: string,
	itemIndex?: number,
): NodeApiError {
	const details = cause instanceof PlatformApiError ? cause.details : undefined;
	const said = details ? `: ${details.message}` : '';
	const error = new NodeApiError(
		scrubbedNode(node),
		{ reason, ...(details?.requestId ? { requestId: details.requestId } : {}) },
		{ httpCode: details ? String(details.httpCode) : 'none', itemIndex },
	);
	// Set afterwards: NodeApiError swaps in its own texts for connection error codes.
	error.message = `${profile.name}: outcome unknown — check before retrying (${reason}${said})`;
	error.description =
		'The request may have been carried out before the failure, and it carries no idempotency key, ' +
		`so it was not sent again: look the call up on the platform (${lookFor}) before retrying this item` +
		(details?.requestId ? ` · Request ID: ${details.requestId}` : '');
	return error;
}

/** The bound on waiting is reached: say how hard we tried, keep the platform's own words. */
function givenUp(
	node: INode,
	profile: PlatformProfile,
	error: unknown,
	attempts: number,
	waitedMs: number,
): NodeApiError | NodeOperationError {
	const last = asNodeError(node, error);
	last.description = [
		last.description,
		`${profile.name} still refused after ${attempts} attempts and ${Math.round(waitedMs / 1000)} s of waiting`,
	]
		.filter(Boolean)
		.join(' · ');
	return last;
}

/** The execution was stopped while a request waited for its slot: nothing was sent. */
function stoppedError(node: INode): NodeOperationError {
	return new NodeOperationError(
		scrubbedNode(node),
		'The execution was stopped before this request was sent',
	);
}

/** One request as the retry loop sees it: how to send it, and what it would mean to send it again. */
export interface RetryableRequest<T> {
	send: () => Promise<T>;
	repeatable: boolean;
	/** The body, for the "outcome unknown" error's hint of what to look for. */
	body?: unknown;
	itemIndex?: number;
	signal?: AbortSignal;
	/** Where the request takes its slot before each attempt (the credential's pacers). */
	pacers?: Pacer[];
}

/**
 * The one retry loop of the package — routing, pickers and trigger lifecycles all send through
 * it: 429s are waited out (nothing acted), transient failures re-sent only where that cannot act
 * twice, and a request whose fate is unknown fails with what to look for instead of being re-sent.
 */
export async function withRetries<T>(
	node: INode,
	profile: PlatformProfile,
	request: RetryableRequest<T>,
	policy: RetryPolicy = defaultRetryPolicy,
): Promise<T> {
	let waitedMs = 0;
	let transientRetries = 0;
	for (let attempt = 0; ; attempt++) {
		const finished = request.pacers?.length
			? await takeSlot(request.pacers, request.signal)
			: undefined;
		if (request.signal?.aborted) {
			finished?.();
			throw stoppedError(node);
		}
		const sentAt = policy.now();
		try {
			const answer = await request.send();
			finished?.();
			return answer;
		} catch (error) {
			finished?.();
			// A refusal still arriving (another client on the key): every request of it slows down.
			if (error instanceof PlatformApiError && error.details.httpCode === 429)
				for (const pacer of request.pacers ?? []) pacer.refused(error.retryAfterMs);
			const verdict = judge(error, request.repeatable, attempt, policy);
			if (verdict.action === 'fail') throw asNodeError(node, error);
			if (verdict.action === 'unknownOutcome') {
				const lookFor = whatToLookFor(request.body, sentAt);
				throw unknownOutcomeError(node, profile, verdict.reason, error, lookFor, request.itemIndex);
			}
			const left = policy.maxTotalWaitMs - waitedMs;
			const exhausted =
				(verdict.action === 'retry' && ++transientRetries > policy.maxTransientRetries) ||
				(verdict.askedMs ?? verdict.ms) > left;
			if (exhausted) throw givenUp(node, profile, error, attempt + 1, waitedMs);
			// The spread on an asked wait gives way to the bound; the ask itself never does.
			const ms = Math.min(verdict.ms, left);
			waitedMs += ms;
			await policy.sleep(ms, request.signal);
			if (request.signal?.aborted) throw asNodeError(node, error);
		}
	}
}
