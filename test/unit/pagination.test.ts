import type { DeclarativeRestApiSettings, IDataObject } from 'n8n-workflow';

import { paginate } from '../../nodes/shared/request/paging';
import { defaultRetryPolicy } from '../../nodes/shared/request/executor';
import { scriptedContext } from './fakeContext';

const profile = { name: 'Test Platform' };
const listRequest = {
	options: { method: 'GET', url: '/things', qs: { mode: 'public' } },
	preSend: [],
	postReceive: [],
} as unknown as DeclarativeRestApiSettings.ResultOptions;

/** A fake API of `total` records served page style. */
function pageApi(total: number, maxPageSize: number) {
	return (options: IDataObject) => {
		const qs = options.qs as IDataObject;
		const limit = Number(qs.limit);
		if (limit > maxPageSize) return new Error(`limit ${limit} above ${maxPageSize}`);
		const page = Number(qs.page);
		const start = (page - 1) * limit;
		const data = Array.from({ length: Math.max(0, Math.min(limit, total - start)) }, (_, i) => ({
			id: start + i,
		}));
		return [
			{
				json: { success: true, data, pagination: { page, total, hasNext: start + limit < total } },
			},
		];
	};
}

/** A fake API of `total` records served cursor style. */
function cursorApi(total: number, maxPageSize: number) {
	return (options: IDataObject) => {
		const qs = options.qs as IDataObject;
		const limit = Number(qs.limit);
		if (limit > maxPageSize) return new Error(`limit ${limit} above ${maxPageSize}`);
		const start = qs.cursor ? Number(Buffer.from(String(qs.cursor), 'base64').toString()) : 0;
		const end = Math.min(total, start + limit);
		const data = Array.from({ length: end - start }, (_, i) => ({ id: start + i }));
		const hasMore = end < total;
		const next = hasMore ? Buffer.from(String(end)).toString('base64') : null;
		return [
			{ json: { data, pagination: { next_cursor: next, has_more: hasMore, page_size: limit } } },
		];
	};
}

const run = (style: 'page' | 'cursor', total: number, parameters: IDataObject) => {
	const api = style === 'page' ? pageApi(total, 100) : cursorApi(total, 100);
	const { context, requests } = scriptedContext(api, parameters);
	const helper = paginate(profile, { style, maxPageSize: 100 }, defaultRetryPolicy);
	return { requests, result: helper.call(context, listRequest) };
};

describe.each(['page', 'cursor'] as const)('paginate (%s style)', (style) => {
	it('returns all records with the largest page size allowed, ceil(N / max) requests', async () => {
		const { requests, result } = run(style, 250, { returnAll: true });
		const items = await result;
		expect(items.map((i) => i.json.id)).toEqual(Array.from({ length: 250 }, (_, i) => i));
		expect(requests).toHaveLength(3);
		expect(requests.every((r) => (r.qs as IDataObject).limit === 100)).toBe(true);
		expect(requests.every((r) => (r.qs as IDataObject).mode === 'public')).toBe(true);
	});

	it('stops as soon as Limit is reached, each record once', async () => {
		const { requests, result } = run(style, 250, { returnAll: false, limit: 130 });
		const items = await result;
		expect(items.map((i) => i.json.id)).toEqual(Array.from({ length: 130 }, (_, i) => i));
		// A cursor asks only for what is still missing; page numbers only hold at one page size.
		expect(requests.map((r) => (r.qs as IDataObject).limit)).toEqual(
			style === 'cursor' ? [100, 30] : [100, 100],
		);
	});

	it('makes a single small request for a small Limit', async () => {
		const { requests, result } = run(style, 250, { returnAll: false, limit: 5 });
		expect(await result).toHaveLength(5);
		expect(requests).toHaveLength(1);
		expect((requests[0].qs as IDataObject).limit).toBe(5);
	});

	it('handles an empty list with one request', async () => {
		const { requests, result } = run(style, 0, { returnAll: true });
		expect(await result).toEqual([]);
		expect(requests).toHaveLength(1);
	});

	it('handles exactly one full page', async () => {
		const { requests, result } = run(style, 100, { returnAll: true });
		expect(await result).toHaveLength(100);
		expect(requests.length).toBeLessThanOrEqual(2);
	});
});

describe('paginate (page style) once the total is known', () => {
	it('asks for the remaining pages a few at a time, each page once, records in page order', async () => {
		const { requests, result } = run('page', 1050, { returnAll: true });
		const items = await result;
		expect(items.map((i) => i.json.id)).toEqual(Array.from({ length: 1050 }, (_, i) => i));
		expect(
			requests.map((r) => (r.qs as IDataObject).page).sort((a, b) => Number(a) - Number(b)),
		).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
	});

	it('follows hasNext past the last page it expected when the list grew meanwhile', async () => {
		let total = 250;
		const api = pageApi(10_000, 100);
		const { context, requests } = scriptedContext(
			(options, call) => {
				const [answer] = api(options) as Array<{ json: IDataObject }>;
				const body = answer.json;
				const page = Number((options.qs as IDataObject).page);
				if (call > 0) total = 320; // three records… seventy arrive after the first page
				const start = (page - 1) * 100;
				const data = (body.data as IDataObject[]).filter((record) => Number(record.id) < total);
				return [
					{
						json: {
							...body,
							data,
							pagination: { page, total: call === 0 ? 250 : total, hasNext: start + 100 < total },
						},
					},
				];
			},
			{ returnAll: true },
		);
		const items = await paginate(profile, { style: 'page', maxPageSize: 100 }).call(
			context,
			listRequest,
		);
		expect(items).toHaveLength(320);
		expect(requests.map((r) => (r.qs as IDataObject).page)).toEqual([1, 2, 3, 4]);
	});
});

it('follows the cursor it was given, and never re-requests the same cursor', async () => {
	const { context, requests } = scriptedContext(
		() => [{ json: { data: [{ id: 1 }], pagination: { next_cursor: 'same', has_more: true } } }],
		{ returnAll: true },
	);
	const items = await paginate(profile, { style: 'cursor', maxPageSize: 50 }).call(
		context,
		listRequest,
	);
	expect(items).toHaveLength(2);
	expect(requests.map((r) => (r.qs as IDataObject).cursor)).toEqual([undefined, 'same']);
});
