import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { AITELIER_SCENARIOS } from '../../sandbox/keys';
import { runPoll, useClockedSandbox } from '../harness/runPoll';
import { platformClient, SANDBOX_KEYS } from '../harness/sandbox';
import { waitUntil } from '../harness/triggerReceiver';

/**
 * Aitelier Polling Trigger against the sandbox: calls and sessions read since the last poll,
 * through n8n-core's PollContext with the node's static data carried from poll to poll.
 */
const sandbox = useClockedSandbox();
const aitelier = platformClient(sandbox, 'aitelier', {
	baseUrl: () => sandbox.urls.aitelier,
	key: SANDBOX_KEYS.aitelier.full,
	writeHeaders: () => ({ 'idempotency-key': `test-${Math.random()}` }),
});

beforeEach(async () => {
	// Tests place calls faster than Aitelier's 5 a minute; the node's pacing is not under test here.
	await sandbox.control('PUT', '/_sandbox/limits/aitelier', { enabled: false });
});

function poller(parameters: INodeParameters) {
	let staticData: IDataObject = {};
	const poll = async (mode: 'trigger' | 'manual' = 'trigger') => {
		const run = await runPoll({
			node: 'aitelierPollingTrigger',
			parameters,
			credentials: { aitelierApi: sandbox.credentials.aitelierApi() },
			staticData,
			mode,
		});
		if (mode === 'trigger') staticData = run.staticData;
		return run;
	};
	return {
		poll,
		get staticData() {
			return staticData;
		},
		set staticData(data: IDataObject) {
			staticData = data;
		},
	};
}

let dialled = 0;
const placeCall = async (extra: IDataObject = {}) => {
	const phone = `+1555020${String(1000 + (dialled++ % 9000)).padStart(4, '0')}`;
	const answer = await aitelier.api('POST', '/calls', {
		scenario: AITELIER_SCENARIOS[0],
		phone,
		...extra,
	});
	expect(answer.status).toBe(201);
	return answer.body;
};
const callOf = async (id: string) => (await aitelier.api('GET', `/calls/${id}`)).body;
const untilStatus = async (id: string, status: string) =>
	waitUntil(async () => (await callOf(id)).status === status, `call ${id} ${status}`);

const CALL_ENDS = { events: ['call.completed', 'call.failed'] };

describe('Aitelier Polling Trigger', () => {
	it('first poll is quiet; a new call starts once per event, with the webhook trigger’s item shape', async () => {
		const before = await placeCall();
		await untilStatus(String(before.id), 'completed');
		const trigger = poller({ events: ['call.completed', 'session.ended'] });
		expect((await trigger.poll()).result).toBeNull();

		const call = await placeCall();
		const id = String(call.id);
		await untilStatus(id, 'completed');
		const { items } = await trigger.poll();
		expect(items.map((item) => item.event)).toEqual(['call.completed', 'session.ended']);
		const [completed, ended] = items;
		expect(Object.keys(completed).sort()).toEqual(
			['created_at', 'data', 'delivery_id', 'event', 'event_id', 'raw'].sort(),
		);
		expect(completed).toMatchObject({
			event_id: `${id}:call.completed`,
			delivery_id: `${id}:call.completed`,
			data: { id, status: 'completed', session_id: call.session_id },
		});
		expect(ended).toMatchObject({
			delivery_id: `${String(call.session_id)}:session.ended`,
			data: { id: call.session_id, status: 'ended', call_id: id },
		});
		expect(ended.created_at).toBe((ended.data as IDataObject).ended_at);
		expect((await trigger.poll()).result).toBeNull();
		// Only the lists the selection needs are read, each with Aitelier's own `since` filter.
		const reads = (await aitelier.requests()).filter(
			(r) => r.method === 'GET' && r.headers['user-agent'] === 'n8n',
		);
		expect(new Set(reads.map((r) => r.path))).toEqual(new Set(['/calls', '/sessions']));
		expect(reads.every((r) => typeof r.query.since === 'string')).toBe(true);
	});

	it('a call scheduled for later, seen queued, starts once when it ends', async () => {
		const trigger = poller({ events: ['call.started', 'call.completed', 'call.failed'] });
		await trigger.poll();
		const call = await placeCall({ scheduled_for: new Date(Date.now() + 1500).toISOString() });
		const id = String(call.id);
		// Queued is no event.
		expect((await trigger.poll()).result).toBeNull();
		await untilStatus(id, 'completed');
		const { items } = await trigger.poll();
		expect(items).toMatchObject([{ event: 'call.completed', data: { id } }]);
		expect((await trigger.poll()).result).toBeNull();
	});

	it('follows an open call that has left the window by reading it alone, and forgets it once ended', async () => {
		const trigger = poller(CALL_ENDS);
		await trigger.poll();
		// A call seen queued seven hours ago (the window looks back six at most for open calls).
		sandbox.clock.skewMs = -7 * 60 * 60_000;
		const call = await placeCall();
		sandbox.clock.skewMs = 0;
		const id = String(call.id);
		const state = trigger.staticData.calls as IDataObject;
		trigger.staticData = {
			...trigger.staticData,
			calls: {
				...state,
				seen: {
					...(state.seen as IDataObject),
					[id]: { s: 'queued', t: Date.parse(String(call.created_at)), f: Date.now() + 3_600_000 },
				},
			},
		};
		await untilStatus(id, 'completed');
		const { items } = await trigger.poll();
		expect(items).toMatchObject([{ event: 'call.completed', data: { id } }]);
		// Read alone (GET /calls/{id}); the item carries the call as the list shows it, no session.
		expect((items[0].data as IDataObject).session).toBeUndefined();
		const alone = (await aitelier.requests()).filter(
			(r) => r.path === `/calls/${id}` && r.headers['user-agent'] === 'n8n',
		);
		expect(alone).toHaveLength(1);
		expect(((trigger.staticData.calls as IDataObject).seen as IDataObject)[id]).toBeUndefined();
		expect((await trigger.poll()).result).toBeNull();
	});

	it('pages through a large backlog from Start From, once', async () => {
		await sandbox.control('POST', '/_sandbox/seed', {
			platform: 'aitelier',
			resource: 'sessions',
			count: 250,
		});
		// Every ended session, read straight from the sandbox's API.
		const ended: string[] = [];
		let cursor = '';
		do {
			const page = (
				await aitelier.api('GET', `/sessions?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
			).body;
			for (const session of page.data as IDataObject[])
				if (session.status === 'ended') ended.push(String(session.id));
			cursor = String((page.pagination as IDataObject).next_cursor ?? '');
		} while (cursor && cursor !== 'null');
		expect(ended.length).toBeGreaterThan(250);

		const trigger = poller({
			events: ['session.ended'],
			options: { startFrom: '2020-01-01T00:00:00Z' },
		});
		const { items } = await trigger.poll();
		expect(items.map((item) => (item.data as IDataObject).id).sort()).toEqual(ended.sort());
		expect(new Set(items.map((item) => item.delivery_id)).size).toBe(items.length);
		expect((await trigger.poll()).result).toBeNull();
	});

	it('restart keeps the cursor; a selection that drops a list forgets it', async () => {
		const trigger = poller({ events: ['call.completed', 'session.ended'] });
		await trigger.poll();
		const call = await placeCall();
		await untilStatus(String(call.id), 'completed');
		// Only JSON survives a restart.
		trigger.staticData = JSON.parse(JSON.stringify(trigger.staticData)) as IDataObject;
		expect((await trigger.poll()).items).toHaveLength(2);
		expect((await trigger.poll()).result).toBeNull();

		const callsOnly = poller(CALL_ENDS);
		callsOnly.staticData = trigger.staticData;
		await callsOnly.poll();
		expect(Object.keys(callsOnly.staticData)).toEqual(['calls']);
	});

	it('manual mode returns the newest matching record and leaves the cursor alone', async () => {
		const trigger = poller({ events: ['session.ended'] });
		await trigger.poll();
		const saved = JSON.stringify(trigger.staticData);
		const call = await placeCall();
		await untilStatus(String(call.id), 'completed');
		const manual = await trigger.poll('manual');
		expect(manual.items).toMatchObject([{ event: 'session.ended', data: { id: call.session_id } }]);
		expect(JSON.stringify(trigger.staticData)).toBe(saved);
		expect((await trigger.poll()).items).toHaveLength(1);
	});

	it('Include Call Details adds the session with its transcript on call.completed', async () => {
		const trigger = poller({ ...CALL_ENDS, includeCallDetails: true });
		await trigger.poll();
		const call = await placeCall();
		await untilStatus(String(call.id), 'completed');
		const { items } = await trigger.poll();
		expect(items).toHaveLength(1);
		expect(items[0].session).toMatchObject({
			id: call.session_id,
			outcome: expect.any(String),
			transcript: expect.any(Array),
		});
	});
});
