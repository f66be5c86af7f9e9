export const FAULT_KINDS = [
	'429',
	'500',
	'502',
	'503',
	'reset',
	'slow',
	'500-after-acting',
	'reset-after-acting',
	// 2xx answers that are not successes: `200 {"success": false, "error": …}` after acting, and
	// an HTML page with status 200 (a proxy's or a login's) before the platform sees the request.
	'success-false',
	'html-200',
	// Bytes that are not HTTP after acting (a proxy that forwarded the request, then answered
	// garbage): the client's parser fails with an HPE_* code, not a status.
	'not-http',
	// A refusal before acting that waiting does not cure (the account is out of credit).
	'402',
	// Redirects before acting: 302 to another origin (the storage host's /echo), or 307 to the
	// same URL on the same origin. Platforms moving hosts, or proxies in front of them, do this.
	'redirect-cross-origin',
	'redirect-same-origin',
	// A list page whose next cursor is the one it was asked with: a walk that would never end.
	'cursor-loop',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
	id: number;
	/** A platform id (e.g. `butter`); every platform when absent. */
	platform?: string;
	method?: string;
	path?: string;
	kind: FaultKind;
	/** The next N matching requests (deterministic); unlimited when absent. */
	times?: number;
	/** Probability per matching request, from a seeded PRNG. */
	rate?: number;
	slowMs?: number;
	hits: number;
}

/** Faults the server answers before acting: the platform did nothing. */
export const BEFORE_ACTING: ReadonlySet<FaultKind> = new Set([
	'402',
	'429',
	'500',
	'502',
	'503',
	'reset',
]);

/** What the 2xx-but-not-success faults answer. */
export const SUCCESS_FALSE_MESSAGE = 'The request could not be completed';
/** What the `not-http` fault writes instead of an HTTP answer: an SSH banner. */
export const NOT_HTTP_BYTES = 'SSH-2.0-OpenSSH_9.6\r\n';
export const HTML_200_PAGE =
	'<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Sign in to continue</h1></body></html>';

/** The messages of injected HTTP faults, in each platform's error envelope. */
export const GENERIC_MESSAGES: Record<number, string> = {
	402: 'Insufficient credit: top up the account to place calls',
	429: 'Too many requests',
	500: 'Internal server error',
	502: 'Bad gateway',
	503: 'Service temporarily unavailable',
};

export class FaultInjector {
	private rules: FaultRule[] = [];
	private nextId = 1;
	private seed = 20260513;

	add(rule: Omit<FaultRule, 'id' | 'hits'>): FaultRule {
		const stored = { ...rule, id: this.nextId++, hits: 0 };
		this.rules.push(stored);
		return stored;
	}

	list(): FaultRule[] {
		return this.rules;
	}

	clear(): void {
		this.rules = [];
		this.seed = 20260513;
	}

	/** Park-Miller PRNG: the same rules and traffic always inject the same faults. */
	private random(): number {
		this.seed = (this.seed * 48271) % 2147483647;
		return this.seed / 2147483647;
	}

	pick(platform: string, method: string, path: string): FaultRule | undefined {
		for (const rule of this.rules) {
			if (rule.platform && rule.platform !== platform) continue;
			if (rule.method && rule.method.toUpperCase() !== method) continue;
			if (rule.path && !path.includes(rule.path)) continue;
			if (rule.times !== undefined && rule.hits >= rule.times) continue;
			if (rule.rate !== undefined && this.random() >= rule.rate) continue;
			rule.hits++;
			return rule;
		}
		return undefined;
	}
}
