export interface LimitRule {
	limit: number;
	windowMs: number;
}

export interface PlatformLimits {
	enabled: boolean;
	retryAfterFormat: 'seconds' | 'http-date';
	rules: Record<string, LimitRule>;
	/** BuildVoiceAI: calls in progress per key. */
	concurrentCalls?: number;
}

export interface Admission {
	allowed: boolean;
	limit: number;
	remaining: number;
	/** When the oldest counted request leaves the window (ms epoch). */
	resetAt: number;
	retryAfterMs: number;
}

/**
 * Sliding-window log: a request is admitted while fewer than `limit` were admitted in the last
 * `windowMs`. Exact, and cheap at these volumes.
 */
export class SlidingWindowLimiter {
	private readonly hits = new Map<string, number[]>();

	check(key: string, rule: LimitRule, now: number, consume = true): Admission {
		const log = (this.hits.get(key) ?? []).filter((at) => at > now - rule.windowMs);
		this.hits.set(key, log);
		const resetAt = (log[0] ?? now) + rule.windowMs;
		if (log.length >= rule.limit) {
			return {
				allowed: false,
				limit: rule.limit,
				remaining: 0,
				resetAt,
				retryAfterMs: Math.max(1, resetAt - now),
			};
		}
		if (consume) log.push(now);
		return {
			allowed: true,
			limit: rule.limit,
			remaining: rule.limit - log.length,
			resetAt: (log[0] ?? now) + rule.windowMs,
			retryAfterMs: 0,
		};
	}

	clear(): void {
		this.hits.clear();
	}
}

export function retryAfterHeader(
	ms: number,
	format: PlatformLimits['retryAfterFormat'],
	now: number,
): string {
	const seconds = Math.max(1, Math.ceil(ms / 1000));
	return format === 'http-date' ? new Date(now + seconds * 1000).toUTCString() : String(seconds);
}
