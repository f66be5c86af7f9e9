import type { Reply } from '../http';
import { canonicalJson, stableHex } from '../ids';
import { invalid } from './common';

/**
 * Cursor pagination for every Aitelier list. The cursor names the last item shown by its sort
 * key (not an offset), so items created or deleted between pages neither repeat nor vanish. It is
 * opaque and checksummed, and bound to its list and filters: anything else answers 400 `cursor`.
 */

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

export interface ListOptions<T> {
	/** Names the list, so a cursor from another list is refused. */
	list: string;
	/** The filters in force; a cursor only continues the same filtering. */
	filters?: Record<string, unknown>;
	/** A string that sorts items in list order (compared as strings). */
	key?: (item: T) => string;
	order?: 'asc' | 'desc';
	view?: (item: T) => unknown;
}

/** Newest first, ties broken by id: the default order of every list. */
export const byCreated = (item: unknown) => {
	const { created_at, id } = item as { created_at: string; id: string };
	return `${created_at}|${id}`;
};

const checksum = (payload: string) => stableHex(`aitelier-cursor:${payload}`, 16);

function encodeCursor(list: string, filters: string, key: string): string {
	const payload = JSON.stringify([list, filters, key]);
	return `${Buffer.from(payload).toString('base64url')}.${checksum(payload)}`;
}

function decodeCursor(cursor: string): [string, string, string] | undefined {
	const [encoded, sum, ...rest] = cursor.split('.');
	if (!encoded || !sum || rest.length) return undefined;
	const payload = Buffer.from(encoded, 'base64url').toString('utf8');
	if (checksum(payload) !== sum) return undefined;
	try {
		const parsed: unknown = JSON.parse(payload);
		const valid =
			Array.isArray(parsed) &&
			parsed.length === 3 &&
			parsed.every((part) => typeof part === 'string');
		return valid ? (parsed as [string, string, string]) : undefined;
	} catch {
		return undefined;
	}
}

export function parseLimit(raw: string | null): number {
	if (raw === null || raw === '') return DEFAULT_LIMIT;
	const limit = /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
		throw invalid('limit', `limit must be an integer between 1 and ${MAX_LIMIT}`);
	}
	return limit;
}

/** One page of `items` (already filtered) in Aitelier's list envelope. */
export function cursorPage<T>(items: T[], query: URLSearchParams, options: ListOptions<T>): Reply {
	const limit = parseLimit(query.get('limit'));
	const key = options.key ?? byCreated;
	const direction = options.order === 'asc' ? 1 : -1;
	const filterKey = stableHex(canonicalJson(options.filters ?? {}), 16);
	const keyed = items.map((item) => ({ item, key: key(item) }));
	keyed.sort((a, b) => (a.key === b.key ? 0 : a.key < b.key ? -direction : direction));

	let start = 0;
	const cursor = query.get('cursor');
	if (cursor !== null && cursor !== '') {
		const position = decodeCursor(cursor);
		if (!position)
			throw invalid('cursor', 'cursor is not valid; use next_cursor from the previous page');
		const [list, filters, last] = position;
		if (list !== options.list || filters !== filterKey) {
			throw invalid(
				'cursor',
				'cursor belongs to another list or other filters; start again without a cursor',
			);
		}
		const after = keyed.findIndex((entry) =>
			direction === 1 ? entry.key > last : entry.key < last,
		);
		start = after < 0 ? keyed.length : after;
	}
	const page = keyed.slice(start, start + limit);
	const hasMore = start + limit < keyed.length;
	const last = page[page.length - 1];
	const view = options.view ?? ((item: T) => item);
	return {
		status: 200,
		body: {
			data: page.map((entry) => view(entry.item)),
			pagination: {
				next_cursor: hasMore && last ? encodeCursor(options.list, filterKey, last.key) : null,
				has_more: hasMore,
				total_count: keyed.length,
			},
		},
	};
}
