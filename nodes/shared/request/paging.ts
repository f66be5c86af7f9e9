import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { PlatformProfile } from '../platformProfile';
import { scrubbedNode } from '../scrub';
import { sendWithRetries } from './executor';
import type { RetryPolicy } from './retry';

interface CommonPaging {
	/** The largest page the API allows; Return All always asks for it. */
	maxPageSize: number;
	limitParam?: string;
	/** Where the records sit in a page body (dot path). */
	itemsPath?: string;
}

/** `?cursor=…` → `pagination.next_cursor` / `pagination.has_more` (Butter lists, Aitelier). */
export interface CursorPaging extends CommonPaging {
	style: 'cursor';
	cursorParam?: string;
	nextCursorPath?: string;
	hasMorePath?: string;
}

/** `?page=n&limit=m` → `pagination.hasNext` (Butter agents). */
export interface PagePaging extends CommonPaging {
	style: 'page';
	pageParam?: string;
	hasNextPath?: string;
	/** Where the record count sits; when given, the remaining pages are asked for a few at a time. */
	totalPath?: string;
}

/**
 * The style an operation is declared with decides only how its first page is asked for: every
 * page after it follows the style the answer itself shows (the texts disagree on which is used).
 */
export type PagingStyle = CursorPaging | PagePaging;

/** Which list a walk reads, for its errors: "Butter AI: the list /v1/agents repeated a cursor…". */
export interface ListPlace {
	node: INode;
	platform: string;
	list: string;
	itemIndex?: number;
}

/** No list the nodes read has anywhere near this many pages; reaching it means it never ends. */
export const MAX_PAGES = 10_000;

/** Pages asked for at once once a page-style list has told its total. */
const PAGE_CONCURRENCY = 4;

export type Fetch = (qs: IDataObject) => Promise<IDataObject>;

/** Butter's non-agent lists and all of Aitelier's: `?cursor=…`, 100 records at most per page. */
export const CURSOR_PAGES: CursorPaging = { style: 'cursor', maxPageSize: 100 };

function at(body: IDataObject, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => {
		return typeof value === 'object' && value !== null ? (value as IDataObject)[key] : undefined;
	}, body);
}

/** Where both styles' fields are read, whichever style the operation was declared with. */
function pathsOf(paging: PagingStyle) {
	const cursor = paging.style === 'cursor' ? paging : undefined;
	const page = paging.style === 'page' ? paging : undefined;
	return {
		limit: paging.limitParam ?? 'limit',
		items: paging.itemsPath ?? 'data',
		cursorParam: cursor?.cursorParam ?? 'cursor',
		nextCursor: cursor?.nextCursorPath ?? 'pagination.next_cursor',
		hasMore: cursor?.hasMorePath ?? 'pagination.has_more',
		pageParam: page?.pageParam ?? 'page',
		hasNext: page?.hasNextPath ?? 'pagination.hasNext',
		total: page?.totalPath ?? 'pagination.total',
		pageNumber: 'pagination.page',
	};
}
type Paths = ReturnType<typeof pathsOf>;

/** The style a page answer shows: cursor fields, page fields, or (neither) the declared one. */
function styleOf(body: IDataObject, paths: Paths, declared: PagingStyle['style']) {
	if (at(body, paths.nextCursor) !== undefined || at(body, paths.hasMore) !== undefined)
		return 'cursor';
	if (at(body, paths.hasNext) !== undefined || at(body, paths.pageNumber) !== undefined)
		return 'page';
	return declared;
}

/** A list that does not end as it should: stopped, with what was read so far. */
function listError(place: ListPlace, problem: string, read: number): NodeApiError {
	const message = `${place.platform}: the list ${place.list} ${problem}; stopped after ${read} records`;
	return new NodeApiError(
		scrubbedNode(place.node),
		{ message },
		{
			message,
			description:
				'The list did not end as its paging promised, so it was not read further rather than read forever. Try again; if it repeats, tell the platform’s support.',
			itemIndex: place.itemIndex,
		},
	);
}

function recordsOf(body: IDataObject, paths: Paths): IDataObject[] {
	const records = at(body, paths.items);
	return Array.isArray(records) ? (records as IDataObject[]) : [];
}

/**
 * The cursor of the next page, or undefined when the list has ended. A cursor already given (the
 * same one again, or one from earlier: a cycle) or "more" without a cursor is an error.
 */
function nextCursorOf(
	body: IDataObject,
	paths: Paths,
	seen: ReadonlySet<string>,
	place: ListPlace,
	read: number,
): string | undefined {
	const next = at(body, paths.nextCursor);
	const hasMore = at(body, paths.hasMore);
	if (hasMore === false) return undefined;
	if (typeof next !== 'string' || next === '') {
		if (hasMore === true) throw listError(place, 'said it has more but gave no next cursor', read);
		return undefined;
	}
	if (seen.has(next)) throw listError(place, 'repeated a cursor', read);
	return next;
}

/** The cursor walk, from a first page already read. */
async function followCursors(
	first: IDataObject,
	firstCursor: string | undefined,
	fetchPage: Fetch,
	limit: number,
	paths: Paths,
	maxPageSize: number,
	place: ListPlace,
): Promise<IDataObject[]> {
	const seen = new Set<string>(firstCursor === undefined ? [] : [firstCursor]);
	const collected = recordsOf(first, paths).slice(0, limit);
	let body = first;
	for (let pages = 1; collected.length < limit; pages++) {
		if (recordsOf(body, paths).length === 0) break;
		const cursor = nextCursorOf(body, paths, seen, place, collected.length);
		if (cursor === undefined) break;
		if (pages >= MAX_PAGES) throw listError(place, `ran past ${MAX_PAGES} pages`, collected.length);
		seen.add(cursor);
		body = await fetchPage({
			[paths.limit]: Math.min(maxPageSize, limit - collected.length),
			[paths.cursorParam]: cursor,
		});
		collected.push(...recordsOf(body, paths).slice(0, limit - collected.length));
	}
	return collected;
}

/** A page answer that is not the page asked for (the page parameter ignored) would loop. */
function checkPageNumber(
	body: IDataObject,
	asked: number,
	paths: Paths,
	place: ListPlace,
	read: number,
) {
	const answered = at(body, paths.pageNumber);
	if (answered !== undefined && Number(answered) !== asked)
		throw listError(place, `answered page ${String(answered)} when asked for page ${asked}`, read);
}

/** The same records again under another page number: a loop, even without page numbers. */
const signatureOf = (records: IDataObject[]) =>
	records.length && records.every((record) => record.id !== undefined)
		? records.map((record) => String(record.id)).join('\n')
		: undefined;

/**
 * The page walk, from page 1 already read. Page numbers only mean the same records while the page
 * size stays the same, so every page is asked for at one size and the surplus cut off. Once the
 * first page tells the total, the pages still needed are asked for a few at a time; after them
 * `hasNext` is followed in case the list grew meanwhile.
 */
async function followPages(
	first: IDataObject,
	fetchPage: Fetch,
	limit: number,
	size: number,
	paths: Paths,
	place: ListPlace,
): Promise<IDataObject[]> {
	const collected = [...recordsOf(first, paths)];
	const get = async (page: number) => {
		const body = await fetchPage({ [paths.limit]: size, [paths.pageParam]: page });
		checkPageNumber(body, page, paths, place, collected.length);
		return body;
	};
	const hasNext = (body: IDataObject, page: number) => {
		const said = at(body, paths.hasNext);
		if (typeof said === 'boolean') return said;
		const total = at(body, paths.total);
		return typeof total === 'number' && page * size < total;
	};
	let body = first;
	let page = 1;
	const total = at(body, paths.total);
	if (hasNext(body, 1) && typeof total === 'number' && Number.isFinite(total)) {
		const lastPage = Math.min(Math.ceil(Math.min(total, limit) / size), MAX_PAGES);
		for (let from = 2; from <= lastPage; from += PAGE_CONCURRENCY) {
			const numbers = Array.from(
				{ length: Math.min(PAGE_CONCURRENCY, lastPage - from + 1) },
				(_, i) => from + i,
			);
			const bodies = await Promise.all(numbers.map(get));
			for (const pageBody of bodies) collected.push(...recordsOf(pageBody, paths));
			body = bodies[bodies.length - 1];
			page = numbers[numbers.length - 1];
			if (bodies.some((pageBody) => recordsOf(pageBody, paths).length === 0))
				return collected.slice(0, limit);
		}
	}
	let previous = signatureOf(recordsOf(body, paths));
	while (collected.length < limit && hasNext(body, page) && recordsOf(body, paths).length > 0) {
		if (page >= MAX_PAGES) throw listError(place, `ran past ${MAX_PAGES} pages`, collected.length);
		body = await get(++page);
		const records = recordsOf(body, paths);
		const signature = signatureOf(records);
		if (signature !== undefined && signature === previous)
			throw listError(
				place,
				`answered page ${page} with the records of page ${page - 1}`,
				collected.length,
			);
		previous = signature;
		collected.push(...records);
	}
	return collected.slice(0, limit);
}

/**
 * The records of a list until `limit` (Infinity: all) or its end. The first page is asked for in
 * the declared style; the rest in whichever style that answer shows. Never loops: a repeated
 * cursor, a cursor cycle, a repeated page or more than MAX_PAGES pages is an error naming the list.
 */
export async function walkList(
	paging: PagingStyle,
	fetchPage: Fetch,
	limit: number,
	place: ListPlace,
): Promise<IDataObject[]> {
	const paths = pathsOf(paging);
	const size = Math.min(paging.maxPageSize, limit);
	const first = await fetchPage({
		[paths.limit]: size,
		...(paging.style === 'page' ? { [paths.pageParam]: 1 } : {}),
	});
	return styleOf(first, paths, paging.style) === 'cursor'
		? await followCursors(first, undefined, fetchPage, limit, paths, paging.maxPageSize, place)
		: await followPages(first, fetchPage, limit, size, paths, place);
}

/** A picker's token says which style it continues in; a bare token is the declared style's. */
const CURSOR_TOKEN = 'cursor:';
const PAGE_TOKEN = 'page:';

function readToken(token: string | undefined, declared: PagingStyle['style']) {
	if (!token) return { style: declared, page: 1 };
	if (token.startsWith(CURSOR_TOKEN))
		return { style: 'cursor' as const, cursor: token.slice(CURSOR_TOKEN.length) };
	if (token.startsWith(PAGE_TOKEN))
		return { style: 'page' as const, page: Number(token.slice(PAGE_TOKEN.length)) };
	return declared === 'page'
		? { style: declared, page: Number(token) }
		: { style: declared, cursor: token };
}

/** One page for an editor dropdown: its records and the token n8n hands back for the next one. */
export async function onePage(
	paging: PagingStyle,
	fetchPage: Fetch,
	token: string | undefined,
	place: ListPlace,
): Promise<{ records: IDataObject[]; next?: string }> {
	const paths = pathsOf(paging);
	const asked = readToken(token, paging.style);
	const qs: IDataObject = { [paths.limit]: paging.maxPageSize };
	const page = asked.page ?? 1;
	if (asked.cursor !== undefined) qs[paths.cursorParam] = asked.cursor;
	else if (asked.style === 'page' || page > 1) qs[paths.pageParam] = page;
	if (!Number.isInteger(page) || page < 1 || page > MAX_PAGES)
		throw listError(place, `has no page ${String(page)}`, 0);
	const body = await fetchPage(qs);
	const records = recordsOf(body, paths);
	if (styleOf(body, paths, asked.style) === 'cursor') {
		const seen = new Set(asked.cursor === undefined ? [] : [asked.cursor]);
		const next = records.length ? nextCursorOf(body, paths, seen, place, 0) : undefined;
		if (next === undefined) return { records };
		return { records, next: paging.style === 'cursor' ? next : `${CURSOR_TOKEN}${next}` };
	}
	checkPageNumber(body, page, paths, place, 0);
	const more = at(body, paths.hasNext);
	const total = at(body, paths.total);
	const hasNext =
		typeof more === 'boolean'
			? more
			: typeof total === 'number' && page * paging.maxPageSize < total;
	if (!hasNext || records.length === 0) return { records };
	if (page + 1 > MAX_PAGES) throw listError(place, `ran past ${MAX_PAGES} pages`, 0);
	return { records, next: paging.style === 'page' ? String(page + 1) : `${PAGE_TOKEN}${page + 1}` };
}

/**
 * The one list helper of routing: reads the operation's Return All / Limit, asks for the largest
 * page allowed (or just what Limit still needs), and stops as soon as it has enough.
 */
export function paginate(profile: PlatformProfile, paging: PagingStyle, policy?: RetryPolicy) {
	return async function paginateList(
		this: IExecutePaginationFunctions,
		request: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const returnAll = this.getNodeParameter('returnAll', false) as boolean;
		const limit = returnAll ? Infinity : Number(this.getNodeParameter('limit', 50));
		const fetchPage: Fetch = async (qs) => {
			const [response] = await sendWithRetries(
				this,
				profile,
				{
					...request,
					options: { ...request.options, qs: { ...(request.options.qs ?? {}), ...qs } },
				},
				policy,
			);
			return (response?.json ?? {}) as IDataObject;
		};
		const place: ListPlace = {
			node: this.getNode(),
			platform: profile.name,
			list: String(request.options.url ?? ''),
			itemIndex: this.getItemIndex(),
		};
		return (await walkList(paging, fetchPage, limit, place)).map((json) => ({ json }));
	};
}
