import type { IDataObject } from 'n8n-workflow';

import { headerValue } from './headers';

/**
 * How long a 429 / 503 asks us to wait: Retry-After in seconds or as an HTTP date, else
 * X-RateLimit-Reset as an ISO time (Aitelier) or unix seconds. Undefined when nothing usable.
 */
export function retryAfterMs(headers: IDataObject | undefined, nowMs: number): number | undefined {
	const retryAfter = headerValue(headers, 'retry-after');
	if (retryAfter) {
		if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
	}
	const reset = headerValue(headers, 'x-ratelimit-reset');
	if (reset) {
		if (/^\d+$/.test(reset)) {
			const value = Number(reset);
			// Small numbers are "seconds from now", large ones unix time.
			return value > 1e9 ? Math.max(0, value * 1000 - nowMs) : value * 1000;
		}
		const date = Date.parse(reset);
		if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
	}
	return undefined;
}

/** Exponential backoff with deterministic ±20 % spread so parallel items do not retry in step. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, salt = 0): number {
	const raw = Math.min(maxMs, baseMs * 2 ** attempt);
	const spread = ((salt * 7919 + attempt * 104729) % 41) / 100 - 0.2;
	return Math.max(0, Math.round(raw * (1 + spread)));
}
