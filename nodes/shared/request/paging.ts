import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import type { PlatformProfile } from '../platformProfile';
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

export type PagingStyle = CursorPaging | PagePaging;

function at(body: IDataObject, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => {
		return typeof value === 'object' && value !== null ? (value as IDataObject)[key] : undefined;
	}, body);
}

function recordsOf(body: IDataObject, path: string): IDataObject[] {
	const records = at(body, path);
	return Array.isArray(records) ? (records as IDataObject[]) : [];
}

/** Pages asked for at once once a page-style list has told its total. */
const PAGE_CONCURRENCY = 4;

export type Fetch = (qs: IDataObject) => Promise<IDataObject>;

/** Butter's non-agent lists and all of Aitelier's: `?cursor=…`, 100 records at most per page. */
export const CURSOR_PAGES: CursorPaging = { style: 'cursor', maxPageSize: 100 };

/** The cursor of the next page, unless the list says it has ended (or repeats the cursor). */
function nextCursorOf(
	paging: CursorPaging,
	body: IDataObject,
	current: string | undefined,
): string | undefined {
	const next = at(body, paging.nextCursorPath ?? 'pagination.next_cursor');
	const hasMore = at(body, paging.hasMorePath ?? 'pagination.has_more');
	if (hasMore === false || typeof next !== 'string' || next === '' || next === current)
		return undefined;
	return next;
}

async function cursorList(
	paging: CursorPaging,
	fetchPage: Fetch,
	limit: number,
	limitParam: string,
	itemsPath: string,
) {
	const collected: IDataObject[] = [];
	let cursor: string | undefined;
	while (collected.length < limit) {
		const qs: IDataObject = {
			[limitParam]: Math.min(paging.maxPageSize, limit - collected.length),
		};
		if (cursor !== undefined) qs[paging.cursorParam ?? 'cursor'] = cursor;
		const body = await fetchPage(qs);
		const records = recordsOf(body, itemsPath);
		collected.push(...records.slice(0, limit - collected.length));
		const next = nextCursorOf(paging, body, cursor);
		if (records.length === 0 || next === undefined) break;
		cursor = next;
	}
	return collected;
}

/**
 * Page numbers only mean the same records while the page size stays the same, so every page is
 * asked for at one size and the surplus cut off. Once the first page tells the total, the pages
 * still needed are asked for a few at a time; after them `hasNext` is followed in case the list
 * grew meanwhile.
 */
async function pageList(
	paging: PagePaging,
	fetchPage: Fetch,
	limit: number,
	limitParam: string,
	itemsPath: string,
) {
	const size = Math.min(paging.maxPageSize, limit);
	const pageParam = paging.pageParam ?? 'page';
	const hasNextPath = paging.hasNextPath ?? 'pagination.hasNext';
	const collected: IDataObject[] = [];
	const get = async (page: number) => await fetchPage({ [limitParam]: size, [pageParam]: page });

	let body = await get(1);
	collected.push(...recordsOf(body, itemsPath));
	let page = 1;
	const total = at(body, paging.totalPath ?? 'pagination.total');
	if (at(body, hasNextPath) === true && typeof total === 'number' && Number.isFinite(total)) {
		const lastPage = Math.ceil(Math.min(total, limit) / size);
		for (let from = 2; from <= lastPage; from += PAGE_CONCURRENCY) {
			const numbers = Array.from(
				{ length: Math.min(PAGE_CONCURRENCY, lastPage - from + 1) },
				(_, i) => from + i,
			);
			const bodies = await Promise.all(numbers.map(get));
			for (const pageBody of bodies) collected.push(...recordsOf(pageBody, itemsPath));
			body = bodies[bodies.length - 1];
			page = numbers[numbers.length - 1];
			if (bodies.some((pageBody) => recordsOf(pageBody, itemsPath).length === 0))
				return collected.slice(0, limit);
		}
	}
	while (
		collected.length < limit &&
		at(body, hasNextPath) === true &&
		recordsOf(body, itemsPath).length > 0
	) {
		body = await get(++page);
		collected.push(...recordsOf(body, itemsPath));
	}
	return collected.slice(0, limit);
}

/** The records of a list, walked in its paging style until `limit` (Infinity: all) or its end. */
export async function walkList(
	paging: PagingStyle,
	fetchPage: Fetch,
	limit = Infinity,
): Promise<IDataObject[]> {
	const limitParam = paging.limitParam ?? 'limit';
	const itemsPath = paging.itemsPath ?? 'data';
	return paging.style === 'page'
		? await pageList(paging, fetchPage, limit, limitParam, itemsPath)
		: await cursorList(paging, fetchPage, limit, limitParam, itemsPath);
}

/** One page for an editor dropdown: its records and the token n8n hands back for the next one. */
export async function onePage(
	paging: PagingStyle,
	fetchPage: Fetch,
	token: string | undefined,
): Promise<{ records: IDataObject[]; next?: string }> {
	const itemsPath = paging.itemsPath ?? 'data';
	const qs: IDataObject = { [paging.limitParam ?? 'limit']: paging.maxPageSize };
	if (paging.style === 'page') {
		const page = token ? Number(token) : 1;
		const body = await fetchPage({ ...qs, [paging.pageParam ?? 'page']: page });
		const hasNext = at(body, paging.hasNextPath ?? 'pagination.hasNext') === true;
		return { records: recordsOf(body, itemsPath), next: hasNext ? String(page + 1) : undefined };
	}
	if (token) qs[paging.cursorParam ?? 'cursor'] = token;
	const body = await fetchPage(qs);
	return { records: recordsOf(body, itemsPath), next: nextCursorOf(paging, body, token) };
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
		return (await walkList(paging, fetchPage, limit)).map((json) => ({ json }));
	};
}
