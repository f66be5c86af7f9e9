import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { PlatformApiError } from '../../nodes/shared/platformError';
import {
	defaultRetryPolicy,
	type RetryPolicy,
	withRetries,
} from '../../nodes/shared/request/retry';
import {
	askedWaitMs,
	backoffMs,
	rateLimitResetMs,
	retryAfterMs,
} from '../../nodes/shared/request/retryTiming';
import { recordingSleep, testNode } from './fakeContext';

const now = Date.parse('2026-05-13T18:42:00Z');
const profile = { name: 'Test Platform' };

/** A source of "random" numbers that repeats the given ones. */
const pinned =
	(...values: number[]) =>
	() => {
		const value = values.shift() ?? 0;
		values.push(value);
		return value;
	};

describe('retryAfterMs', () => {
	it('reads Retry-After in seconds', () => {
		expect(retryAfterMs({ 'retry-after': '7' }, now)).toBe(7000);
		expect(retryAfterMs({ 'Retry-After': 2 }, now)).toBe(2000);
	});

	it('reads Retry-After as an HTTP date', () => {
		expect(retryAfterMs({ 'retry-after': 'Wed, 13 May 2026 18:42:30 GMT' }, now)).toBe(30_000);
	});

	it('never answers a negative wait for a time already past, and undefined for nothing usable', () => {
		expect(retryAfterMs({ 'x-ratelimit-reset': '2026-05-13T18:00:00Z' }, now)).toBe(0);
		expect(retryAfterMs({ 'retry-after': 'soon' }, now)).toBeUndefined();
		expect(retryAfterMs({ 'x-ratelimit-reset': 'later' }, now)).toBeUndefined();
		expect(retryAfterMs({}, now)).toBeUndefined();
	});
});

describe('X-RateLimit-Reset, told apart by magnitude and shape', () => {
	const inThirtySeconds = now + 30_000;

	it.each([
		['seconds from now', '30'],
		['unix seconds', String(inThirtySeconds / 1000)],
		['unix seconds with a fraction', (inThirtySeconds / 1000).toFixed(3)],
		['unix milliseconds', String(inThirtySeconds)],
		['an ISO time', '2026-05-13T18:42:30Z'],
		['an ISO time with milliseconds and an offset', '2026-05-13T20:42:30.000+02:00'],
	])('%s (%s) is 30 s away', (_shape, value) => {
		expect(rateLimitResetMs(value, now)).toBe(30_000);
		expect(retryAfterMs({ 'X-RateLimit-Reset': value }, now)).toBe(30_000);
	});

	it('a reset already past, in any shape, is no wait at all', () => {
		for (const value of [String((now - 5000) / 1000), String(now - 5000), '2026-05-13T18:41:00Z'])
			expect(rateLimitResetMs(value, now)).toBe(0);
	});
});

describe('backoffMs: equal jitter, inside the cap', () => {
	it('keeps half the nominal wait and draws the other half', () => {
		expect(backoffMs(0, 500, 16_000, () => 0)).toBe(250);
		expect(backoffMs(0, 500, 16_000, () => 0.5)).toBe(375);
		expect(backoffMs(3, 500, 16_000, () => 0)).toBe(2000);
		expect(backoffMs(3, 500, 16_000, () => 0.999)).toBe(3998);
	});

	it('never waits longer than the cap, whatever the draw and however many attempts', () => {
		for (let attempt = 0; attempt < 40; attempt++) {
			for (const draw of [0, 0.25, 0.5, 0.999_999, 1]) {
				const wait = backoffMs(attempt, 500, 16_000, () => draw);
				expect(wait).toBeLessThanOrEqual(16_000);
				expect(wait).toBeGreaterThanOrEqual(Math.min(16_000, 500 * 2 ** attempt) / 2);
			}
		}
	});

	it('two requests with different draws wait different times at the same attempt', () => {
		const first = [0, 1, 2, 3, 4, 5].map((attempt) => backoffMs(attempt, 500, 16_000, () => 0.1));
		const second = [0, 1, 2, 3, 4, 5].map((attempt) => backoffMs(attempt, 500, 16_000, () => 0.8));
		first.forEach((wait, attempt) => expect(wait).not.toBe(second[attempt]));
	});

	it('with Math.random, 1,000 items retrying at once spread over the window', () => {
		const waits = Array.from({ length: 1000 }, () => backoffMs(4, 500, 16_000, Math.random));
		expect(new Set(waits).size).toBeGreaterThan(500);
		expect(Math.min(...waits)).toBeGreaterThanOrEqual(4000);
		expect(Math.max(...waits)).toBeLessThanOrEqual(8000);
	});
});

describe('askedWaitMs: what the platform asked, never less, plus a spread', () => {
	it('is at least the ask and at most the ask plus a tenth (250 ms at least, the cap at most)', () => {
		expect(askedWaitMs(30_000, 16_000, () => 0)).toBe(30_000);
		expect(askedWaitMs(30_000, 16_000, () => 0.5)).toBe(31_500);
		expect(askedWaitMs(1000, 16_000, () => 0.5)).toBe(1125);
		expect(askedWaitMs(600_000, 16_000, () => 1)).toBe(616_000);
	});
});

function refused(status: number, retryAfter?: number) {
	return new PlatformApiError(
		testNode,
		{ message: `status ${status}`, httpCode: status },
		{ platform: profile.name, retryAfterMs: retryAfter },
	);
}

/** Sends through the retry loop: `failures` errors first, then a success; returns the waits. */
async function waitsOf(failures: Error[], overrides: Partial<RetryPolicy>, method = 'GET') {
	const recorder = recordingSleep();
	const policy = { ...defaultRetryPolicy, sleep: recorder.sleep, ...overrides };
	let call = 0;
	await withRetries(
		testNode,
		profile,
		{
			send: async () => {
				const failure = failures[call++];
				if (failure) throw failure;
				return 'ok';
			},
			repeatable: method === 'GET',
		},
		policy,
	);
	return recorder.waits;
}

describe('withRetries: waits drawn per request, bounded by the policy', () => {
	it('two requests refused alike, with different random sources, wait different times', async () => {
		const refusals = () => [refused(429), refused(429), refused(503), refused(503)];
		const first = await waitsOf(refusals(), { random: () => 0.1 });
		const second = await waitsOf(refusals(), { random: () => 0.9 });
		expect(first).toHaveLength(4);
		first.forEach((wait, i) => expect(wait).not.toBe(second[i]));
	});

	it('no wait ever exceeds maxBackoffMs, across many re-sends', async () => {
		const resets = Array.from({ length: 30 }, () =>
			Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
		);
		const waits = await waitsOf(resets, {
			random: pinned(0.999_999, 1, 0.5),
			maxTransientRetries: 30,
			maxTotalWaitMs: 24 * 3600_000,
		});
		expect(waits).toHaveLength(30);
		expect(Math.max(...waits)).toBeLessThanOrEqual(defaultRetryPolicy.maxBackoffMs);
	});

	it('Retry-After is honoured as a minimum, with a spread above it', async () => {
		for (const draw of [0, 0.3, 0.999]) {
			const [wait] = await waitsOf([refused(429, 5000)], { random: () => draw }, 'POST');
			expect(wait).toBeGreaterThanOrEqual(5000);
			expect(wait).toBeLessThanOrEqual(6000);
		}
		const [spread] = await waitsOf([refused(429, 5000)], { random: () => 0.5 }, 'POST');
		expect(spread).toBeGreaterThan(5000);
	});

	it('a 503 asking to wait on a GET is honoured as a minimum too', async () => {
		const [wait] = await waitsOf([refused(503, 7000)], { random: () => 0.5 });
		expect(wait).toBe(7350);
	});

	it('the spread gives way to the total bound; the ask does not', async () => {
		// 40 s asked, 45 s allowed: the spread is cut to what is left rather than giving up.
		const waits = await waitsOf([refused(429, 40_000)], {
			random: () => 1,
			maxTotalWaitMs: 45_000,
		});
		expect(waits).toEqual([44_000]);
		const clipped = await waitsOf([refused(429, 40_000)], {
			random: () => 1,
			maxTotalWaitMs: 41_000,
		});
		expect(clipped).toEqual([41_000]);
	});
});

/** As n8n-core wraps a failed request: NodeApiError(node, error), the cause keeps the code. */
function networkError(code: string) {
	const cause = Object.assign(new Error(`network ${code}`), { code });
	return new NodeApiError(testNode, cause as unknown as JsonObject, {});
}

async function outcomeOf(code: string, method: 'GET' | 'POST') {
	let sends = 0;
	const error = await withRetries(
		testNode,
		profile,
		{
			send: async () => {
				sends++;
				if (sends === 1) throw networkError(code);
				return 'ok';
			},
			repeatable: method === 'GET',
		},
		{ ...defaultRetryPolicy, sleep: recordingSleep().sleep },
	).then(
		() => undefined,
		(e: Error) => e,
	);
	return { sends, message: error?.message };
}

describe('withRetries: what a failure below HTTP means', () => {
	it.each([
		'HPE_INVALID_CONSTANT',
		'HPE_INVALID_HEADER_TOKEN',
		'HPE_UNEXPECTED_CONTENT_LENGTH',
		'ERR_STREAM_PREMATURE_CLOSE',
		'ERR_BAD_RESPONSE',
		'Z_DATA_ERROR',
	])('%s after a request that may have acted: outcome unknown, not re-sent', async (code) => {
		expect(await outcomeOf(code, 'POST')).toEqual({
			sends: 1,
			message: `Test Platform: outcome unknown — check before retrying (${code})`,
		});
	});

	it.each(['HPE_INVALID_CONSTANT', 'Z_DATA_ERROR'])(
		'%s on a repeatable request: sent again',
		async (code) => {
			expect(await outcomeOf(code, 'GET')).toEqual({ sends: 2, message: undefined });
		},
	);

	it.each(['ERR_INVALID_URL', 'ERR_BAD_REQUEST', 'ERR_TLS_CERT_ALTNAME_INVALID'])(
		'%s could never be sent: a plain failure, not re-sent, not "outcome unknown"',
		async (code) => {
			for (const method of ['GET', 'POST'] as const) {
				const { sends, message } = await outcomeOf(code, method);
				expect(sends).toBe(1);
				expect(message).toBe(`network ${code}`);
			}
		},
	);
});
