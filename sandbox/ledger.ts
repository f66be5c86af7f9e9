import { canonicalJson } from './ids';

export interface LedgerEntry {
	seq: number;
	at: string;
	/** A platform id, e.g. `butter`. */
	platform: string;
	action: string;
	resourceId: string;
	details: Record<string, unknown>;
}

/** Every side effect the sandbox performed, for tests and benchmarks to count. */
export class Ledger {
	private entries: LedgerEntry[] = [];

	record(entry: Omit<LedgerEntry, 'seq' | 'at'>, now: number): LedgerEntry {
		const stored = { ...entry, seq: this.entries.length + 1, at: new Date(now).toISOString() };
		this.entries.push(stored);
		return stored;
	}

	query(filter: { platform?: string; action?: string }) {
		const entries = this.entries.filter(
			(e) =>
				(!filter.platform || e.platform === filter.platform) &&
				(!filter.action || e.action === filter.action),
		);
		const groups = new Map<string, LedgerEntry[]>();
		for (const entry of entries.filter((e) => e.action === 'call.dialed')) {
			const key = `${entry.platform}|${String(entry.details.phone)}|${canonicalJson(entry.details.metadata ?? {})}`;
			groups.set(key, [...(groups.get(key) ?? []), entry]);
		}
		const duplicates = [...groups.values()]
			.filter((group) => group.length > 1)
			.map((group) => ({
				platform: group[0].platform,
				phone: group[0].details.phone,
				count: group.length,
				resourceIds: group.map((e) => e.resourceId),
			}));
		return { entries, duplicates };
	}

	clear(): void {
		this.entries = [];
	}
}

export interface LoggedRequest {
	seq: number;
	at: string;
	platform: string;
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	body: unknown;
	status: number;
	fault?: string;
}

const REDACTED = new Set(['authorization', 'x-api-key']);

export function redactHeaders(
	headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		out[name] = REDACTED.has(name.toLowerCase())
			? '***'
			: Array.isArray(value)
				? value.join(', ')
				: value;
	}
	return out;
}
