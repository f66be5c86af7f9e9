import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { apiRequest, type PlatformApi } from '../request/apiRequest';
import { CURSOR_PAGES, type PagingStyle, walkList } from '../request/paging';

export interface ListSince {
	url: string;
	/** Query parameters every page carries. */
	qs?: IDataObject;
	/** The list's own "created since" filter (Aitelier's `since`), sent as an ISO time. */
	sinceParam?: string;
	/** When a record was created (ms); records without one are read but never stop the walk. */
	createdAtOf: (record: IDataObject) => number | undefined;
	paging?: PagingStyle;
}

/** A page answer that ends the walk: no records, no further page. */
const END: IDataObject = { data: [], pagination: { has_more: false } };

/**
 * Every record of a newest-first list created at or after `floor`, through the shared walker
 * (the credential, retries, pacing, paging in either style, loop guards). The walk stops on the
 * page that reaches older records, and before any page after the first that would start after
 * `deadline` (then `complete` is false and the caller reads the same window again next time).
 */
export async function readSince(
	context: IPollFunctions,
	api: PlatformApi,
	list: ListSince,
	floor: number,
	deadline: number,
): Promise<{ records: IDataObject[]; complete: boolean }> {
	let reachedFloor = false;
	let outOfTime = false;
	let pages = 0;
	const qs: IDataObject = {
		...(list.qs ?? {}),
		// Whole seconds, as the API text's examples give them; rounding down only reads a little more.
		...(list.sinceParam
			? {
					[list.sinceParam]: new Date(Math.floor(floor / 1000) * 1000)
						.toISOString()
						.replace('.000Z', 'Z'),
				}
			: {}),
	};
	const records = await walkList(
		list.paging ?? CURSOR_PAGES,
		async (page) => {
			if (reachedFloor || outOfTime) return END;
			// The first page is always read, so every poll gets somewhere.
			if (pages++ > 0 && Date.now() > deadline) {
				outOfTime = true;
				return END;
			}
			const body = await apiRequest(context, api, {
				method: 'GET',
				url: list.url,
				qs: { ...qs, ...page },
			});
			const rows = Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
			const older = rows.some((row) => (list.createdAtOf(row) ?? Infinity) < floor);
			if (!older) return body;
			reachedFloor = true;
			// This page's records are kept; its paging is dropped, so the walk ends here.
			return { ...body, pagination: { has_more: false } };
		},
		Infinity,
		{ node: context.getNode(), platform: api.profile.name, list: list.url },
	);
	return { records, complete: !outOfTime };
}

/** The newest records of a list, one page: what a manual test event is picked from. */
export async function newestRecords(
	context: IPollFunctions,
	api: PlatformApi,
	list: ListSince,
	count: number,
): Promise<IDataObject[]> {
	const body = await apiRequest(context, api, {
		method: 'GET',
		url: list.url,
		qs: { ...(list.qs ?? {}), limit: count },
	});
	return Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
}
