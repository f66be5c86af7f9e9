import {
	advance,
	floorOf,
	FOLLOW_MS,
	MAX_LOOKBACK_MS,
	MAX_REMEMBERED,
	MAX_SINGLE_READS,
	type Observed,
	OVERLAP_MS,
	readState,
	singleReadsDue,
	type StreamState,
} from '../../nodes/shared/polling/cursor';

/** The polling triggers' memory on its own: what is reported, what is kept, and for how long. */
const NOW = Date.parse('2026-06-01T12:00:00Z');
const MIN = 60_000;
const state = (since: number, seen: StreamState['seen'] = {}): StreamState => ({
	v: 1,
	since,
	seen,
});
const rec = (id: string, status: string, minutesAgo: number, final = true): Observed => ({
	id,
	status,
	createdAt: NOW - minutesAgo * MIN,
	final,
});

describe('polling memory', () => {
	it('reports new records and status changes once, oldest first; a baseline reports nothing', () => {
		const base = advance(
			state(NOW - MIN),
			[rec('b', 'queued', 1, false), rec('a', 'done', 2)],
			[],
			{
				now: NOW,
				floor: NOW - 6 * MIN,
				complete: true,
				baseline: true,
			},
		);
		expect(base.changes).toEqual([]);
		expect(Object.keys(base.next.seen).sort()).toEqual(['a', 'b']);

		const later = NOW + MIN;
		const step = advance(
			base.next,
			[rec('c', 'done', 0), rec('b', 'done', 1), rec('a', 'done', 2)],
			[],
			{ now: later, floor: floorOf(base.next, later), complete: true },
		);
		expect(step.changes.map((change) => change.id)).toEqual(['b', 'c']);
		expect(step.next.since).toBe(later);
	});

	it('an open record keeps the window open back to it, up to the lookback; older ones are read alone', () => {
		const s = state(NOW - MIN, {
			open: { s: 'queued', t: NOW - 60 * MIN, f: NOW + FOLLOW_MS },
			ancient: { s: 'queued', t: NOW - MAX_LOOKBACK_MS - MIN, f: NOW + MIN },
			done: { s: 'done', t: NOW - 2 * MIN },
		});
		expect(floorOf(s, NOW)).toBe(NOW - 60 * MIN);
		expect(singleReadsDue(s, floorOf(s, NOW), NOW)).toEqual(['ancient']);
		// Not before it can change (a call scheduled for later).
		s.seen.ancient.a = NOW + MIN;
		expect(singleReadsDue(s, floorOf(s, NOW), NOW)).toEqual([]);
	});

	it('reads at most a few open records alone per poll, the least recently read first', () => {
		const seen: StreamState['seen'] = {};
		for (let i = 0; i < MAX_SINGLE_READS + 5; i++)
			seen[`o${i}`] = { s: 'queued', t: NOW - MAX_LOOKBACK_MS - i * MIN, f: NOW + MIN, c: i };
		const due = singleReadsDue(state(NOW - MIN, seen), NOW - 6 * MIN, NOW);
		expect(due).toHaveLength(MAX_SINGLE_READS);
		expect(due[0]).toBe('o0');
	});

	it('forgets finished records older than the next floor and open ones past their follow time', () => {
		const s = state(NOW - MIN, {
			oldDone: { s: 'done', t: NOW - 30 * MIN },
			recentDone: { s: 'done', t: NOW - 2 * MIN },
			expired: { s: 'queued', t: NOW - 3 * MIN, f: NOW - 1 },
		});
		const { next } = advance(s, [], [], { now: NOW, floor: NOW - 6 * MIN, complete: true });
		expect(Object.keys(next.seen)).toEqual(['recentDone']);
		// The next poll's floor is NOW - OVERLAP: recentDone is still inside it.
		expect(next.seen.recentDone.t).toBeGreaterThanOrEqual(NOW - OVERLAP_MS);
	});

	it('stays bounded whatever happens: finished records go first, oldest first', () => {
		const read = Array.from({ length: MAX_REMEMBERED + 10 }, (_, i) =>
			rec(`r${i}`, 'done', 4 - i / (MAX_REMEMBERED + 10)),
		);
		read.push(rec('open', 'queued', 4.5, false));
		const { next } = advance(state(NOW), read, [], {
			now: NOW,
			floor: NOW - 5 * MIN,
			complete: true,
			baseline: true,
		});
		expect(Object.keys(next.seen)).toHaveLength(MAX_REMEMBERED);
		expect(next.seen.open).toBeDefined();
		expect(next.seen.r0).toBeUndefined();
	});

	it('a poll out of time keeps its start, so the next reads the same window; Start From bounds the floor', () => {
		const s = state(NOW - 10 * MIN);
		const { next } = advance(s, [rec('a', 'done', 1)], [], {
			now: NOW,
			floor: floorOf(s, NOW),
			complete: false,
		});
		expect(next.since).toBe(NOW - 10 * MIN);
		expect(next.seen.a).toBeDefined();
		const started = { ...state(NOW), startFrom: new Date(NOW - MIN).toISOString() };
		expect(floorOf(started, NOW)).toBe(NOW - MIN);
	});

	it('starts afresh from stored data it did not write', () => {
		expect(readState(undefined)).toBeUndefined();
		expect(readState({ v: 2, since: 1, seen: {} })).toBeUndefined();
		expect(readState({ v: 1, since: 'x', seen: {} })).toBeUndefined();
		expect(readState({ v: 1, since: 1, seen: {} })).toEqual({ v: 1, since: 1, seen: {} });
	});
});
