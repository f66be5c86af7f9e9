import { stableHex } from '../../sandbox/ids';
import { sandboxUnderTest, SANDBOX_KEYS } from './client';

const sb = sandboxUnderTest();
const key = SANDBOX_KEYS.butter.owner;
const agentId = (i: number) => `agent_${stableHex(`butter-agent-${i}`)}`;
const WITH_NUMBER = agentId(0); // pipeline, inactive, owns +15550100001 (twilio)
const REALTIME = agentId(1); // owns +15550100003
const WITHOUT_NUMBER = agentId(3); // pipeline, no number
const TEXT_AGENT = agentId(2);
const SIP_NUMBER = `phon_${stableHex('butter-phone-1')}`;
const MAIN_NUMBER = `phon_${stableHex('butter-phone-0')}`;

// Outcomes are played in the background; keep their steps short and their callbacks nowhere.
beforeEach(async () => {
	await sb.control('PUT', '/limits/butter', { enabled: false });
	await sb.control('PUT', '/butter/callback-settings', { stepDelayMs: 5 });
});

const dial = (body: unknown) => sb.call('POST', '/butter/v1/calls', { key, body });

describe('Butter calls: place a call', () => {
	it('queues a call from the agent’s outbound number: 201, action envelope, extras and metadata kept', async () => {
		const answer = await dial({
			agent_id: WITH_NUMBER,
			to_number: '+15551230001',
			metadata: { lead_id: 'L-1' },
			priority: 'high',
		});
		expect(answer.status).toBe(201);
		expect(answer.body).toEqual({
			success: true,
			message: 'Call queued',
			data: {
				id: expect.stringMatching(/^call_[0-9a-f]{12}$/),
				status: 'queued',
				direction: 'outbound',
				telephony: 'twilio',
				agent_id: WITH_NUMBER,
				from_phone_number_id: MAIN_NUMBER,
				from_number: '+15550100001',
				to_number: '+15551230001',
				metadata: { lead_id: 'L-1' },
				priority: 'high',
				created_at: expect.any(String),
			},
		});
		const { entries } = (await sb.control('GET', '/ledger?platform=butter&action=call.dialed'))
			.body;
		expect(entries).toEqual([
			expect.objectContaining({
				resourceId: answer.body.data.id,
				details: expect.objectContaining({ to: '+15551230001', agentId: WITH_NUMBER }),
			}),
		]);
		const detail = await sb.call('GET', `/butter/v1/calls/${answer.body.data.id}`, { key });
		expect(detail.body.success).toBe(true);
		expect(detail.body.data).toMatchObject({
			id: answer.body.data.id,
			priority: 'high',
			metadata: { lead_id: 'L-1' },
			direction: 'outbound',
		});
	});

	it('uses from_phone_number_id when given, whatever agent the number belongs to', async () => {
		const answer = await dial({
			agent_id: WITHOUT_NUMBER,
			to_number: '+15551230001',
			from_phone_number_id: SIP_NUMBER,
		});
		expect(answer.status).toBe(201);
		expect(answer.body.data).toMatchObject({
			telephony: 'sip',
			from_number: '+15550100002',
			metadata: {},
		});
		expect(
			(await dial({ agent_id: REALTIME, to_number: '+15551230001' })).body.data.from_number,
		).toBe('+15550100003');
	});

	it.each([
		[{ to_number: '+15551230001' }, 400, 'validation_error', 'agent_id', 'agent_id is required'],
		[{ agent_id: WITH_NUMBER }, 400, 'validation_error', 'to_number', 'to_number is required'],
		[
			{ agent_id: WITH_NUMBER, to_number: '555-123' },
			400,
			'validation_error',
			'to_number',
			'to_number must be in E.164 format, e.g. +15551230002',
		],
		[
			{ agent_id: WITH_NUMBER, to_number: '+15551230001', metadata: 'x' },
			400,
			'validation_error',
			'metadata',
			'metadata must be an object',
		],
		[
			{ agent_id: 'agent_000000000000', to_number: '+15551230001' },
			404,
			'not_found',
			undefined,
			'Agent agent_000000000000 not found',
		],
		[
			{ agent_id: TEXT_AGENT, to_number: '+15551230001' },
			400,
			'text_agent_voice_only',
			undefined,
			'Text agents cannot place or receive voice calls',
		],
		[
			{ agent_id: WITHOUT_NUMBER, to_number: '+15551230001' },
			400,
			'validation_error',
			'from_phone_number_id',
			`Agent ${WITHOUT_NUMBER} has no outbound phone number; set from_phone_number_id`,
		],
		[
			{
				agent_id: WITH_NUMBER,
				to_number: '+15551230001',
				from_phone_number_id: 'phon_000000000000',
			},
			404,
			'not_found',
			undefined,
			'Phone number phon_000000000000 not found',
		],
	])('refuses %j with %i %s', async (body, status, code, field, message) => {
		const answer = await dial(body);
		expect(answer.status).toBe(status);
		expect(answer.body).toEqual({
			success: false,
			error: { code, message, ...(field ? { field } : {}) },
		});
		const { entries } = (await sb.control('GET', '/ledger?platform=butter&action=call.dialed'))
			.body;
		expect(entries).toEqual([]);
	});

	it('refuses a caller number that does not support outbound calls', async () => {
		const { id } = (
			await sb.call('POST', '/butter/v1/phone-numbers', {
				key,
				body: { phone_number: '+15551119999', provider: 'sip', supports_inbound: true },
			})
		).body.data;
		const answer = await dial({
			agent_id: WITH_NUMBER,
			to_number: '+15551230001',
			from_phone_number_id: id,
		});
		expect([answer.status, answer.body.error]).toEqual([
			400,
			{
				code: 'validation_error',
				field: 'from_phone_number_id',
				message: `Phone number ${id} does not support outbound calls`,
			},
		]);
	});

	it('replays an Idempotency-Key instead of dialing twice', async () => {
		const body = { agent_id: WITH_NUMBER, to_number: '+15551230001' };
		const headers = { 'Idempotency-Key': 'dial-once-1' };
		const first = await sb.call('POST', '/butter/v1/calls', { key, body, headers });
		const second = await sb.call('POST', '/butter/v1/calls', { key, body, headers });
		expect(second.body.data.id).toBe(first.body.data.id);
		expect(second.headers.get('idempotent-replayed')).toBe('true');
		expect(
			(await sb.control('GET', '/ledger?platform=butter&action=call.dialed')).body.entries,
		).toHaveLength(1);
	});
});

describe('Butter calls: detail and list', () => {
	it('shows a seeded completed call with cost, usage, transcript and times', async () => {
		const [call] = (
			await sb.call('GET', '/butter/v1/calls?status=completed&direction=outbound&limit=1', { key })
		).body.data;
		const detail = (await sb.call('GET', `/butter/v1/calls/${call.id}`, { key })).body.data;
		expect(detail).toEqual({
			id: call.id,
			agent_id: expect.stringMatching(/^agent_/),
			direction: 'outbound',
			telephony: expect.stringMatching(/^(twilio|sip)$/),
			status: 'completed',
			phone_number_id: expect.stringMatching(/^phon_/),
			from_number: expect.stringMatching(/^\+1555/),
			to_number: expect.stringMatching(/^\+1555/),
			metadata: expect.any(Object),
			duration_seconds: expect.any(Number),
			cost: {
				llm_input: expect.any(Number),
				llm_output: expect.any(Number),
				tts: expect.any(Number),
				stt: expect.any(Number),
				telephony: expect.any(Number),
				total: expect.any(Number),
			},
			usage: {
				llm_tokens_input: expect.any(Number),
				llm_tokens_output: expect.any(Number),
				tts_characters: expect.any(Number),
				stt_seconds: detail.duration_seconds,
			},
			end_reason: 'agent_hangup',
			transcript: expect.arrayContaining([
				{ speaker: 'agent', text: expect.any(String) },
				{ speaker: 'user', text: expect.any(String) },
			]),
			started_at: expect.any(String),
			answered_at: expect.any(String),
			ended_at: expect.any(String),
			error_code: null,
			error_message: null,
			created_at: expect.any(String),
			updated_at: expect.any(String),
		});
		const { cost } = detail;
		expect(cost.total).toBeCloseTo(
			cost.llm_input + cost.llm_output + cost.tts + cost.stt + cost.telephony,
			6,
		);
		expect(cost.total).toBeGreaterThan(0);
		expect(Date.parse(detail.ended_at) - Date.parse(detail.answered_at)).toBe(
			detail.duration_seconds * 1000,
		);
	});

	it('shows failed seeded calls with their error code and no transcript', async () => {
		const [busy] = (await sb.call('GET', '/butter/v1/calls?status=busy&limit=1', { key })).body
			.data;
		expect(busy).toMatchObject({
			error_code: 'busy',
			error_message: expect.any(String),
			end_reason: 'busy',
			duration_seconds: 0,
			transcript: [],
		});
		expect(busy.cost.total).toBe(0);
	});

	it('answers 404 not_found for an unknown call', async () => {
		const answer = await sb.call('GET', '/butter/v1/calls/call_000000000000', { key });
		expect([answer.status, answer.body]).toEqual([
			404,
			{ success: false, error: { code: 'not_found', message: 'Call call_000000000000 not found' } },
		]);
	});

	it('walks all 260 seeded calls by cursor with no duplicates, newest first', async () => {
		const seen: Array<{ id: string; created_at: string }> = [];
		let cursor: string | null = null;
		let pages = 0;
		do {
			const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
			const answer = await sb.call('GET', `/butter/v1/calls?limit=100${query}`, { key });
			expect(answer.status).toBe(200);
			expect(answer.body.pagination).toMatchObject({ page_size: 100, total_count: 260 });
			expect(answer.body.pagination.has_more).toBe(answer.body.pagination.next_cursor !== null);
			seen.push(...answer.body.data);
			cursor = answer.body.pagination.next_cursor;
			pages++;
		} while (cursor);
		expect(pages).toBe(3);
		expect(seen).toHaveLength(260);
		expect(new Set(seen.map((c) => c.id)).size).toBe(260);
		const times = seen.map((c) => c.created_at);
		expect([...times].sort().reverse()).toEqual(times);
	});

	it('defaults to 20 per page, and a call placed between pages neither repeats nor shifts the walk', async () => {
		const first = await sb.call('GET', '/butter/v1/calls', { key });
		expect(first.body.data).toHaveLength(20);
		expect(first.body.pagination).toMatchObject({
			has_more: true,
			page_size: 20,
			total_count: 260,
		});
		await dial({ agent_id: WITH_NUMBER, to_number: '+15551230001' });
		const second = await sb.call(
			'GET',
			`/butter/v1/calls?cursor=${encodeURIComponent(first.body.pagination.next_cursor)}`,
			{ key },
		);
		expect(second.body.pagination.total_count).toBe(261);
		const firstIds = new Set(first.body.data.map((c: { id: string }) => c.id));
		expect(second.body.data.some((c: { id: string }) => firstIds.has(c.id))).toBe(false);
		expect(second.body.data[0].created_at < first.body.data[19].created_at).toBe(true);
	});

	it('filters by agent, status and direction, and pages within a filter', async () => {
		const byAgent = await sb.call('GET', `/butter/v1/calls?agent_id=${WITH_NUMBER}&limit=30`, {
			key,
		});
		const total = byAgent.body.pagination.total_count;
		expect(total).toBeGreaterThan(30);
		expect(byAgent.body.data.every((c: { agent_id: string }) => c.agent_id === WITH_NUMBER)).toBe(
			true,
		);
		const rest = await sb.call(
			'GET',
			`/butter/v1/calls?agent_id=${WITH_NUMBER}&limit=100&cursor=${encodeURIComponent(byAgent.body.pagination.next_cursor)}`,
			{ key },
		);
		expect(byAgent.body.data.length + rest.body.data.length).toBe(total);
		const inbound = await sb.call('GET', '/butter/v1/calls?direction=inbound&limit=100', { key });
		expect(inbound.body.data.length).toBeGreaterThan(20);
		expect(
			inbound.body.data.every(
				(c: { direction: string; to_number: string }) =>
					c.direction === 'inbound' && c.to_number.startsWith('+155501'),
			),
		).toBe(true);
		const noAnswer = await sb.call('GET', '/butter/v1/calls?status=no-answer&limit=100', { key });
		expect(noAnswer.body.data.length).toBeGreaterThan(0);
		expect(noAnswer.body.data.every((c: { status: string }) => c.status === 'no-answer')).toBe(
			true,
		);
		const preview = await sb.call('GET', '/butter/v1/calls?direction=preview&limit=100', { key });
		expect(preview.body.data.every((c: { telephony: string }) => c.telephony === 'webrtc')).toBe(
			true,
		);
	});

	it.each([
		['limit=101', 'limit'],
		['limit=0', 'limit'],
		['limit=ten', 'limit'],
		['limit=2.5', 'limit'],
		['status=ringing-ish', 'status'],
		['direction=sideways', 'direction'],
		['cursor=garbled', 'cursor'],
		['cursor=eyJhIjoxfQ.0000000000000000', 'cursor'],
	])('refuses %s with 400 validation_error on %s', async (query, field) => {
		const answer = await sb.call('GET', `/butter/v1/calls?${query}`, { key });
		expect(answer.status).toBe(400);
		expect(answer.body.error).toMatchObject({ code: 'validation_error', field });
	});

	it('refuses a tampered cursor, and a cursor from other filters or another list', async () => {
		const page = await sb.call('GET', '/butter/v1/calls?limit=5', { key });
		const cursor: string = page.body.pagination.next_cursor;
		const tampered = cursor.slice(0, 4) + (cursor[4] === 'A' ? 'B' : 'A') + cursor.slice(5);
		for (const url of [
			`/butter/v1/calls?cursor=${encodeURIComponent(tampered)}`,
			`/butter/v1/calls?status=completed&cursor=${encodeURIComponent(cursor)}`,
			`/butter/v1/phone-numbers?cursor=${encodeURIComponent(cursor)}`,
		]) {
			const answer = await sb.call('GET', url, { key });
			expect([answer.status, answer.body.error.field]).toEqual([400, 'cursor']);
		}
		// The same cursor with a different page size is fine.
		expect(
			(
				await sb.call('GET', `/butter/v1/calls?limit=50&cursor=${encodeURIComponent(cursor)}`, {
					key,
				})
			).status,
		).toBe(200);
	});
});
