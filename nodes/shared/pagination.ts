import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import type { PlatformProfile } from './platformProfile';
import { type RetryPolicy, sendWithRetries } from './requestExecutor';

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

/**
 * The one list helper: reads the operation's Return All / Limit, asks for the largest page
 * allowed (or just what Limit still needs), and stops as soon as it has enough.
 */
export function paginate(profile: PlatformProfile, paging: PagingStyle, policy?: RetryPolicy) {
	const limitParam = paging.limitParam ?? 'limit';
	const itemsPath = paging.itemsPath ?? 'data';
	return async function paginateList(
		this: IExecutePaginationFunctions,
		request: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const returnAll = this.getNodeParameter('returnAll', false) as boolean;
		const limit = returnAll ? Infinity : Number(this.getNodeParameter('limit', 50));
		const collected: IDataObject[] = [];
		let cursor: string | undefined;
		let page = 1;
		while (collected.length < limit) {
			const pageSize = Math.min(paging.maxPageSize, limit - collected.length);
			const qs: IDataObject = { ...(request.options.qs ?? {}), [limitParam]: pageSize };
			if (paging.style === 'page') qs[paging.pageParam ?? 'page'] = page;
			else if (cursor !== undefined) qs[paging.cursorParam ?? 'cursor'] = cursor;

			const [response] = await sendWithRetries(
				this,
				profile,
				{ ...request, options: { ...request.options, qs } },
				policy,
			);
			const body = (response?.json ?? {}) as IDataObject;
			const records = recordsOf(body, itemsPath);
			collected.push(...records.slice(0, limit - collected.length));

			if (records.length === 0) break;
			if (paging.style === 'page') {
				if (at(body, paging.hasNextPath ?? 'pagination.hasNext') !== true) break;
				page++;
			} else {
				const next = at(body, paging.nextCursorPath ?? 'pagination.next_cursor');
				const hasMore = at(body, paging.hasMorePath ?? 'pagination.has_more');
				if (hasMore === false || typeof next !== 'string' || next === '' || next === cursor) break;
				cursor = next;
			}
		}
		return collected.map((json) => ({ json }));
	};
}
