import type { IDataObject } from 'n8n-workflow';

import { headerValue } from './headers';

/** Below this a number is not a plausible unix time (2001-09-09 in seconds): it counts from now. */
const UNIX_SECONDS_FROM = 1e9;
/** From here a number is unix milliseconds (year 5138 in seconds, 1973 in milliseconds). */
const UNIX_MILLISECONDS_FROM = 1e11;

const untilMs = (atMs: number, nowMs: number) => Math.max(0, Math.round(atMs - nowMs));

function dateMs(text: string, nowMs: number): number | undefined {
	const at = Date.parse(text);
	return Number.isNaN(at) ? undefined : untilMs(at, nowMs);
}

/**
 * `X-RateLimit-Reset` as platforms write it, told apart by magnitude and shape: seconds from now
 * (`30`), unix seconds (`1778697750`), unix milliseconds (`1778697750000`) or an ISO time.
 */
export function rateLimitResetMs(value: string, nowMs: number): number | undefined {
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) {
		const number = Number(text);
		if (number < UNIX_SECONDS_FROM) return Math.round(number * 1000);
		if (number < UNIX_MILLISECONDS_FROM) return untilMs(number * 1000, nowMs);
		return untilMs(number, nowMs);
	}
	return dateMs(text, nowMs);
}

/**
 * How long a 429 / 503 asks us to wait: Retry-After in seconds or as an HTTP date, else
 * X-RateLimit-Reset (see rateLimitResetMs). Undefined when nothing usable.
 */
export function retryAfterMs(headers: IDataObject | undefined, nowMs: number): number | undefined {
	const retryAfter = headerValue(headers, 'retry-after')?.trim();
	if (retryAfter) {
		if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
		const wait = dateMs(retryAfter, nowMs);
		if (wait !== undefined) return wait;
	}
	const reset = headerValue(headers, 'x-ratelimit-reset');
	return reset ? rateLimitResetMs(reset, nowMs) : undefined;
}

/** A source of numbers in [0, 1): Math.random in use, pinned in tests. */
export type Random = () => number;

const unit = (random: Random) => Math.min(1, Math.max(0, random()));

/**
 * Exponential backoff with "equal jitter": half the nominal wait is kept, the other half drawn at
 * random per request, and the cap applies to the whole. Equal rather than full jitter, so a retry
 * never comes back at once (a full-jitter draw near 0 hammers a struggling server and spends a
 * re-send without waiting) while parallel items still spread over half of every step.
 */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: Random): number {
	const nominal = Math.min(maxMs, baseMs * 2 ** attempt);
	return Math.round(nominal / 2 + (unit(random) * nominal) / 2);
}

/** Share of a platform's asked wait added at random, so items told "30 s" do not all wake at once. */
const ASKED_WAIT_SPREAD = 0.1;
const MIN_ASKED_WAIT_SPREAD_MS = 250;

/**
 * What the platform asked (Retry-After, X-RateLimit-Reset), never less, plus a random spread of
 * a tenth of it (at least 250 ms, at most the policy's longest backoff).
 */
export function askedWaitMs(askedMs: number, maxSpreadMs: number, random: Random): number {
	const spread = Math.min(
		maxSpreadMs,
		Math.max(MIN_ASKED_WAIT_SPREAD_MS, askedMs * ASKED_WAIT_SPREAD),
	);
	return Math.round(askedMs + unit(random) * spread);
}
