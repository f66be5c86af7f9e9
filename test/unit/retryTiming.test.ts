import { backoffMs, retryAfterMs } from '../../nodes/shared/request/retryTiming';

const now = Date.parse('2026-05-13T18:42:00Z');

describe('retryAfterMs', () => {
	it('reads Retry-After in seconds', () => {
		expect(retryAfterMs({ 'retry-after': '7' }, now)).toBe(7000);
		expect(retryAfterMs({ 'Retry-After': 2 }, now)).toBe(2000);
	});

	it('reads Retry-After as an HTTP date', () => {
		expect(retryAfterMs({ 'retry-after': 'Wed, 13 May 2026 18:42:30 GMT' }, now)).toBe(30_000);
	});

	it('reads X-RateLimit-Reset as an ISO time when Retry-After is absent', () => {
		expect(retryAfterMs({ 'X-RateLimit-Reset': '2026-05-13T18:42:30Z' }, now)).toBe(30_000);
	});

	it('never answers a negative wait for a time already past, and undefined for nothing usable', () => {
		expect(retryAfterMs({ 'x-ratelimit-reset': '2026-05-13T18:00:00Z' }, now)).toBe(0);
		expect(retryAfterMs({ 'retry-after': 'soon' }, now)).toBeUndefined();
		expect(retryAfterMs({}, now)).toBeUndefined();
	});
});

describe('backoffMs', () => {
	it('grows exponentially, is capped, and stays within ±20 %', () => {
		const waits = [0, 1, 2, 3, 4, 5, 6].map((attempt) => backoffMs(attempt, 500, 8000));
		waits.forEach((wait, attempt) => {
			const nominal = Math.min(8000, 500 * 2 ** attempt);
			expect(wait).toBeGreaterThanOrEqual(nominal * 0.8);
			expect(wait).toBeLessThanOrEqual(nominal * 1.2);
		});
		expect(waits[3]).toBeGreaterThan(waits[1]);
	});
});
