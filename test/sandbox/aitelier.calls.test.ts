import { sandboxUnderTest, SANDBOX_KEYS } from './client';

/** GET /calls, GET /calls/:id, and the call simulator behind POST /calls. */
const sb = sandboxUnderTest();
const key = SANDBOX_KEYS.aitelier.full;
const v1 = '/aitelier/v1';
const get = (path: string, k: string = key) => sb.call('GET', `${v1}${path}`, { key: k });
const place = (phone: string, extra: Record<string, unknown> = {}) =>
	sb.call('POST', `${v1}/calls`, {
		key,
		body: { scenario: 'scn_outbound_demo0001', phone, metadata: { lead: phone }, ...extra },
		headers: { 'idempotency-key': `k-${phone}-${JSON.stringify(extra)}` },
	});

async function waitFor<T>(
	read: () => Promise<T>,
	done: (value: T) => boolean,
	ms = 5000,
): Promise<T> {
	const until = Date.now() + ms;
	for (;;) {
		const value = await read();
		if (done(value) || Date.now() > until) return value;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

beforeEach(async () => {
	await sb.control('PUT', '/aitelier/simulation', { stepDelayMs: 5 });
});

describe('Aitelier GET /v1/calls', () => {
	it('lists the ~30 seeded calls newest first, in the cursor envelope', async () => {
		const answer = await get('/calls?limit=100');
		expect(answer.status).toBe(200);
		expect(answer.body.pagination).toEqual({ next_cursor: null, has_more: false, total_count: 30 });
		const [first] = answer.body.data;
		expect(first).toEqual({
			id: expect.stringMatching(/^call_[0-9a-f]{12}$/),
			session_id: expect.stringMatching(/^sess_[0-9a-f]{12}$/),
			batch_id: null,
			status: expect.stringMatching(/^(completed|failed|connected)$/),
			scenario: expect.stringMatching(/^scn_/),
			phone: expect.stringMatching(/^\+1555/),
			metadata: expect.any(Object),
			scheduled_for: null,
			error: null,
			created_at: expect.any(String),
		});
		const times = answer.body.data.map((c: { created_at: string }) => c.created_at);
		expect([...times].sort().reverse()).toEqual(times);
	});

	it('filters by status and since', async () => {
		const failed = await get('/calls?status=failed');
		expect(failed.body.data.length).toBeGreaterThan(0);
		expect(
			failed.body.data.every(
				(c: { status: string; error: string }) => c.status === 'failed' && c.error === 'no_answer',
			),
		).toBe(true);
		const recent = await get('/calls?since=2026-05-12');
		expect(recent.body.data.length).toBeGreaterThan(0);
		expect(
			recent.body.data.every((c: { created_at: string }) => c.created_at >= '2026-05-12'),
		).toBe(true);
		const precise = await get('/calls?since=2026-05-12T12:00:00%2B02:00&limit=100');
		expect(
			precise.body.data.every(
				(c: { created_at: string }) =>
					Date.parse(c.created_at) >= Date.parse('2026-05-12T10:00:00Z'),
			),
		).toBe(true);
		expect(precise.body.pagination.total_count).toBeLessThan(recent.body.pagination.total_count);
	});

	it.each([
		['status=ringing', 'status'],
		['since=yesterday', 'since'],
		['since=2026-02-30', 'since'],
		['limit=0', 'limit'],
		['limit=101', 'limit'],
		['limit=ten', 'limit'],
		['cursor=garbage', 'cursor'],
	])('refuses %s with 400 invalid_argument naming %s', async (query, field) => {
		const answer = await get(`/calls?${query}`);
		expect(answer.status).toBe(400);
		expect(answer.body.error).toMatchObject({
			code: 'invalid_argument',
			field,
			request_id: expect.stringMatching(/^req_/),
		});
	});

	it('GET /calls/:id carries the full session; unknown ids are 404 not_found', async () => {
		const [call] = (await get('/calls?limit=1')).body.data;
		const one = await get(`/calls/${call.id}`);
		expect(one.body).toMatchObject({
			...call,
			session: { id: call.session_id, call_id: call.id, phone: call.phone },
		});
		const missing = await get('/calls/call_000000000000');
		expect([missing.status, missing.body.error.code, missing.body.error.field]).toEqual([
			404,
			'not_found',
			'id',
		]);
	});

	it('needs sessions:read, which the read-only key has', async () => {
		expect((await get('/calls', SANDBOX_KEYS.aitelier.readOnly)).status).toBe(200);
		expect((await sb.call('GET', `${v1}/calls`)).status).toBe(401);
	});
});

describe('Aitelier call simulator', () => {
	it('a placed call goes queued → dialing → connected → completed, its session ending with an outcome', async () => {
		const placed = await place('+15551230001');
		expect(placed.status).toBe(201);
		expect(placed.body).toMatchObject({ status: 'queued', batch_id: null, error: null });
		const seen = new Set<string>();
		const done = await waitFor(
			() => get(`/calls/${placed.body.id}`),
			(a) => (seen.add(a.body.status), a.body.status === 'completed'),
		);
		expect(seen.has('queued') || seen.has('dialing') || seen.has('connected')).toBe(true);
		expect(done.body.session).toEqual({
			id: placed.body.session_id,
			call_id: placed.body.id,
			batch_id: null,
			scenario: 'scn_outbound_demo0001',
			phone: '+15551230001',
			status: 'ended',
			started_at: expect.any(String),
			ended_at: expect.any(String),
			duration_seconds: expect.any(Number),
			goal_achieved: true,
			outcome: 'success',
			slot_values: expect.objectContaining({ interest: 'high' }),
			metadata: { lead: '+15551230001' },
			costs: { amount: 1.2, currency: 'EUR' },
			created_at: placed.body.created_at,
		});
		expect(done.body.session.duration_seconds).toBeGreaterThan(0);
	});

	it('follows the outcome set per number: failed, no-answer, or another conversation outcome', async () => {
		const set = await sb.control('PUT', '/aitelier/outcomes', {
			'+15551230002': 'failed',
			'+15551230003': 'no-answer',
			'+15551230004': 'spam_silent',
		});
		expect(set.status).toBe(200);
		const ids: string[] = [];
		for (const phone of ['+15551230002', '+15551230003', '+15551230004'])
			ids.push((await place(phone)).body.id);
		const ended = await waitFor(
			() => Promise.all(ids.map((id) => get(`/calls/${id}`))),
			(answers) => answers.every((a) => ['completed', 'failed'].includes(a.body.status)),
		);
		expect(
			ended.map((a) => [
				a.body.status,
				a.body.error,
				a.body.session.status,
				a.body.session.goal_achieved,
				a.body.session.outcome,
			]),
		).toEqual([
			['failed', 'call_failed', 'ended', false, null],
			['failed', 'no_answer', 'ended', false, null],
			['completed', null, 'ended', false, 'spam_silent'],
		]);
	});

	it('a call scheduled for later stays queued', async () => {
		const placed = await place('+15551230005', { scheduled_for: '2099-01-01T09:00:00Z' });
		await new Promise((resolve) => setTimeout(resolve, 60));
		expect((await get(`/calls/${placed.body.id}`)).body.status).toBe('queued');
	});

	it('control routes validate their bodies', async () => {
		expect((await sb.control('PUT', '/aitelier/outcomes', { '555': 'failed' })).status).toBe(400);
		expect(
			(await sb.control('PUT', '/aitelier/outcomes', { '+15551230002': 'exploded' })).status,
		).toBe(400);
		expect((await sb.control('PUT', '/aitelier/simulation', { stepDelayMs: -1 })).status).toBe(400);
		const set = await sb.control('PUT', '/aitelier/simulation', { batchRowIntervalMs: 2 });
		expect(set.body).toEqual({
			stepDelayMs: 5,
			batchRowIntervalMs: 2,
			webhookPut: 'merge',
			fileUrls: 'api',
		});
		expect((await sb.control('PUT', '/aitelier/simulation', { webhookPut: 'patch' })).status).toBe(
			400,
		);
		const replace = await sb.control('PUT', '/aitelier/simulation', { webhookPut: 'replace' });
		expect(replace.body).toMatchObject({ webhookPut: 'replace' });
	});
});
