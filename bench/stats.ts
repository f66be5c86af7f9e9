/** Middle value (mean of the two middle ones for an even count); NaN for no values. */
export function median(values: number[]): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs `measure` `times` times, one after the other (never in parallel: they would compete for CPU). */
export async function repeat<T>(times: number, measure: (run: number) => Promise<T>): Promise<T[]> {
	const results: T[] = [];
	for (let run = 0; run < times; run++) results.push(await measure(run));
	return results;
}

export const ratio = (value: number, baseline: number) =>
	baseline > 0 && Number.isFinite(value) ? value / baseline : NaN;

const trim = (value: number, digits: number) =>
	Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
export const ms = (value: number) =>
	Number.isFinite(value) ? `${value >= 100 ? Math.round(value) : trim(value, 1)} ms` : 'n/a';
export const times = (value: number) => `${trim(value, 2)}×`;
export const mb = (bytes: number) => `${trim(bytes / 1024 / 1024, 1)} MB`;
export const kb = (bytes: number) => `${trim(bytes / 1024, 1)} kB`;
export const us = (value: number) => `${trim(value, value >= 10 ? 1 : 2)} µs`;
export const perSecond = (value: number) => `${trim(value, 1)}/s`;
