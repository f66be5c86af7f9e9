import type { DeclarativeRestApiSettings, IDataObject } from 'n8n-workflow';

import { MAX_PAGES, onePage, paginate } from '../../nodes/shared/request/paging';
import { defaultRetryPolicy } from '../../nodes/shared/request/executor';
import { scriptedContext, testNode } from './fakeContext';

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

it('follows the cursor it was given, and stops with an error when the same cursor comes back', async () => {
	const { context, requests } = scriptedContext(
		() => [{ json: { data: [{ id: 1 }], pagination: { next_cursor: 'same', has_more: true } } }],
		{ returnAll: true },
	);
	// Issue 15: a repeated cursor used to end the list silently (2 items, as if complete).
	await expect(
		paginate(profile, { style: 'cursor', maxPageSize: 50 }).call(context, listRequest),
	).rejects.toThrow('Test Platform: the list /things repeated a cursor; stopped after 2 records');
	expect(requests.map((r) => (r.qs as IDataObject).cursor)).toEqual([undefined, 'same']);
});

/** Issue 15 (point 6): every walk ends — on its own, or with an error naming the list. */
describe('lists that always end', () => {
	const walk = (
		answer: (qs: IDataObject, call: number) => IDataObject,
		style: 'cursor' | 'page',
	) => {
		const { context, requests } = scriptedContext(
			(options, call) => [{ json: answer(options.qs as IDataObject, call) }],
			{ returnAll: true },
		);
		return {
			requests,
			result: paginate(profile, { style, maxPageSize: 100 }).call(context, listRequest),
		};
	};

	it('a cursor cycle (A → B → A) is an error, not a loop', async () => {
		const cursors = ['A', 'B', 'A'];
		const { requests, result } = walk(
			(_qs, call) => ({
				data: [{ id: call }],
				pagination: { next_cursor: cursors[call], has_more: true },
			}),
			'cursor',
		);
		await expect(result).rejects.toThrow(
			'Test Platform: the list /things repeated a cursor; stopped after 3 records',
		);
		expect(requests.map((r) => (r.qs as IDataObject).cursor)).toEqual([undefined, 'A', 'B']);
	});

	it('"has more" without a next cursor is an error, not a silent end', async () => {
		const { result } = walk(
			() => ({ data: [{ id: 1 }], pagination: { next_cursor: null, has_more: true } }),
			'cursor',
		);
		await expect(result).rejects.toThrow(
			'Test Platform: the list /things said it has more but gave no next cursor; stopped after 1 records',
		);
	});

	it(`a cursor list that never ends stops at ${MAX_PAGES} pages with an error`, async () => {
		const { requests, result } = walk(
			(_qs, call) => ({
				data: [{ id: call }],
				pagination: { next_cursor: `c${call}`, has_more: true },
			}),
			'cursor',
		);
		await expect(result).rejects.toThrow(
			`Test Platform: the list /things ran past ${MAX_PAGES} pages; stopped after ${MAX_PAGES} records`,
		);
		expect(requests).toHaveLength(MAX_PAGES);
	});

	it(`a page list that never ends stops at ${MAX_PAGES} pages with an error`, async () => {
		const { requests, result } = walk(
			(qs) => ({
				data: [{ id: qs.page }],
				pagination: { page: qs.page, hasNext: true },
			}),
			'page',
		);
		await expect(result).rejects.toThrow(`the list /things ran past ${MAX_PAGES} pages`);
		expect(requests).toHaveLength(MAX_PAGES);
	});

	it('a page list that ignores the page asked for is an error after one repeat', async () => {
		const { requests, result } = walk(
			() => ({ data: [{ id: 1 }, { id: 2 }], pagination: { page: 1, total: 500, hasNext: true } }),
			'page',
		);
		await expect(result).rejects.toThrow('the list /things answered page 1 when asked for page 2');
		expect(requests.length).toBeLessThanOrEqual(5);
	});

	it('the same records under the next page number (no page in the answer) are an error', async () => {
		const { requests, result } = walk(
			() => ({ data: [{ id: 1 }, { id: 2 }], pagination: { hasNext: true } }),
			'page',
		);
		await expect(result).rejects.toThrow(
			'Test Platform: the list /things answered page 2 with the records of page 1; stopped after 2 records',
		);
		expect(requests).toHaveLength(2);
	});
});

/** Issue 15 (point 6): the declared style asks for page 1; the answer decides the rest. */
describe('either paging style, read from the answer', () => {
	it('a list declared page-style that answers cursor-style is followed by cursor', async () => {
		const api = (() => {
			const cursorPages = cursorApi(250, 100);
			return (options: IDataObject) => cursorPages(options);
		})();
		const { context, requests } = scriptedContext(api, { returnAll: true });
		const items = await paginate(profile, { style: 'page', maxPageSize: 100 }).call(
			context,
			listRequest,
		);
		expect(items.map((i) => i.json.id)).toEqual(Array.from({ length: 250 }, (_, i) => i));
		expect(requests.map((r) => (r.qs as IDataObject).page)).toEqual([1, undefined, undefined]);
		expect(requests.slice(1).every((r) => typeof (r.qs as IDataObject).cursor === 'string')).toBe(
			true,
		);
	});

	it('a list declared cursor-style that answers page-style is followed by page number', async () => {
		const { context, requests } = scriptedContext(
			(options) => pageApi(250, 100)({ qs: { page: 1, ...(options.qs as IDataObject) } }),
			{ returnAll: true },
		);
		const items = await paginate(profile, { style: 'cursor', maxPageSize: 100 }).call(
			context,
			listRequest,
		);
		expect(items.map((i) => i.json.id)).toEqual(Array.from({ length: 250 }, (_, i) => i));
		expect(requests.map((r) => (r.qs as IDataObject).page)).toEqual([undefined, 2, 3]);
	});
});

describe('onePage (pickers)', () => {
	const place = { node: testNode, platform: 'Test Platform', list: '/things' };

	it('a picker page whose next cursor is the one it was asked with is an error', async () => {
		await expect(
			onePage(
				{ style: 'cursor', maxPageSize: 100 },
				async () => ({ data: [{ id: 1 }], pagination: { next_cursor: 'same', has_more: true } }),
				'same',
				place,
			),
		).rejects.toThrow('Test Platform: the list /things repeated a cursor');
	});

	it('a page-declared picker answered cursor-style hands back a cursor token, and reads it back', async () => {
		const asked: IDataObject[] = [];
		const fetchPage = async (qs: IDataObject) => {
			asked.push(qs);
			return qs.cursor
				? { data: [{ id: 2 }], pagination: { next_cursor: null, has_more: false } }
				: { data: [{ id: 1 }], pagination: { next_cursor: 'abc', has_more: true } };
		};
		const paging = { style: 'page', maxPageSize: 100 } as const;
		const first = await onePage(paging, fetchPage, undefined, place);
		expect(first.next).toBe('cursor:abc');
		const second = await onePage(paging, fetchPage, first.next, place);
		expect(second).toEqual({ records: [{ id: 2 }] });
		expect(asked).toEqual([
			{ limit: 100, page: 1 },
			{ limit: 100, cursor: 'abc' },
		]);
	});
});
