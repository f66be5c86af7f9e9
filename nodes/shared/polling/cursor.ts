/**
 * The polling triggers' memory, kept in the node's static data per list ("stream"): where the
 * last poll started, and every record seen recently with the status it had. A poll reads the
 * records created since the last poll (less an overlap, for records that appear late), compares
 * each with what it remembers and reports the new ones and the changed ones. Pure logic: the
 * reading is in readSince.ts, the order of things in stream.ts.
 */

/** Records created up to this long before the last poll are read again: late arrivals, clock skew. */
export const OVERLAP_MS = 5 * 60_000;
/** A record still open (a call in progress) keeps the window open back to it, up to this far. */
export const MAX_LOOKBACK_MS = 6 * 60 * 60_000;
/** An open record older than the window is read on its own until this long after it could start. */
export const FOLLOW_MS = 48 * 60 * 60_000;
/** Open records older than the window read on their own per poll, the least recently read first. */
export const MAX_SINGLE_READS = 10;
/** A safety net, far above what the window holds: the oldest finished records go first. */
export const MAX_REMEMBERED = 20_000;

/** One record as remembered. */
export interface Seen {
	/** Its status when last seen. */
	s: string;
	/** Created at (ms). */
	t: number;
	/** Open records only (the status may still change): follow it until then (ms). */
	f?: number;
	/** Open records only: it cannot change before then (a call scheduled for later), ms. */
	a?: number;
	/** When it was last read on its own (ms). */
	c?: number;
}

export interface StreamState {
	v: 1;
	/** When the last complete poll started (ms): the next one reads from here less the overlap. */
	since: number;
	/** The Start From this state began at, if any: never read before it; a new one restarts. */
	startFrom?: string;
	seen: Record<string, Seen>;
}

/** One record as a poll reads it, reduced to what the memory needs. */
export interface Observed {
	id: string;
	status: string;
	createdAt: number;
	/** The status cannot change any more. */
	final: boolean;
	/** It cannot change before then (ms), e.g. a call scheduled for later. */
	activeFrom?: number;
}

const isCount = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value);

/** The stored state if it is one this code wrote; anything else starts afresh. */
export function readState(stored: unknown): StreamState | undefined {
	if (typeof stored !== 'object' || stored === null) return undefined;
	const state = stored as Partial<StreamState>;
	if (state.v !== 1 || !isCount(state.since)) return undefined;
	if (typeof state.seen !== 'object' || state.seen === null) return undefined;
	return state as StreamState;
}

/** Where a poll starts reading (ms): the last start less the overlap, or the oldest open record. */
export function floorOf(state: StreamState, now: number): number {
	let floor = state.since - OVERLAP_MS;
	const lookback = now - MAX_LOOKBACK_MS;
	for (const seen of Object.values(state.seen)) {
		if (seen.f !== undefined && seen.t < floor && seen.t >= lookback) floor = seen.t;
	}
	const start = state.startFrom ? Date.parse(state.startFrom) : NaN;
	return Number.isNaN(start) ? floor : Math.max(floor, start);
}

/**
 * Open records the list will not reach (created before the floor) that may have changed: read
 * one by one, the least recently read first, at most MAX_SINGLE_READS a poll.
 */
export function singleReadsDue(state: StreamState, floor: number, now: number): string[] {
	return Object.entries(state.seen)
		.filter(([, seen]) => seen.f !== undefined && seen.t < floor && (seen.a ?? 0) <= now)
		.sort(([, x], [, y]) => (x.c ?? 0) - (y.c ?? 0) || x.t - y.t)
		.slice(0, MAX_SINGLE_READS)
		.map(([id]) => id);
}

const remembered = (record: Observed, now: number): Seen => {
	if (record.final) return { s: record.status, t: record.createdAt };
	const from = Math.max(record.createdAt, record.activeFrom ?? 0);
	return {
		s: record.status,
		t: record.createdAt,
		f: from + FOLLOW_MS,
		...(record.activeFrom !== undefined && record.activeFrom > now ? { a: record.activeFrom } : {}),
	};
};

export interface Step {
	/** New records and records whose status changed, oldest first. */
	changes: Observed[];
	/** The state to keep once the changes are handed on. */
	next: StreamState;
}

/**
 * Compares what a poll read with the memory. `baseline`: the first poll of a trigger that starts
 * "now" — everything read is remembered and nothing reported. `complete` false: the poll ran out
 * of time before reaching the floor, so the next one reads from the same place again.
 */
export function advance(
	state: StreamState,
	read: Observed[],
	singles: { id: string; record?: Observed }[],
	options: { now: number; floor: number; complete: boolean; baseline?: boolean },
): Step {
	const { now, floor } = options;
	const seen: Record<string, Seen> = { ...state.seen };
	const changes: Observed[] = [];
	const take = (record: Observed) => {
		const before = seen[record.id];
		if (!options.baseline && before?.s !== record.status) changes.push(record);
		seen[record.id] = { ...remembered(record, now), ...(before?.c ? { c: before.c } : {}) };
	};
	for (const record of read) if (record.createdAt >= floor) take(record);
	for (const single of singles) {
		// Gone from the platform: nothing more will happen to it.
		if (!single.record) delete seen[single.id];
		else {
			take(single.record);
			if (seen[single.id].f !== undefined) seen[single.id].c = now;
		}
	}
	const since = options.complete ? now : state.since;
	const next: StreamState = { ...state, since, seen };
	prune(next, now);
	changes.sort((x, y) => x.createdAt - y.createdAt || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
	return { changes, next };
}

/**
 * Forgets what no later poll can read again: finished records older than the next poll's floor
 * (computed as it will be, so a record the list still returns is never mistaken for new) and
 * open records past their follow time. Bounded by MAX_REMEMBERED whatever happens.
 */
function prune(state: StreamState, now: number): void {
	for (const [id, seen] of Object.entries(state.seen)) {
		if (seen.f !== undefined && seen.f < now) delete state.seen[id];
	}
	const floor = floorOf(state, now);
	for (const [id, seen] of Object.entries(state.seen)) {
		if (seen.f === undefined && seen.t < floor) delete state.seen[id];
	}
	const ids = Object.keys(state.seen);
	if (ids.length <= MAX_REMEMBERED) return;
	// Finished before open, oldest first.
	ids.sort((x, y) => {
		const [a, b] = [state.seen[x], state.seen[y]];
		return Number(a.f !== undefined) - Number(b.f !== undefined) || a.t - b.t;
	});
	for (const id of ids.slice(0, ids.length - MAX_REMEMBERED)) delete state.seen[id];
}
