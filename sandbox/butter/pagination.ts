import { canonicalJson, stableHex } from '../ids';
import type { Reply } from '../http';
import type { SandboxState } from '../state';
import { invalid } from './common';

/**
 * Cursor pagination shared by every Butter list except agents (page-style, as the agents seed
 * shows). Newest first; the cursor names the last item shown (its created_at and id) rather than
 * an offset, so items created or deleted between pages neither repeat nor vanish. The cursor is
 * opaque, checksummed and bound to its list and filters: anything else is refused.
 */

interface Listed {
	id: string;
	created_at: string;
}

interface CursorPosition {
	list: string;
	filters: string;
	createdAt: string;
	id: string;
}

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

const checksum = (payload: string) => stableHex(`butter-cursor:${payload}`, 16);

function encodeCursor(position: CursorPosition): string {
	const payload = JSON.stringify([
		position.list,
		position.filters,
		position.createdAt,
		position.id,
	]);
	return `${Buffer.from(payload).toString('base64url')}.${checksum(payload)}`;
}

function decodeCursor(cursor: string): CursorPosition | undefined {
	const [encoded, sum, ...rest] = cursor.split('.');
	if (!encoded || !sum || rest.length) return undefined;
	const payload = Buffer.from(encoded, 'base64url').toString('utf8');
	if (checksum(payload) !== sum) return undefined;
	try {
		const parsed: unknown = JSON.parse(payload);
		if (
			!Array.isArray(parsed) ||
			parsed.length !== 4 ||
			!parsed.every((part) => typeof part === 'string')
		)
			return undefined;
		const [list, filters, createdAt, id] = parsed as string[];
		return { list, filters, createdAt, id };
	} catch {
		return undefined;
	}
}

/** Newest first; ties (same millisecond) broken by id so the order is total. */
const newerFirst = (a: Listed, b: Listed) =>
	a.created_at === b.created_at
		? a.id < b.id
			? 1
			: a.id > b.id
				? -1
				: 0
		: a.created_at < b.created_at
			? 1
			: -1;

const isAfter = (item: Listed, position: CursorPosition) =>
	item.created_at < position.createdAt ||
	(item.created_at === position.createdAt && item.id < position.id);

export function parseLimit(raw: string | null): number {
	if (raw === null) return DEFAULT_LIMIT;
	const limit = /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
		throw invalid('limit', `limit must be an integer between 1 and ${MAX_LIMIT}`);
	}
	return limit;
}

/**
 * One page of `items` (already filtered) in the list envelope. `list` and `filters` bind the
 * cursor, so a cursor from another list or other filters is refused rather than misread.
 */
export function cursorPage<T extends Listed>(
	items: T[],
	query: URLSearchParams,
	list: string,
	filters: Record<string, unknown>,
	view: (item: T) => unknown = (item) => item,
): Reply {
	const limit = parseLimit(query.get('limit'));
	const filterKey = stableHex(canonicalJson(filters), 16);
	const sorted = [...items].sort(newerFirst);
	let start = 0;
	const cursor = query.get('cursor');
	if (cursor !== null && cursor !== '') {
		const position = decodeCursor(cursor);
		if (!position)
			throw invalid('cursor', 'cursor is not valid; use next_cursor from the previous page');
		if (position.list !== list || position.filters !== filterKey) {
			throw invalid(
				'cursor',
				'cursor belongs to another list or other filters; start again without a cursor',
			);
		}
		start = sorted.findIndex((item) => isAfter(item, position));
		if (start < 0) start = sorted.length;
	}
	const page = sorted.slice(start, start + limit);
	const hasMore = start + limit < sorted.length;
	const last = page[page.length - 1];
	return {
		status: 200,
		body: {
			success: true,
			data: page.map(view),
			pagination: {
				next_cursor:
					hasMore && last
						? encodeCursor({ list, filters: filterKey, createdAt: last.created_at, id: last.id })
						: null,
				has_more: hasMore,
				page_size: limit,
				total_count: sorted.length,
			},
		},
	};
}

/**
 * How Butter's lists page. The texts disagree (agents: page-style; the overview: cursor-style)
 * and VENDOR-NOTES says "support both", so the sandbox serves either behind a control switch:
 * `documented` (the default) is agents page-style and the rest cursor-style, as the texts show;
 * `cursor` and `page` serve every list in that one style.
 */
export const LIST_STYLES = ['documented', 'cursor', 'page'] as const;
export type ListStyle = (typeof LIST_STYLES)[number];

/** The style one list answers in under the current switch. */
export function styleOf(state: SandboxState, list: string): 'cursor' | 'page' {
	const style = state.butter.listStyle;
	if (style === 'documented') return list === 'agents' ? 'page' : 'cursor';
	return style;
}

/** `?page=n&limit=m` → `pagination {page, total, hasNext}`, as the agents text shows it. */
export function numberedPage<T extends Listed>(
	items: T[],
	query: URLSearchParams,
	view: (item: T) => unknown = (item) => item,
): Reply {
	const limit = parseLimit(query.get('limit'));
	const rawPage = query.get('page') ?? '1';
	const page = /^\d+$/.test(rawPage.trim()) ? Number(rawPage) : NaN;
	if (!Number.isInteger(page) || page < 1)
		throw invalid('page', 'page must be an integer of 1 or more');
	const sorted = [...items].sort(newerFirst);
	const start = (page - 1) * limit;
	return {
		status: 200,
		body: {
			success: true,
			data: sorted.slice(start, start + limit).map(view),
			pagination: { page, total: sorted.length, hasNext: start + limit < sorted.length },
		},
	};
}

/** One page of a Butter list in the style the switch gives it (agents have their own page route). */
export function butterList<T extends Listed>(
	state: SandboxState,
	items: T[],
	query: URLSearchParams,
	list: string,
	filters: Record<string, unknown>,
	view: (item: T) => unknown = (item) => item,
): Reply {
	return styleOf(state, list) === 'page'
		? numberedPage(items, query, view)
		: cursorPage(items, query, list, filters, view);
}
