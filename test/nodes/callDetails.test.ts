import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { signPayload } from '../../sandbox/signing';
import { captureLogs, type LogLine } from '../harness/captureLogs';
import { runWebhook } from '../harness/runWebhook';
import { type LoggedRequest, useSandbox } from '../harness/sandbox';
import { activeTrigger, waitUntil } from '../harness/triggerReceiver';
import { aitelierNode } from './aitelier/helpers';
import { butterNode, locator } from './butter/helpers';

/*
 * "Include Call Details" on the Butter AI and Aitelier triggers: a call's last event carries the
 * call's detail, fetched with the trigger's credential; other events are emitted as they are; a
 * failed fetch answers 503, starts nothing and is not remembered, so the platform's retry starts.
 */

const sandbox = useSandbox();
const butter = butterNode(sandbox);
const aitelier = aitelierNode(sandbox);
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
	await Promise.all(closers.splice(0).map((close) => close()));
});

beforeEach(async () => {
	// Platform retries a few milliseconds apart, so a test sees the retry of a 503 at once.
	await sandbox.control('PUT', '/_sandbox/webhook-settings', { maxAttempts: 3, baseDelayMs: 20 });
});

const started = (delivery: { started: Array<{ json: IDataObject }> }) => delivery.started.length;
// Only this feature's lines: other processes on the machine may reach a receiver's reused port.
const detailWarnings = (logs: LogLine[]) =>
	logs
		.filter((line) => line.level === 'warn' && line.message.includes('call details could not'))
		.map((line) => line.message);
const gets = (requests: LoggedRequest[], path: RegExp) =>
	requests.filter((r) => r.method === 'GET' && path.test(r.path));

describe('Butter AI Trigger — Include Call Details', () => {
	const BUTTER_SECRET = 'butter-sandbox-webhook-secret';
	const credentials = (signingSecret = '') => ({
		butterAiApi: { ...sandbox.credentials.butterAiApi(), signingSecret },
	});
	const CALL_DETAIL = /\/v1\/calls\/[^/]+$/;

	beforeEach(async () => {
		await sandbox.control('PUT', '/_sandbox/butter/callback-settings', { stepDelayMs: 5 });
	});

	/** A trigger registered on the seeded outbound number, and a way to place calls through it. */
	async function listening(parameters: INodeParameters) {
		const numbers = (await butter.api('GET', '/v1/phone-numbers?limit=100')).body
			.data as IDataObject[];
		const number = numbers.find((n) => n.agent_id && n.supports_outbound)!;
		const { receiver, lifecycle } = await activeTrigger({
			node: 'butterAiTrigger',
			parameters: {
				registration: 'phoneNumbers',
				phoneNumberIds: [String(number.id)],
				...parameters,
			},
			credentials: credentials(),
			onClose: (close) => closers.push(close),
		});
		await lifecycle('create');
		const placeCall = async (to: string) =>
			String(
				(
					await butter.run({
						resource: 'call',
						operation: 'create',
						agentId: locator(String(number.agent_id)),
						toNumber: to,
					})
				).items[0].json.id,
			);
		return { receiver, placeCall, number };
	}

	it('completed and failed callbacks carry the call under `call`; started statuses fetch nothing', async () => {
		await sandbox.control('PUT', '/_sandbox/butter/outcomes', { '+15551230002': 'busy' });
		const { receiver, placeCall } = await listening({
			events: ['group:started', 'group:completed', 'group:failed'],
			includeCallDetails: true,
		});
		const ok = await placeCall('+15551230001');
		const busy = await placeCall('+15551230002');
		await waitUntil(
			() => receiver.startedItems().filter((e) => e.event !== 'call.started').length === 2,
			'both calls ended',
		);

		const items = receiver.startedItems();
		const completed = items.find((e) => e.status === 'completed')!;
		// The event's own fields as without the option; the call beside them.
		expect(completed).toMatchObject({
			event: 'call.completed',
			call_id: ok,
			delivery_id: `${ok}:completed`,
			raw: { call_sid: ok, status: 'completed' },
		});
		expect(completed.call).toMatchObject({
			id: ok,
			status: 'completed',
			end_reason: expect.any(String),
			cost: { total: expect.any(Number) },
		});
		expect((completed.call as IDataObject).transcript).toEqual(
			expect.arrayContaining([expect.objectContaining({ speaker: 'agent' })]),
		);
		const failed = items.find((e) => e.status === 'busy')!;
		expect(failed).toMatchObject({ event: 'call.failed', call_id: busy });
		expect(failed.call).toMatchObject({ id: busy, status: 'busy', end_reason: 'busy' });
		const startedStatuses = items.filter((e) => e.event === 'call.started');
		expect(startedStatuses).toHaveLength(7);
		expect(startedStatuses.every((e) => !('call' in e))).toBe(true);

		// One detail request per ended call, none for the seven started statuses.
		const detail = gets(await butter.requests(), CALL_DETAIL);
		expect(detail.map((r) => r.path.split('/').pop()).sort()).toEqual([ok, busy].sort());
		expect(receiver.deliveries.every((d) => d.status === 200)).toBe(true);
	});

	it('with the option off no detail is requested', async () => {
		const { receiver, placeCall } = await listening({ events: ['group:completed'] });
		await placeCall('+15551230001');
		await waitUntil(() => receiver.startedItems().length === 1, 'completed callback');
		expect(receiver.startedItems()[0]).not.toHaveProperty('call');
		expect(gets(await butter.requests(), CALL_DETAIL)).toEqual([]);
	});

	it('a failed fetch answers 503 and starts nothing; Butter’s retry of the callback starts once, then is a duplicate', async () => {
		const logs = captureLogs();
		// The first attempt and its one re-send.
		await sandbox.control('POST', '/_sandbox/faults', {
			platform: 'butter',
			method: 'GET',
			path: '/v1/calls/',
			kind: '500',
			times: 2,
		});
		const { receiver, placeCall, number } = await listening({
			events: ['group:completed'],
			includeCallDetails: true,
		});
		const call = await placeCall('+15551230001');
		await waitUntil(() => receiver.startedItems().length === 1, 'the retried callback');

		const last = receiver.deliveries.slice(-2);
		expect(last.map((d) => [d.status, started(d)])).toEqual([
			[503, 0],
			[200, 1],
		]);
		expect(last[0].body).toBe(last[1].body);
		expect(receiver.startedItems()[0]).toMatchObject({
			call_id: call,
			call: { id: call, status: 'completed' },
		});
		expect(gets(await butter.requests(), CALL_DETAIL).map((r) => r.status)).toEqual([
			500, 500, 200,
		]);
		expect(detailWarnings(logs)).toEqual([expect.stringContaining('Internal server error')]);
		expect(JSON.stringify(logs)).not.toContain(sandbox.credentials.butterAiApi().apiKey);

		// Once started, the same callback again is acknowledged and fetches nothing more.
		const url = String(
			((await butter.api('GET', `/v1/phone-numbers/${String(number.id)}`)).body.data as IDataObject)
				.webhook_url,
		);
		const again = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: last[1].body,
		});
		expect(again.status).toBe(200);
		expect(receiver.startedItems()).toHaveLength(1);
		expect(gets(await butter.requests(), CALL_DETAIL)).toHaveLength(3);
	});

	it('a signed callback whose fetch failed is not remembered: the same signed delivery again starts', async () => {
		const [seeded] = (await butter.api('GET', '/v1/calls?limit=1')).body.data as IDataObject[];
		const body = JSON.stringify({ call_sid: seeded.id, status: 'completed', duration: 30 });
		// Standard Webhooks: a retry carries the same webhook-id, which the replay memory keys on.
		const headers = {
			'content-type': 'application/json',
			...signPayload(body, {
				scheme: 'standardWebhooks',
				secret: BUTTER_SECRET,
				webhookId: 'msg_retry_same_id',
			}),
		};
		const staticData: IDataObject = {};
		const deliver = () =>
			runWebhook({
				node: 'butterAiTrigger',
				parameters: {
					events: ['group:completed'],
					registration: 'manual',
					verification: 'standardWebhooks',
					includeCallDetails: true,
				},
				credentials: credentials(BUTTER_SECRET),
				request: { rawBody: body, headers },
				staticData,
				workflowId: 'wf-details-signed',
			});
		await sandbox.control('POST', '/_sandbox/faults', {
			platform: 'butter',
			method: 'GET',
			path: '/v1/calls/',
			kind: '503',
			times: 2,
		});
		const first = await deliver();
		expect(first.response.statusCode).toBe(503);
		// In production the answer does not say why; n8n's log does.
		expect(first.response.body).toEqual({
			error: 'Call details could not be fetched; send the event again',
		});
		expect(first.result.workflowData).toBeUndefined();

		const retry = await deliver();
		expect(retry.response.ended).toBe(false);
		expect(retry.result.workflowData?.[0][0].json).toMatchObject({
			call_id: seeded.id,
			call: { id: seeded.id },
		});
		// Accepted this time: the same delivery once more is acknowledged, and starts nothing.
		const again = await deliver();
		expect(again.response.ended).toBe(false);
		expect(again.result.workflowData).toBeUndefined();
		expect(again.result.webhookResponse).toMatchObject({ ignored: 'duplicate delivery' });
	});

	it('a status not in the groups (Any Status) is emitted as sent, without a fetch', async () => {
		const TOKEN = 'tok_cccccccccccccccccccccccccccccccccccccccc';
		const { result } = await runWebhook({
			node: 'butterAiTrigger',
			parameters: { events: ['*'], registration: 'phoneNumbers', includeCallDetails: true },
			credentials: credentials(),
			request: {
				rawBody: JSON.stringify({ call_sid: 'call_0123456789ab', status: 'voicemail' }),
				headers: { 'content-type': 'application/json' },
				query: { token: TOKEN },
			},
			staticData: { urlToken: TOKEN },
		});
		expect(result.workflowData?.[0][0].json).toMatchObject({ status: 'voicemail' });
		expect(result.workflowData?.[0][0].json).not.toHaveProperty('call');
		expect(gets(await butter.requests(), CALL_DETAIL)).toEqual([]);
	});
});

describe('Aitelier Trigger — Include Call Details', () => {
	const SCENARIO = 'scn_outbound_demo0001';
	const CALL_DETAIL = /\/calls\/[^/]+$/;
	const SESSION_READS = /\/sessions\//;
	const credentials = () => ({ aitelierApi: sandbox.credentials.aitelierApi() });

	beforeEach(async () => {
		await sandbox.control('PUT', '/_sandbox/aitelier/simulation', { stepDelayMs: 2 });
	});

	async function listening(parameters: INodeParameters) {
		const active = await activeTrigger({
			node: 'aitelierTrigger',
			parameters,
			credentials: credentials(),
			onClose: (close) => closers.push(close),
		});
		await active.lifecycle('create');
		return active.receiver;
	}
	const placeCall = async (phone: string) =>
		(await aitelier.run({ resource: 'call', operation: 'trigger', scenario: SCENARIO, phone }))
			.items[0].json;
	const callIdOf = (placed: IDataObject) => String(placed.id ?? placed.call_id);

	it('call.completed and call.failed carry the session with its transcript; other events fetch nothing', async () => {
		await sandbox.control('PUT', '/_sandbox/aitelier/outcomes', { '+15551230002': 'failed' });
		const receiver = await listening({
			events: ['call.started', 'call.completed', 'call.failed', 'session.ended'],
			includeCallDetails: true,
		});
		const ok = callIdOf(await placeCall('+15551230001'));
		const failedCall = callIdOf(await placeCall('+15551230002'));
		await waitUntil(
			() => receiver.startedItems().filter((e) => e.event === 'session.ended').length === 2,
			'both sessions ended',
		);

		const items = receiver.startedItems();
		const completed = items.find((e) => e.event === 'call.completed')!;
		const data = completed.data as IDataObject;
		// The event's own fields as without the option; the session beside them.
		expect(data).toMatchObject({ id: ok, phone: '+15551230001' });
		expect(completed.session).toMatchObject({
			id: data.session_id,
			call_id: ok,
			status: 'ended',
			outcome: 'success',
			goal_achieved: true,
			slot_values: { appointment_date: expect.any(String) },
		});
		const turns = (completed.session as IDataObject).transcript as IDataObject[];
		expect(turns.length).toBeGreaterThan(1);
		expect(turns[0]).toMatchObject({ speaker: 'agent', text: expect.any(String) });

		const failed = items.find((e) => e.event === 'call.failed')!;
		expect(failed.data).toMatchObject({ id: failedCall });
		expect(failed.session).toMatchObject({ call_id: failedCall, outcome: null, transcript: [] });
		for (const other of items.filter((e) => !String(e.event).startsWith('call.c')))
			if (other.event !== 'call.failed') expect(other).not.toHaveProperty('session');

		// Per ended call: the call and its transcript; nothing for call.started or session.ended.
		const requests = await aitelier.requests();
		expect(
			gets(requests, CALL_DETAIL)
				.map((r) => r.path.split('/').pop())
				.sort(),
		).toEqual([ok, failedCall].sort());
		expect(gets(requests, SESSION_READS).map((r) => r.path.split('/').pop())).toEqual([
			'transcript',
			'transcript',
		]);
		expect(receiver.deliveries.every((d) => d.status === 200)).toBe(true);
	});

	it('with the option off no detail is requested', async () => {
		const receiver = await listening({ events: ['call.completed'] });
		await placeCall('+15551230001');
		await waitUntil(() => receiver.startedItems().length === 1, 'call.completed');
		expect(receiver.startedItems()[0]).not.toHaveProperty('session');
		const requests = await aitelier.requests();
		expect([...gets(requests, CALL_DETAIL), ...gets(requests, SESSION_READS)]).toEqual([]);
	});

	it('a failed fetch answers 503 and starts nothing; Aitelier’s retry starts once, then is a duplicate', async () => {
		const logs = captureLogs();
		await sandbox.control('POST', '/_sandbox/faults', {
			platform: 'aitelier',
			method: 'GET',
			path: '/calls/',
			kind: '502',
			times: 2,
		});
		const receiver = await listening({ events: ['call.completed'], includeCallDetails: true });
		const call = callIdOf(await placeCall('+15551230001'));
		await waitUntil(() => receiver.startedItems().length === 1, 'the retried delivery');

		expect(receiver.deliveries.map((d) => [d.status, started(d)])).toEqual([
			[503, 0],
			[200, 1],
		]);
		const [failedDelivery, retried] = receiver.deliveries;
		// The same event, signed anew (a new message id): its event id is what the memory keys on.
		expect(JSON.parse(retried.body).id).toBe(JSON.parse(failedDelivery.body).id);
		expect(retried.headers['webhook-id']).not.toBe(failedDelivery.headers['webhook-id']);
		expect(receiver.startedItems()[0]).toMatchObject({
			data: { id: call },
			session: { call_id: call, outcome: 'success' },
		});
		expect(gets(await aitelier.requests(), CALL_DETAIL).map((r) => r.status)).toEqual([
			502, 502, 200,
		]);
		expect(detailWarnings(logs)).toEqual([expect.stringContaining('Bad gateway')]);

		// Accepted now: the same event once more is a duplicate (200, nothing started, no fetch).
		const duplicate = await sandbox.control<{ delivered: boolean }>(
			'POST',
			'/_sandbox/webhooks/deliver',
			{
				url: receiver.url,
				secret: String(receiver.staticData.secret),
				scheme: 'standardWebhooks',
				payload: JSON.parse(retried.body) as IDataObject,
			},
		);
		expect(duplicate.delivered).toBe(true);
		expect(receiver.deliveries.map(started)).toEqual([0, 1, 0]);
		expect(gets(await aitelier.requests(), CALL_DETAIL)).toHaveLength(3);
	});

	/** A call.completed delivered unsigned (Verification: Off) to webhook() directly. */
	const deliverUnsigned = (data: IDataObject, mode: 'webhook' | 'manual' = 'webhook') =>
		runWebhook({
			node: 'aitelierTrigger',
			parameters: { events: ['call.completed'], verification: 'none', includeCallDetails: true },
			credentials: credentials(),
			request: {
				rawBody: JSON.stringify({ id: 'evt_0000000000d1', type: 'call.completed', data }),
				headers: { 'content-type': 'application/json' },
			},
			mode,
		});
	const newCall = async () =>
		(await aitelier.api('POST', '/calls', { scenario: SCENARIO, phone: '+15551230003' }))
			.body as IDataObject;

	it('an event that does not name the session: the call is read first, then its transcript', async () => {
		const call = await newCall();
		const { result } = await deliverUnsigned({ id: call.id });
		const session = result.workflowData?.[0][0].json.session as IDataObject;
		expect(session).toMatchObject({ call_id: call.id, transcript: expect.any(Array) });
		const reads = [
			...gets(await aitelier.requests(), CALL_DETAIL),
			...gets(await aitelier.requests(), SESSION_READS),
		].sort((a, b) => a.seq - b.seq);
		expect(reads.map((r) => r.path.replace(/^.*?\/(calls|sessions)\//, '$1/'))).toEqual([
			`calls/${String(call.id)}`,
			`sessions/${String(session.id)}/transcript`,
		]);
	});

	it('an answer that hangs is cut off within the platform’s patience: 503, with the reason while testing', async () => {
		const call = await newCall();
		await sandbox.control('POST', '/_sandbox/faults', {
			platform: 'aitelier',
			method: 'GET',
			path: '/calls/',
			kind: 'slow',
			// Longer than an attempt may take (2 s), short enough not to outlive the test file.
			slowMs: 2_500,
		});
		const startedAt = Date.now();
		const { result, response } = await deliverUnsigned(
			{ id: call.id, session_id: call.session_id },
			'manual',
		);
		const tookMs = Date.now() - startedAt;
		expect(response.statusCode).toBe(503);
		expect(result.workflowData).toBeUndefined();
		expect(response.body).toMatchObject({ reason: expect.any(String) });
		// Senders wait about 10 s: the answer comes well before.
		expect(tookMs).toBeLessThan(7_000);
	});

	it('an event without a usable call id fails loudly rather than emitting a bare event', async () => {
		const { result, response } = await deliverUnsigned({ id: '../wallet' }, 'manual');
		expect(response.statusCode).toBe(503);
		expect(result.workflowData).toBeUndefined();
		expect(String((response.body as IDataObject).reason)).toContain('is not a valid ID');
		expect(gets(await aitelier.requests(), /./)).toEqual([]);
	});
});
