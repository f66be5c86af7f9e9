import { sleep } from 'n8n-workflow';

/*
 * Requests leave at the platform's rate instead of all at once. One pacer per credential and
 * API host, shared by every item and every execution in this n8n process: a request takes a
 * slot before it is sent. The platforms limit with windows ("10 per second", "100 per minute"),
 * so the pacer keeps the same books a sliding window does — the L-th request before this one
 * must be a whole window (plus a margin for the network) in the past — after a short burst the
 * requests leave evenly spread, which needs no tuning. A 429 still arriving (another client on the key,
 * another n8n process) halves the limit it assumes and holds all requests for the wait asked;
 * after two quiet windows each further one gives an eighth of the platform's figure back.
 */

export interface PaceRule {
	/** Requests allowed per window, e.g. 10 per 1,000 ms. */
	limit: number;
	windowMs: number;
}

/** The books a request is counted in: the key's own, and e.g. "outbound calls per project". */
export interface PaceScope {
	key: string;
	rules: PaceRule[];
}

/**
 * A request's departure is only known to us, its arrival only to the platform: it lies somewhere
 * before its answer came back. So each booking is moved to the moment its request finished, and
 * a window counts from there — whatever the network or a busy event loop did in between. The
 * margin covers the clocks' granularity.
 */
const MARGIN_MS = 5;
/** The spreading's margin: a hundredth of its window (20 windows of 300 ms gain 60 ms of slack). */
const SPREAD_MARGIN_DIVISOR = 100;
/** How often a request waiting on an unfinished one looks again. */
const POLL_MS = 10;
/** The longest single sleep, so a stopped execution is noticed within it. */
const WAKE_EVERY_MS = 250;
/** A pacer untouched this long starts again from the platform's own figures. */
const IDLE_RESET_MS = 120_000;

/** One request's place in a window's books: where it left, and whether it has finished since. */
export interface Booking {
	at: number;
	finished: boolean;
}

class Window {
	/** The last `limit` bookings, oldest first. */
	private readonly slots: Booking[] = [];
	private assumed: number;
	private lastRefusal = -Infinity;

	/** The platform's window, or (`spreading`) the pacer's own spreading of a burst. */
	private readonly spreading: boolean;
	/** How often a step of the limit is given back after refusals: the platform's window. */
	private readonly recoverEveryMs: number;

	constructor(
		private readonly rule: PaceRule,
		options: { spreading?: boolean; recoverEveryMs?: number } = {},
	) {
		this.assumed = rule.limit;
		this.spreading = options.spreading ?? false;
		this.recoverEveryMs = options.recoverEveryMs ?? rule.windowMs;
	}

	/** The earliest departure at or after `from` this window allows. */
	earliest(from: number): number {
		// Quiet for two windows since the last refusal: an eighth of the limit back per window after
		// that — a stray 429 costs a few windows, not the rest of a campaign.
		const quiet = Math.floor((from - this.lastRefusal) / this.recoverEveryMs) - 1;
		if (quiet > 0 && this.assumed < this.rule.limit) {
			const step = Math.max(1, Math.ceil(this.rule.limit / 8));
			this.assumed = Math.min(this.rule.limit, Math.floor(this.assumed) + quiet * step);
			this.lastRefusal = from - this.recoverEveryMs;
		}
		const limit = Math.max(1, Math.floor(this.assumed));
		if (this.slots.length < limit) return from;
		const oldest = this.slots[this.slots.length - limit];
		// Not finished: its arrival may still be ahead; look again shortly.
		if (!oldest.finished) return Math.max(from + POLL_MS, oldest.at + this.rule.windowMs);
		// The spreading keeps a margin too (1 % of its window): a platform counting in a shorter
		// window than it documents then sees no request beyond its share when arrivals jitter.
		const margin = this.spreading
			? Math.max(1, Math.ceil(this.rule.windowMs / SPREAD_MARGIN_DIVISOR))
			: MARGIN_MS;
		return Math.max(from, oldest.at + this.rule.windowMs + margin);
	}

	take(at: number): Booking {
		// The pacer's own spreading counts departures; only the platform's windows wait for answers.
		const booking = { at, finished: this.spreading };
		this.slots.push(booking);
		if (this.slots.length > this.rule.limit)
			this.slots.splice(0, this.slots.length - this.rule.limit);
		return booking;
	}

	/**
	 * Once per window at most: a burst of refusals is one signal, not fifty. The spreading keeps
	 * its pace: the platform's windows carry the lower limit, halving both would pay twice.
	 */
	refused(now: number): void {
		if (this.spreading) return;
		if (now - this.lastRefusal >= this.recoverEveryMs)
			this.assumed = Math.max(1, this.assumed * 0.5);
		this.lastRefusal = now;
	}
}

/** The most a window lets through at once; beyond it requests are spread over the window. */
const MAX_BURST = 5;

/**
 * A window's limit spent in one burst could be refused by a platform that counts in a shorter
 * window than it documents (or a tighter one than the credential says): beyond a short burst,
 * requests leave evenly spread — 10/s goes as 5, then one every 100 ms.
 */
function burstOf(rule: PaceRule): PaceRule[] {
	if (rule.limit <= MAX_BURST) return [];
	return [{ limit: MAX_BURST, windowMs: (rule.windowMs * MAX_BURST) / rule.limit }];
}

export class Pacer {
	private windows: Window[] = [];
	holdUntil = 0;
	private lastUsed = 0;

	constructor(private readonly rules: PaceRule[]) {
		this.reset();
	}

	/** Back to the platform's own figures (a hold, if any, stays: it is never older than its wait). */
	private reset(): void {
		// Only the shortest window is spread; the longer ones (an hourly cap) only cap.
		const shortest = this.rules.reduce<PaceRule | undefined>(
			(best, rule) => (best && best.windowMs <= rule.windowMs ? best : rule),
			undefined,
		);
		this.windows = [
			...this.rules.map((rule) => new Window(rule)),
			...(shortest ? burstOf(shortest) : []).map(
				(rule) => new Window(rule, { spreading: true, recoverEveryMs: shortest?.windowMs }),
			),
		];
	}

	/** The earliest departure at or after `from` every window of this pacer allows. */
	earliest(from: number): number {
		if (from - this.lastUsed > IDLE_RESET_MS) this.reset();
		this.lastUsed = from;
		let at = Math.max(from, this.holdUntil);
		for (const window of this.windows) at = Math.max(at, window.earliest(at));
		return at;
	}

	take(at: number): Booking[] {
		return this.windows.map((window) => window.take(at));
	}

	/** Requests leave one after another; each is booked when it really leaves. */
	private queue: Promise<void> = Promise.resolve();

	/**
	 * Waits for this request's turn, then until the books allow it, and books it at the moment it
	 * leaves — so a late wake-up (a busy machine) delays the ones after it instead of bunching
	 * them. A stopped execution leaves the queue at once, unbooked.
	 */
	async depart(signal?: AbortSignal): Promise<Booking[]> {
		const turn = this.queue.then(async () => {
			for (;;) {
				if (signal?.aborted) return [];
				const now = Date.now();
				const at = this.earliest(now);
				if (at <= now) return this.take(now);
				await pause(at - now, signal);
			}
		});
		this.queue = turn.then(
			() => undefined,
			() => undefined,
		);
		return await turn;
	}

	/** A 429: hold every request for the wait asked, and assume a lower limit for a while. */
	refused(retryAfterMs: number | undefined, now = Date.now()): void {
		for (const window of this.windows) window.refused(now);
		if (retryAfterMs !== undefined) this.holdUntil = Math.max(this.holdUntil, now + retryAfterMs);
	}

	/** The platform says the window is spent (X-RateLimit-Remaining: 0): hold until it resets. */
	spentUntil(resetAt: number): void {
		this.holdUntil = Math.max(this.holdUntil, resetAt);
	}
}

/**
 * Takes one departure from each given pacer — a lane (outbound calls) first, then the key's own
 * books — and returns when the request may leave, with what to call once it has finished.
 */
export async function takeSlot(pacers: Pacer[], signal?: AbortSignal): Promise<() => void> {
	const bookings: Booking[] = [];
	for (const pacer of [...pacers].reverse()) {
		if (signal?.aborted) break;
		bookings.push(...(await pacer.depart(signal)));
	}
	return () => finish(bookings);
}

/** The request has finished: its bookings now count from this moment (its arrival lay before). */
export function finish(bookings: Booking[], now = Date.now()): void {
	for (const booking of bookings) {
		booking.at = Math.max(booking.at, now);
		booking.finished = true;
	}
}

/** Waits in short steps, so a stopped execution is not kept waiting (n8n's sleep cannot be cut short). */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	const until = Date.now() + ms;
	for (let left = ms; left > 0 && !signal?.aborted; left = until - Date.now())
		await sleep(Math.min(left, WAKE_EVERY_MS));
}

/** A rate typed into a credential: a whole number of at least 1, else the documented figure. */
export function configuredRate(value: unknown, documented: number): number {
	const rate = Number(value);
	return Number.isFinite(rate) && rate >= 1 ? Math.floor(rate) : documented;
}

const pacers = new Map<string, Pacer>();

/** The pacer of one scope (a credential on an API host, or a lane of it), per its rules. */
export function pacerFor({ key, rules }: PaceScope): Pacer {
	const signature = `${key}|${rules.map((r) => `${r.limit}/${r.windowMs}`).join(',')}`;
	let pacer = pacers.get(signature);
	if (!pacer) {
		pacer = new Pacer(rules);
		pacers.set(signature, pacer);
	}
	return pacer;
}
