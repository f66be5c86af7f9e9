import { configuredRate, finish, Pacer, pause, takeSlot } from '../../nodes/shared/request/pacer';

/** Departures a pacer gives `count` requests asking at `from`, each finished as it leaves. */
function departures(pacer: Pacer, count: number, from = 0): number[] {
	return Array.from({ length: count }, () => {
		const at = pacer.earliest(from);
		finish(pacer.take(at), at);
		return at;
	});
}

const inAnyWindow = (times: number[], windowMs: number) =>
	Math.max(...times.map((start) => times.filter((t) => t >= start && t < start + windowMs).length));

describe('the pacer keeps the books of a sliding window', () => {
	it('lets a short burst through, then spreads the rest evenly; never more than the limit per window', () => {
		const at = departures(new Pacer([{ limit: 10, windowMs: 1000 }]), 25, 1_000_000);
		expect(at.slice(0, 5).every((t) => t === 1_000_000)).toBe(true);
		// Spread with a margin of 1 % of the spreading window.
		expect(at[5]).toBe(1_000_000 + 505);
		expect(at[10]).toBe(1_000_000 + 1010);
		expect(inAnyWindow(at, 1000)).toBe(10);
		// Against a platform counting in a tenth of the window: still within its share.
		expect(inAnyWindow(at, 500)).toBe(5);
		expect(at[24] - at[0]).toBeLessThan(2600);
	});

	it('a window of five or fewer is kept as it is', () => {
		const at = departures(new Pacer([{ limit: 5, windowMs: 60_000 }]), 6, 0);
		expect(at).toEqual([0, 0, 0, 0, 0, 60_005]);
	});

	it('keeps every rule at once: 60 a minute and 1,000 an hour', () => {
		const at = departures(
			new Pacer([
				{ limit: 60, windowMs: 60_000 },
				{ limit: 1000, windowMs: 3_600_000 },
			]),
			1100,
			5_000_000,
		);
		expect(inAnyWindow(at, 60_000)).toBe(60);
		expect(inAnyWindow(at, 3_600_000)).toBe(1000);
	});

	it('a 429 holds everyone for the wait asked and assumes a lower limit, regained window by window', () => {
		const pacer = new Pacer([{ limit: 10, windowMs: 1000 }]);
		departures(pacer, 10, 2_000_000);
		pacer.refused(3000, 2_000_100);
		const [next] = departures(pacer, 1, 2_000_200);
		expect(next).toBe(2_003_100);
		// After the refusal 5 are assumed (half of 10), one more regained per quiet window.
		const fresh = new Pacer([{ limit: 10, windowMs: 1000 }]);
		fresh.refused(undefined, 0);
		expect(inAnyWindow(departures(fresh, 30, 1), 1000)).toBeLessThanOrEqual(9);
	});

	it('spreading leaves slack for a platform counting in a shorter window, even with late arrivals', () => {
		// Credential: 1,000 a minute; the platform really counts 100 per 6 s (a tenth of the window).
		const at = departures(new Pacer([{ limit: 1000, windowMs: 60_000 }]), 400, 0);
		// A group of five that arrives 40 ms late, the group twenty spreads later on time.
		const jittered = at.map((t, i) => t + (Math.floor(i / 5) % 21 === 0 ? 40 : 0));
		expect(inAnyWindow(jittered, 6000)).toBeLessThanOrEqual(100);
		// …at no great cost: still at least 97 % of the rate.
		expect((400 - 5) / ((at[399] - at[0]) / 1000)).toBeGreaterThan(0.97 * (1000 / 60));
	});

	it('a stray 429 costs a few windows, not the rest of a campaign', () => {
		const pacer = new Pacer([{ limit: 80, windowMs: 1000 }]);
		pacer.refused(undefined, 0);
		// Each request asks when the one before it has left, as a queue of waiting items does.
		const at: number[] = [];
		for (let now = 1; at.length < 800;) {
			now = pacer.earliest(now);
			finish(pacer.take(now), now);
			at.push(now);
		}
		expect(at.filter((t) => t >= 1 && t < 1001).length).toBeLessThanOrEqual(40);
		expect(at.filter((t) => t >= 8000 && t < 9000).length).toBeGreaterThanOrEqual(70);
	});

	it('counts a request from when it finished: its arrival may have been that late', () => {
		const pacer = new Pacer([{ limit: 2, windowMs: 1000 }]);
		const first = pacer.take(0);
		pacer.take(0);
		// Unfinished: the next may not leave yet (it looks again shortly).
		expect(pacer.earliest(100)).toBeGreaterThan(100);
		finish(first, 300);
		expect(pacer.earliest(400)).toBe(1305);
	});

	it('X-RateLimit-Remaining: 0 holds until the reset', () => {
		const pacer = new Pacer([{ limit: 60, windowMs: 60_000 }]);
		pacer.spentUntil(3_000_500);
		expect(departures(pacer, 1, 3_000_000)).toEqual([3_000_500]);
	});
});

describe('waiting', () => {
	it('takeSlot reserves in every pacer at the latest any allows', async () => {
		const key = new Pacer([{ limit: 100, windowMs: 1000 }]);
		const outbound = new Pacer([{ limit: 1, windowMs: 200 }]);
		const started = Date.now();
		(await takeSlot([key, outbound]))();
		(await takeSlot([key, outbound]))();
		expect(Date.now() - started).toBeGreaterThanOrEqual(200);
	});

	it('a stopped execution ends a wait within a step', async () => {
		const controller = new AbortController();
		const started = Date.now();
		setTimeout(() => controller.abort(), 50);
		await pause(60_000, controller.signal);
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('a rate typed into a credential: a whole number of at least 1, else the documented one', () => {
		expect([configuredRate(25.7, 10), configuredRate(0, 10), configuredRate('x', 10)]).toEqual([
			25, 10, 10,
		]);
	});
});
