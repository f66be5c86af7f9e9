import { sandboxUnderTest, SANDBOX_KEYS } from './client';

const sb = sandboxUnderTest({ manualClock: true });
const key = SANDBOX_KEYS.aitelier.full;
const body = {
	scenario: 'scn_outbound_demo0001',
	phone: '+15551234567',
	metadata: { lead: 'L-1' },
};
const place = (idempotencyKey: string | undefined, payload: unknown = body, k: string = key) =>
	sb.call('POST', '/aitelier/v1/calls', {
		key: k,
		body: payload,
		headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
	});
const dials = async () =>
	(await sb.control('GET', '/ledger?platform=aitelier&action=call.dialed')).body.entries;

describe('Aitelier POST /v1/calls', () => {
	it('queues a call and answers with its id, session and the input', async () => {
		const answer = await place('k-1');
		expect(answer.status).toBe(201);
		expect(answer.body).toMatchObject({
			id: expect.stringMatching(/^call_/),
			session_id: expect.stringMatching(/^sess_/),
			status: 'queued',
			...body,
		});
		const read = await sb.call('GET', `/aitelier/v1/calls/${answer.body.id}`, { key });
		expect(read.body.id).toBe(answer.body.id);
	});

	it('requires the outbound:trigger scope and an Idempotency-Key', async () => {
		const unscoped = await place('k-1', body, SANDBOX_KEYS.aitelier.readOnly);
		expect(unscoped.status).toBe(403);
		expect(unscoped.body.error).toMatchObject({
			code: 'permission_denied',
			message: 'This API key lacks the required scope: outbound:trigger',
		});
		const keyless = await place(undefined);
		expect([keyless.status, keyless.body.error.field]).toEqual([400, 'Idempotency-Key']);
		expect(await dials()).toEqual([]);
	});

	it.each([
		[{ ...body, phone: '555' }, 400, 'phone'],
		[{ ...body, scenario: 'scn_nope' }, 422, 'scenario'],
		[{ ...body, scheduled_for: 'tomorrow' }, 400, 'scheduled_for'],
		[{ phone: '+15551234567' }, 400, 'scenario'],
	])('validates %j', async (payload, status, field) => {
		const answer = await place('k-v', payload);
		expect([answer.status, answer.body.error.field]).toEqual([status, field]);
		expect(answer.body.error.request_id).toBe(answer.headers.get('x-request-id'));
	});

	it('replays the first answer for the same key and body, without dialling again', async () => {
		const first = await place('k-1');
		const again = await place('k-1', { ...body, metadata: { lead: 'L-1' } });
		expect(again.status).toBe(201);
		expect(again.body).toEqual(first.body);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect(await dials()).toHaveLength(1);
	});

	it('answers 409 for the same key with a different body', async () => {
		await place('k-1');
		const conflict = await place('k-1', { ...body, phone: '+15559999999' });
		expect(conflict.status).toBe(409);
		expect(conflict.body.error).toMatchObject({
			code: 'idempotency_conflict',
			field: 'Idempotency-Key',
		});
	});

	it('forgets keys after 24 hours', async () => {
		await place('k-1');
		sb.clock.ms += 24 * 3_600_000 + 1;
		const later = await place('k-1');
		expect(later.headers.get('idempotent-replayed')).toBeNull();
		expect(await dials()).toHaveLength(2);
	});

	it('carries X-RateLimit-* with an ISO reset on every response, and limits outbound calls to 5/min per project', async () => {
		const answers = [];
		for (let i = 0; i < 6; i++)
			answers.push(await place(`k-${i}`, { ...body, phone: `+1555000000${i}` }));
		expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 429]);
		expect(answers[0].headers.get('x-ratelimit-limit')).toBe('60');
		expect(answers[0].headers.get('x-ratelimit-remaining')).toBe('59');
		expect(answers[0].headers.get('x-ratelimit-reset')).toBe('2026-05-13T18:43:00Z');
		expect(answers[5].body.error.code).toBe('rate_limited');
		expect(answers[5].headers.get('retry-after')).toBe('60');
		const wallet = await sb.call('GET', '/aitelier/v1/wallet', { key });
		expect(wallet.status).toBe(200);
		expect(wallet.body.balance).toEqual({ amount: 125.5, currency: 'EUR' });
	});

	it('answers Retry-After as an HTTP date when asked to', async () => {
		await sb.control('PUT', '/limits/aitelier', {
			retryAfterFormat: 'http-date',
			perMinute: { limit: 1, windowMs: 60_000 },
		});
		await sb.call('GET', '/aitelier/v1/wallet', { key });
		const refused = await sb.call('GET', '/aitelier/v1/wallet', { key });
		expect(refused.status).toBe(429);
		expect(refused.headers.get('retry-after')).toBe('Wed, 13 May 2026 18:43:00 GMT');
	});
});
