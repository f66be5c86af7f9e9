import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { normalise } from '../../nodes/ButterAi/trigger/events';
import { runPoll, useClockedSandbox } from '../harness/runPoll';
import { platformClient, SANDBOX_KEYS } from '../harness/sandbox';
import { waitUntil } from '../harness/triggerReceiver';

/**
 * Butter AI Polling Trigger against the sandbox: each poll starts only on what is new since the
 * last one, through n8n-core's PollContext with the node's static data carried from poll to poll.
 */
const sandbox = useClockedSandbox();
const butter = platformClient(sandbox, 'butter', {
	baseUrl: () => sandbox.urls.butter,
	key: SANDBOX_KEYS.butter.owner,
});

beforeEach(async () => {
	// The tests below place calls and page directly; the node's own pacing is not under test here.
	await sandbox.control('PUT', '/_sandbox/limits/butter', { enabled: false });
});

/** A poller over a series of polls: each one starts from the static data the last one left. */
function poller(parameters: INodeParameters) {
	let staticData: IDataObject = {};
	const poll = async (mode: 'trigger' | 'manual' = 'trigger', pollBudgetMs?: number) => {
		const run = await runPoll({
			node: 'butterAiPollingTrigger',
			parameters,
			credentials: { butterAiApi: sandbox.credentials.butterAiApi() },
			staticData,
			mode,
			pollBudgetMs,
		});
		if (mode === 'trigger') staticData = run.staticData;
		return run;
	};
	return {
		poll,
		get staticData() {
			return staticData;
		},
		/** n8n restarted: only what it saved (JSON) comes back. */
		restart() {
			staticData = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		},
	};
}

let agentId = '';
beforeEach(async () => {
	const numbers = (await butter.api('GET', '/v1/phone-numbers?limit=100')).body
		.data as IDataObject[];
	agentId = String(numbers.find((n) => n.agent_id && n.supports_outbound)!.agent_id);
});

let dialled = 0;
const placeCall = async () => {
	const to = `+1555010${String(1000 + (dialled++ % 9000)).padStart(4, '0')}`;
	const answer = await butter.api('POST', '/v1/calls', { agent_id: agentId, to_number: to });
	expect(answer.status).toBe(201);
	return String((answer.body.data as IDataObject).id);
};
const statusOf = async (id: string) =>
	((await sandbox.control('GET', `/_sandbox/butter/calls/${id}`)) as IDataObject).status;
const untilStatus = async (id: string, status: string) =>
	waitUntil(async () => (await statusOf(id)) === status, `call ${id} ${status}`);
const listRequests = async () =>
	(await butter.requests()).filter(
		(r) => r.method === 'GET' && r.path === '/v1/calls' && r.headers['user-agent'] === 'n8n',
	);

const ENDED = { events: ['group:completed', 'group:failed'] };
const isOldestFirst = (items: IDataObject[]) =>
	items.every(
		(item, i) =>
			i === 0 ||
			String((items[i - 1].raw as IDataObject).created_at) <=
				String((item.raw as IDataObject).created_at),
	);

describe('Butter AI Polling Trigger', () => {
	it('first poll is quiet; a new call starts the workflow once, with the webhook trigger’s item', async () => {
		// A call that ended just before activation is not an event of this trigger.
		const before = await placeCall();
		await untilStatus(before, 'completed');
		const trigger = poller(ENDED);
		expect((await trigger.poll()).result).toBeNull();
		expect((await trigger.poll()).result).toBeNull();

		const id = await placeCall();
		await untilStatus(id, 'completed');
		const { items } = await trigger.poll();
		expect(items).toHaveLength(1);
		const call = (await butter.api('GET', `/v1/calls/${id}`)).body.data as IDataObject;
		expect(items[0]).toMatchObject({
			event: 'call.completed',
			status: 'completed',
			call_id: id,
			delivery_id: `${id}:completed`,
			agent_id: agentId,
			timestamp: call.updated_at,
			duration_seconds: call.duration_seconds,
			raw: call,
		});
		// Exactly the webhook trigger's fields, so a workflow can switch between the two.
		expect(Object.keys(items[0]).sort()).toEqual(
			Object.keys(normalise({ call_sid: id, status: 'completed' })).sort(),
		);
		expect((await trigger.poll()).result).toBeNull();
	});

	it('a call seen queued starts again once when it ends; statuses passed between polls are not seen', async () => {
		await sandbox.control('PUT', '/_sandbox/butter/callback-settings', { stepDelayMs: 800 });
		const trigger = poller({ events: ['group:started', 'group:completed'] });
		await trigger.poll();
		const id = await placeCall();
		const first = await trigger.poll();
		expect(first.items).toMatchObject([{ event: 'call.started', status: 'queued', call_id: id }]);
		await untilStatus(id, 'completed');
		// initiated, ringing and in-progress passed between the polls: only the last status is seen.
		const second = await trigger.poll();
		expect(second.items).toMatchObject([{ event: 'call.completed', call_id: id }]);
		expect((await trigger.poll()).result).toBeNull();
	}, 20_000);

	it('a call that reaches the list late (created before the last poll) is still started, once', async () => {
		const trigger = poller(ENDED);
		await trigger.poll();
		// Created two minutes "ago" by the platform's clock: inside the five-minute overlap.
		sandbox.clock.skewMs = -2 * 60_000;
		const late = await placeCall();
		// Beyond the overlap: a record that late is not looked for (README: the overlap is 5 minutes).
		sandbox.clock.skewMs = -20 * 60_000;
		const tooLate = await placeCall();
		sandbox.clock.skewMs = 0;
		await untilStatus(late, 'completed');
		await untilStatus(tooLate, 'completed');
		const { items } = await trigger.poll();
		expect(items.map((item) => item.call_id)).toEqual([late]);
		expect((await trigger.poll()).result).toBeNull();
	});

	it('pages through a large backlog from Start From, in either paging style, and stops at the window', async () => {
		for (const style of ['documented', 'page'] as const) {
			await sandbox.control('POST', '/_sandbox/reset');
			await sandbox.control('PUT', '/_sandbox/limits/butter', { enabled: false });
			await sandbox.control('PUT', '/_sandbox/butter/list-style', { style });
			await sandbox.control('PUT', '/_sandbox/butter/callback-settings', { stepDelayMs: 0 });
			const start = new Date(Date.now() - 1000).toISOString();
			const ids: string[] = [];
			for (let i = 0; i < 230; i++) ids.push(await placeCall());
			await waitUntil(
				async () =>
					(await Promise.all(ids.map(statusOf))).every((status) => status === 'completed'),
				'all calls completed',
				20_000,
			);
			const trigger = poller({ ...ENDED, options: { startFrom: start } });
			const { items } = await trigger.poll();
			// Every call since Start From, once, oldest first; none of the seeded history before it.
			expect(items.map((item) => item.call_id).sort()).toEqual([...ids].sort());
			expect(isOldestFirst(items)).toBe(true);
			// 230 new calls at 100 a page: three pages, the third reaching older calls ends the walk.
			// Page style asks for pages 2–5 at once once the total is known: two more, then no further.
			expect(await listRequests()).toHaveLength(style === 'page' ? 5 : 3);
			expect((await trigger.poll()).result).toBeNull();
		}
	}, 60_000);

	it('a poll out of time hands on what it read and the next one reads the same window again', async () => {
		await sandbox.control('PUT', '/_sandbox/butter/callback-settings', { stepDelayMs: 0 });
		const trigger = poller(ENDED);
		await trigger.poll();
		const ids: string[] = [];
		for (let i = 0; i < 130; i++) ids.push(await placeCall());
		await waitUntil(
			async () => (await Promise.all(ids.map(statusOf))).every((status) => status === 'completed'),
			'all calls completed',
			20_000,
		);
		const newest = (
			(await butter.api('GET', '/v1/calls?limit=100')).body.data as IDataObject[]
		).map((call) => String(call.id));
		// No time left after the first page: its 100 newest calls are handed on, nothing is lost.
		const first = await trigger.poll('trigger', 0);
		expect(first.items.map((item) => item.call_id).sort()).toEqual([...newest].sort());
		const rest = ids.filter((id) => !newest.includes(id)).sort();
		expect((await trigger.poll()).items.map((item) => item.call_id).sort()).toEqual(rest);
		expect((await trigger.poll()).result).toBeNull();
	}, 30_000);

	it('restart keeps the cursor: a call that ended while n8n was down starts after it, once', async () => {
		const trigger = poller(ENDED);
		await trigger.poll();
		const id = await placeCall();
		await untilStatus(id, 'completed');
		trigger.restart();
		expect(trigger.staticData).toMatchObject({ calls: { v: 1 } });
		expect((await trigger.poll()).items.map((item) => item.call_id)).toEqual([id]);
		trigger.restart();
		expect((await trigger.poll()).result).toBeNull();
	});

	it('manual mode (Fetch Test Event) returns the newest matching call and leaves the cursor alone', async () => {
		const trigger = poller(ENDED);
		await trigger.poll();
		const saved = JSON.stringify(trigger.staticData);
		const id = await placeCall();
		await untilStatus(id, 'completed');
		const manual = await trigger.poll('manual');
		expect(manual.items).toMatchObject([{ event: 'call.completed', call_id: id }]);
		expect(JSON.stringify(trigger.staticData)).toBe(saved);
		// The active trigger still starts on it: the test event moved nothing.
		expect((await trigger.poll()).items.map((item) => item.call_id)).toEqual([id]);

		// Nothing matching among the newest calls: said, not an empty output.
		const never = poller({ events: ['status:none'] });
		await expect(never.poll('manual')).rejects.toThrow(
			'No call matching the selected events among the latest 100',
		);
	});

	it('Include Call Details adds the call (transcript, cost, end reason) on its last status', async () => {
		const trigger = poller({ ...ENDED, includeCallDetails: true });
		await trigger.poll();
		const id = await placeCall();
		await untilStatus(id, 'completed');
		const { items } = await trigger.poll();
		expect(items).toHaveLength(1);
		expect(items[0].call).toMatchObject({
			id,
			end_reason: expect.any(String),
			cost: expect.objectContaining({ total: expect.any(Number) }),
			transcript: expect.arrayContaining([expect.objectContaining({ speaker: 'agent' })]),
		});
	});

	it('memory stays bounded: records older than the window are forgotten', async () => {
		await sandbox.control('PUT', '/_sandbox/butter/callback-settings', { stepDelayMs: 0 });
		const trigger = poller(ENDED);
		await trigger.poll();
		// Calls created an hour "ago" (already outside the window) are never read.
		sandbox.clock.skewMs = -60 * 60_000;
		for (let i = 0; i < 5; i++) await placeCall();
		sandbox.clock.skewMs = 0;
		const recent = await placeCall();
		await untilStatus(recent, 'completed');
		await trigger.poll();
		const seen = (trigger.staticData.calls as IDataObject).seen as IDataObject;
		expect(Object.keys(seen)).toEqual([recent]);
	});
});
