import { baseUrls } from '../../sandbox';
import { SANDBOX_KEYS } from '../../sandbox/keys';
import {
	control,
	type E2eEnvironment,
	executionRun,
	executionsOf,
	jsonOf,
	startEnvironment,
	stopEnvironment,
	waitFor,
} from './helpers';

/**
 * The polling triggers in a running n8n, for an instance the platforms cannot reach: published
 * workflows polling every minute (n8n's shortest poll time) pick up calls placed in the sandbox exactly once each, with the
 * webhook triggers' event names, and later polls start nothing more.
 */

jest.setTimeout(300_000);

const BUTTER = 'e2ePollButter001';
const AITELIER = 'e2ePollAitelier1';
const POLL_EVERY_MS = 60_000;

let env: E2eEnvironment | undefined;
const started = () => env as E2eEnvironment;

async function api(platform: 'butter' | 'aitelier', path: string, body: unknown, key: string) {
	const base = baseUrls(started().sandbox.url)[platform];
	const answer = await fetch(`${base}${path}`, {
		method: 'POST',
		headers: {
			authorization: `Bearer ${key}`,
			'content-type': 'application/json',
			'idempotency-key': `poll-e2e-${JSON.stringify(body)}`,
		},
		body: JSON.stringify(body),
	});
	if (!answer.ok) throw new Error(`${platform} ${path} → ${answer.status}: ${await answer.text()}`);
	return (await answer.json()) as { data?: Record<string, unknown> } & Record<string, unknown>;
}

/** Every item the workflow's trigger emitted, over all its executions so far. */
async function emitted(workflowId: string) {
	const runs = await executionsOf(started(), workflowId);
	const finished = runs.filter((run) => run.status !== 'running' && run.status !== 'new');
	const items = [];
	for (const run of finished)
		items.push(...jsonOf(await executionRun(started(), run.id), 'Poll Calls'));
	return items;
}

beforeAll(async () => {
	env = await startEnvironment({
		workflows: ['polling-butter.json', 'polling-aitelier.json'],
		prepareSandbox: async (ready) => {
			await control(ready, 'PUT', '/butter/callback-settings', { stepDelayMs: 20 });
			await control(ready, 'PUT', '/aitelier/simulation', { stepDelayMs: 20 });
			await control(ready, 'PUT', '/limits/butter', { enabled: false });
		},
		publishLive: [BUTTER, AITELIER],
	});
	// The poll n8n runs on activation sets the cursor at "now": the seeded history never starts.
	await new Promise((resolve) => setTimeout(resolve, 3000));
});
afterAll(async () => stopEnvironment(env));

test('the first polls start nothing: no flood from the seeded call history', async () => {
	expect(await emitted(BUTTER)).toEqual([]);
	expect(await emitted(AITELIER)).toEqual([]);
});

test('calls placed while n8n polls start their workflow exactly once each, as the webhook triggers would', async () => {
	const butterNumbers = ['+15557700001', '+15557700002', '+15557700003'];
	const aitelierNumbers = ['+15557710001', '+15557710002'];
	for (const to_number of butterNumbers)
		await api(
			'butter',
			'/v1/calls',
			{ agent_id: 'agent_3637c49e9834', to_number },
			SANDBOX_KEYS.butter.owner,
		);
	for (const phone of aitelierNumbers)
		await api(
			'aitelier',
			'/calls',
			{ scenario: 'scn_outbound_demo0001', phone },
			SANDBOX_KEYS.aitelier.full,
		);

	const butterItems = await waitFor(
		() => emitted(BUTTER),
		(items) => items.length >= butterNumbers.length,
		'the Butter AI calls to be polled',
		POLL_EVERY_MS + 30_000,
	);
	const aitelierItems = await waitFor(
		() => emitted(AITELIER),
		(items) => items.length >= aitelierNumbers.length,
		'the Aitelier calls to be polled',
		POLL_EVERY_MS + 30_000,
	);
	// One more poll: nothing is started twice.
	await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS + 2000));
	const butterAfter = await emitted(BUTTER);
	const aitelierAfter = await emitted(AITELIER);
	expect(butterAfter).toHaveLength(butterItems.length);
	expect(aitelierAfter).toHaveLength(aitelierItems.length);

	expect(butterAfter.map((item) => item.to_number).sort()).toEqual(butterNumbers);
	for (const item of butterAfter) {
		expect(item).toMatchObject({ event: 'call.completed', status: 'completed' });
		// Include Call Details: the call with its transcript.
		expect((item.call as { transcript?: unknown[] }).transcript?.length).toBeGreaterThan(0);
	}
	expect(aitelierAfter.map((item) => (item.data as { phone: string }).phone).sort()).toEqual(
		aitelierNumbers,
	);
	for (const item of aitelierAfter) expect(item.event).toMatch(/^call\.(completed|failed)$/);
	expect(new Set(aitelierAfter.map((item) => item.event_id)).size).toBe(aitelierAfter.length);
});
