import { parseCsv } from '../../sandbox/aitelier/csv';
import { type Answer, sandboxUnderTest, SANDBOX_KEYS } from './client';

/** POST /batches (multipart CSV), batch processing, GET /batches/:id and its rows. */
const sb = sandboxUnderTest();
const key = SANDBOX_KEYS.aitelier.full;
const v1 = '/aitelier/v1';
const SCENARIO = 'scn_outbound_demo0001';
const get = (path: string, k: string = key) => sb.call('GET', `${v1}${path}`, { key: k });

async function upload(
	csv: string | undefined,
	fields: Record<string, string> = { scenario: SCENARIO },
	options: { idempotencyKey?: string | null; key?: string; filename?: string } = {},
): Promise<Answer> {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	if (csv !== undefined)
		form.append('file', new Blob([csv], { type: 'text/csv' }), options.filename ?? 'leads.csv');
	const idempotencyKey =
		options.idempotencyKey === undefined ? `batch-${Math.random()}` : options.idempotencyKey;
	const response = await fetch(`${sb.url}${v1}/batches`, {
		method: 'POST',
		headers: {
			authorization: `Bearer ${options.key ?? key}`,
			...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
		},
		body: form,
	});
	return { status: response.status, headers: response.headers, body: await response.json() };
}

const stored = async (id: string) => (await sb.control('GET', `/aitelier/batches/${id}`)).body;

async function completed(id: string, ms = 10_000) {
	const until = Date.now() + ms;
	let batch = await stored(id);
	while (batch.status !== 'completed' && Date.now() < until) {
		await new Promise((resolve) => setTimeout(resolve, 15));
		batch = await stored(id);
	}
	return batch;
}

const dials = async () =>
	(await sb.control('GET', '/ledger?platform=aitelier&action=call.dialed')).body.entries as Array<{
		resourceId: string;
		details: Record<string, unknown>;
	}>;

const phones = (n: number, from = 0) =>
	Array.from({ length: n }, (_, i) => `+1555200${String(from + i).padStart(4, '0')}`);

beforeEach(async () => {
	await sb.control('PUT', '/aitelier/simulation', { stepDelayMs: 1, batchRowIntervalMs: 1 });
});

describe('RFC 4180 CSV parser', () => {
	it('reads quoted fields with commas, doubled quotes and line breaks; CRLF or LF; BOM', () => {
		expect(parseCsv('\uFEFFa,b,c\r\n"x, y","say ""hi""","two\nlines"\n1,,3')).toEqual({
			records: [
				['a', 'b', 'c'],
				['x, y', 'say "hi"', 'two\nlines'],
				['1', '', '3'],
			],
		});
		expect(parseCsv('a,"",\n')).toEqual({ records: [['a', '', '']] });
	});

	it('reports unterminated quotes and text after a closing quote', () => {
		expect(parseCsv('a\n"open')).toEqual({
			error: 'CSV has an unterminated quoted field in record 2',
		});
		expect(parseCsv('"x"y,1')).toEqual({ error: 'CSV has text after a closing quote in record 1' });
	});
});

describe('Aitelier POST /v1/batches', () => {
	it('answers 201 with the batch, dials every row, and completes with full progress', async () => {
		const csv = `phone,lead_id\n${phones(3)
			.map((p, i) => `${p},L-${i}`)
			.join('\n')}\n`;
		const created = await upload(csv, { scenario: SCENARIO, name: 'Spring' });
		expect(created.status).toBe(201);
		expect(created.body).toEqual({
			id: expect.stringMatching(/^batch_[0-9a-f]{12}$/),
			name: 'Spring',
			status: 'processing',
			scenario: SCENARIO,
			scheduled_for: null,
			total_rows: 3,
			progress: { queued: 3, dialing: 0, completed: 0, failed: 0, percent: 0 },
			summary: {
				goal_achieved: 0,
				connected: 0,
				avg_duration_seconds: 0,
				cost: { amount: 0, currency: 'EUR' },
			},
			created_at: expect.any(String),
			started_at: null,
			completed_at: null,
		});
		await completed(created.body.id);
		const batch = await get(`/batches/${created.body.id}`);
		expect(batch.body).toMatchObject({
			status: 'completed',
			progress: { queued: 0, dialing: 0, completed: 3, failed: 0, percent: 100 },
			summary: {
				goal_achieved: 3,
				connected: 3,
				avg_duration_seconds: expect.any(Number),
				cost: { amount: 3.6, currency: 'EUR' },
			},
			started_at: expect.any(String),
			completed_at: expect.any(String),
		});
		const rows = await get(`/batches/${created.body.id}/rows`);
		expect(rows.body.pagination).toEqual({ next_cursor: null, has_more: false, total_count: 3 });
		expect(rows.body.data[0]).toEqual({
			row: 1,
			phone: phones(1)[0],
			scenario: SCENARIO,
			metadata: { lead_id: 'L-0' },
			status: 'completed',
			call_id: expect.stringMatching(/^call_/),
			session_id: expect.stringMatching(/^sess_/),
			goal_achieved: true,
			error: null,
		});
		const call = await get(`/calls/${rows.body.data[0].call_id}`);
		expect(call.body).toMatchObject({
			batch_id: created.body.id,
			status: 'completed',
			session: { batch_id: created.body.id },
		});
		const ledger = await dials();
		expect(ledger.map((e) => e.details)).toEqual(
			phones(3).map((phone, i) => ({
				phone,
				scenario: SCENARIO,
				metadata: { lead_id: `L-${i}` },
				batchId: created.body.id,
				row: i + 1,
			})),
		);
		expect(
			(await sb.control('GET', '/ledger?platform=aitelier&action=batch.created')).body.entries,
		).toHaveLength(1);
	});

	it('parses quoted CSV: commas, doubled quotes, line breaks, a scenario column and metadata.* columns', async () => {
		const csv = [
			'phone,scenario,first_name,note,metadata.phone',
			'+15552000001,scn_followup0002,"Grace, ""G""","line one\r\nline two",+4930123',
			'+15552000002,,Ada,,',
		].join('\r\n');
		const created = await upload(csv);
		expect(created.body.total_rows).toBe(2);
		await completed(created.body.id);
		const rows = (await get(`/batches/${created.body.id}/rows`)).body.data;
		expect(
			rows.map((r: { phone: string; scenario: string; metadata: object }) => [
				r.phone,
				r.scenario,
				r.metadata,
			]),
		).toEqual([
			[
				'+15552000001',
				'scn_followup0002',
				{ first_name: 'Grace, "G"', note: 'line one\r\nline two', phone: '+4930123' },
			],
			['+15552000002', SCENARIO, { first_name: 'Ada' }],
		]);
	});

	it('keeps rows with a bad phone or scenario as failed rows with an error, and dials the rest', async () => {
		const csv = 'phone,scenario\n+15552000001,\n0171-555,\n+15552000003,scn_nope\n+15552000004,\n';
		const created = await upload(csv);
		expect(created.status).toBe(201);
		expect(created.body.progress).toEqual({
			queued: 2,
			dialing: 0,
			completed: 0,
			failed: 2,
			percent: 50,
		});
		const batch = await completed(created.body.id);
		expect(
			batch.rows.map((r: { status: string; error: string | null }) => [r.status, r.error]),
		).toEqual([
			['completed', null],
			['failed', 'invalid_phone'],
			['failed', 'unknown_scenario'],
			['completed', null],
		]);
		expect((await dials()).map((e) => e.details.row)).toEqual([1, 4]);
		const noDefault = await upload('phone\n+15552000001\n', {});
		expect((await completed(noDefault.body.id)).rows[0]).toMatchObject({
			status: 'failed',
			error: 'missing_scenario',
			call_id: null,
		});
	});

	it('marks no-answer rows failed and counts them in the summary', async () => {
		await sb.control('PUT', '/aitelier/outcomes', {
			'+15552000002': 'no-answer',
			'+15552000003': 'real_conversation',
		});
		const created = await upload(`phone\n${phones(3, 1).join('\n')}`);
		await completed(created.body.id);
		const batch = (await get(`/batches/${created.body.id}`)).body;
		expect(batch.progress).toEqual({
			queued: 0,
			dialing: 0,
			completed: 2,
			failed: 1,
			percent: 100,
		});
		expect(batch.summary).toMatchObject({
			goal_achieved: 1,
			connected: 2,
			cost: { amount: 1.8, currency: 'EUR' },
		});
		const rows = (await get(`/batches/${created.body.id}/rows`)).body.data;
		expect(
			rows.map((r: { error: string | null; goal_achieved: boolean | null }) => [
				r.error,
				r.goal_achieved,
			]),
		).toEqual([
			[null, true],
			['no_answer', false],
			[null, false],
		]);
	});

	it('a 500-row batch dials every row exactly once, reaches 100 %, and its rows page by cursor', async () => {
		const numbers = phones(500);
		const csv = `phone,lead_id\r\n${numbers.map((p, i) => `${p},L-${i}`).join('\r\n')}\r\n`;
		const created = await upload(csv);
		expect(created.body.total_rows).toBe(500);
		const batch = await completed(created.body.id, 20_000);
		expect(batch.status).toBe('completed');
		expect(batch.progress).toEqual({
			queued: 0,
			dialing: 0,
			completed: 500,
			failed: 0,
			percent: 100,
		});
		const ledger = (await dials()).filter((e) => e.details.batchId === created.body.id);
		expect(ledger).toHaveLength(500);
		expect(new Set(ledger.map((e) => e.details.phone)).size).toBe(500);
		expect(ledger.map((e) => e.details.row)).toEqual(numbers.map((_, i) => i + 1));
		expect((await sb.control('GET', '/ledger?platform=aitelier')).body.duplicates).toEqual([]);

		const rows: Array<{ row: number }> = [];
		let cursor: string | null = null;
		do {
			const page: Answer = await get(
				`/batches/${created.body.id}/rows?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
			);
			expect(page.body.pagination.total_count).toBe(500);
			rows.push(...page.body.data);
			cursor = page.body.pagination.next_cursor;
		} while (cursor);
		expect(rows.map((r) => r.row)).toEqual(numbers.map((_, i) => i + 1));
	}, 30_000);

	it('does not count batch rows against the 5 outbound calls per minute', async () => {
		const created = await upload(`phone\n${phones(12).join('\n')}`);
		const batch = await completed(created.body.id);
		expect(batch.progress.completed).toBe(12);
		const call = await sb.call('POST', `${v1}/calls`, {
			key,
			body: { scenario: SCENARIO, phone: '+15552009999' },
			headers: { 'idempotency-key': 'after-batch' },
		});
		expect(call.status).toBe(201);
	});

	it('replays the same Idempotency-Key without a second batch; a different body is 409', async () => {
		const csv = `phone\n${phones(2).join('\n')}\n`;
		const first = await upload(csv, { scenario: SCENARIO }, { idempotencyKey: 'batch-k1' });
		const again = await upload(csv, { scenario: SCENARIO }, { idempotencyKey: 'batch-k1' });
		expect(again.status).toBe(201);
		expect(again.body).toEqual(first.body);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		await completed(first.body.id);
		expect(
			(await sb.control('GET', '/ledger?platform=aitelier&action=batch.created')).body.entries,
		).toHaveLength(1);
		expect(await dials()).toHaveLength(2);
		const conflict = await upload(
			`phone\n${phones(3).join('\n')}\n`,
			{ scenario: SCENARIO },
			{ idempotencyKey: 'batch-k1' },
		);
		expect(conflict.status).toBe(409);
		expect(conflict.body.error).toMatchObject({
			code: 'idempotency_conflict',
			field: 'Idempotency-Key',
		});
	});

	it('a batch scheduled for later waits with every row queued', async () => {
		const created = await upload(`phone\n${phones(2).join('\n')}`, {
			scenario: SCENARIO,
			scheduled_for: '2099-01-01T09:00:00Z',
		});
		expect(created.body).toMatchObject({
			status: 'processing',
			scheduled_for: '2099-01-01T09:00:00.000Z',
		});
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect((await stored(created.body.id)).progress.queued).toBe(2);
		expect(await dials()).toEqual([]);
	});

	it.each([
		[
			'no file',
			undefined,
			{},
			400,
			'file',
			'file is required: upload the CSV as multipart/form-data field "file"',
		],
		[
			'no phone column',
			'name,number\nA,+15552000001\n',
			{},
			400,
			'file',
			'CSV needs a phone column',
		],
		['an empty file', '', {}, 400, 'file', 'CSV needs a header row'],
		['a header only', 'phone\n', {}, 400, 'file', 'CSV has no rows under its header'],
		[
			'an unterminated quote',
			'phone\n"+15552000001\n',
			{},
			400,
			'file',
			'CSV has an unterminated quoted field in record 2',
		],
		[
			'more than 10,000 rows',
			`phone\n${'+15552000001\n'.repeat(10_001)}`,
			{},
			400,
			'file',
			'CSV has 10001 rows; a batch holds at most 10000',
		],
		[
			'an unknown scenario',
			'phone\n+15552000001\n',
			{ scenario: 'scn_nope' },
			422,
			'scenario',
			'scenario does not exist',
		],
		[
			'a bad scheduled_for',
			'phone\n+15552000001\n',
			{ scheduled_for: 'tomorrow' },
			400,
			'scheduled_for',
			'scheduled_for must be an ISO-8601 date-time',
		],
	])('refuses %s', async (_, csv, fields, status, field, message) => {
		const answer = await upload(csv, fields);
		expect(answer.status).toBe(status);
		expect(answer.body.error).toMatchObject({
			code: status === 400 ? 'invalid_argument' : 'failed_precondition',
			field,
			message,
		});
		expect(await dials()).toEqual([]);
	});

	it('needs an Idempotency-Key and outbound:trigger; reading needs sessions:read', async () => {
		const keyless = await upload(
			'phone\n+15552000001\n',
			{ scenario: SCENARIO },
			{ idempotencyKey: null },
		);
		expect([keyless.status, keyless.body.error.field]).toEqual([400, 'Idempotency-Key']);
		const denied = await upload(
			'phone\n+15552000001\n',
			{ scenario: SCENARIO },
			{ key: SANDBOX_KEYS.aitelier.readOnly },
		);
		expect([denied.status, denied.body.error.message]).toEqual([
			403,
			'This API key lacks the required scope: outbound:trigger',
		]);
		const created = await upload('phone\n+15552000001\n');
		expect((await get(`/batches/${created.body.id}`, SANDBOX_KEYS.aitelier.readOnly)).status).toBe(
			200,
		);
		expect(
			(await get(`/batches/${created.body.id}/rows`, SANDBOX_KEYS.aitelier.readOnly)).status,
		).toBe(200);
		const missing = await get('/batches/batch_000000000000/rows');
		expect([missing.status, missing.body.error.code]).toEqual([404, 'not_found']);
	});
});
