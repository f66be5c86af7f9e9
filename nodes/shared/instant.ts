/**
 * A moment in time for an API that needs one (e.g. when to dial): with an offset it is sent as
 * given; without one it is read in the workflow's time zone and sent with an explicit offset, so
 * "18:00" never silently means 18:00 UTC.
 */
const WITH_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?$/;

/** Minutes a time zone is ahead of UTC at one instant (Intl knows every zone's rules). */
function offsetMinutes(timeZone: string, utcMs: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const wall = Date.UTC(
		part('year'),
		part('month') - 1,
		part('day'),
		part('hour'),
		part('minute'),
		part('second'),
	);
	return Math.round((wall - utcMs) / 60_000);
}

export type InstantResult =
	{ ok: true; iso: string; convertedFrom?: string } | { ok: false; problem: string };

/** Reads `text` as an instant; a local time is taken in `timeZone` (an IANA name). */
export function toInstant(text: string, timeZone: string): InstantResult {
	if (WITH_OFFSET.test(text)) {
		const ms = Date.parse(text);
		return Number.isNaN(ms)
			? { ok: false, problem: 'is not a valid time' }
			: { ok: true, iso: text };
	}
	const local = LOCAL_TIME.exec(text);
	if (!local) {
		return /^\d{4}-\d{2}-\d{2}$/.test(text)
			? { ok: false, problem: 'is a date without a time of day' }
			: { ok: false, problem: 'is not an ISO-8601 time' };
	}
	const [y, mo, d, h, mi, s] = local.slice(1, 7).map((part) => Number(part ?? 0));
	const wall = Date.UTC(y, mo - 1, d, h, mi, s);
	let utc: number;
	try {
		utc = wall - offsetMinutes(timeZone, wall) * 60_000;
		// Near a DST change the offset at the guess and at the answer differ: take the answer's.
		utc = wall - offsetMinutes(timeZone, utc) * 60_000;
	} catch {
		return { ok: false, problem: `cannot be read in the time zone "${timeZone}"` };
	}
	if (Number.isNaN(utc)) return { ok: false, problem: 'is not a valid time' };
	return {
		ok: true,
		iso: new Date(utc).toISOString().replace('.000Z', 'Z'),
		convertedFrom: timeZone,
	};
}
