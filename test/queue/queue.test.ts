import {
	AITELIER_EVENTS_WEBHOOK_ID,
	AITELIER_FOLLOW_UP_WEBHOOK_ID,
	AITELIER_RETRY_WEBHOOK_ID,
	BUTTER_DEMO_AGENT,
	EXAMPLE_WORKFLOWS,
	PUBLISHED_EXAMPLES,
	productionWebhookUrl,
} from '../../runner/setup';
import { ROUTE_TO_HEADER, SERVED_BY_HEADER } from '../../runner/queue/proxy';
import { baseUrls } from '../../sandbox';
import { SANDBOX_KEYS, SANDBOX_WEBHOOK_SECRETS } from '../../sandbox/keys';
import { signPayload } from '../../sandbox/signing';
import { table, writeSection } from '../reliability/report';
import {
	control,
	executionRun,
	executionsOf,
	failureOf,
	jsonOf,
	settled,
	waitFor,
	type Execution,
} from '../e2e/helpers';
import { LOOP, LOOP_BUTTER_NUMBER, LOOP_HOOK } from '../e2e/loopWorkflows';
import {
	executionsPerWorker,
	type QueueEnvironment,
	runManually,
	startQueueEnvironment,
	stopQueueEnvironment,
	workerOf,
} from './helpers';

/**
 * The package on n8n's queue mode (runner/queue/, as `npm run start:queue` runs it): PostgreSQL,
 * Redis, main, two webhook processors behind a round-robin balancer, two workers running one job
 * each at a time. Signed deliveries reach the published triggers through either processor and
 * run on the workers exactly once; every manual example runs on a worker; a campaign split over
 * both workers dials every lead once; main restarts without losing a registration; deactivation
 * cleans up once. What queue mode does to replay memory and pacing is measured and written to
 * RELIABILITY.md §7.
 */

jest.setTimeout(300_000);

const HOOK = { ...LOOP_HOOK, dedupe: 'a1b2c3d4-0e0f-4a1b-8c2d-7e6f5a4b3c22' };
const QUEUE = { campaign: 'queueCampaign001', dedupe: 'queueBvaiDedupe1' };
const CAMPAIGN_CALLS = 200;

const MANUAL_EXAMPLES: Array<[string, string, string]> = [
	['Butter AI — list agents', EXAMPLE_WORKFLOWS.butterAgents, 'Run'],
	['Butter AI — call a lead', EXAMPLE_WORKFLOWS.butterCall, 'Run'],
	['Butter AI — call a list', EXAMPLE_WORKFLOWS.butterCallList, 'Run'],
	['BuildVoiceAI — call a lead', EXAMPLE_WORKFLOWS.buildVoiceAiCall, 'Run'],
	['Aitelier — call a lead', EXAMPLE_WORKFLOWS.aitelierCall, 'Run'],
	['Aitelier — campaign from leads', EXAMPLE_WORKFLOWS.aitelierCampaign, 'Run'],
	['Knowledge base sync', EXAMPLE_WORKFLOWS.knowledgeSync, 'Run Now'],
];

/** What this file measured, for RELIABILITY.md §7. */
const measured: Array<[string, string, string]> = [];

let env: QueueEnvironment;
const url = (webhookId: string) => productionWebhookUrl(env.queue.url, webhookId);
const outcomes = async () =>
	(await control<{ outcomes: Array<Record<string, unknown>> }>(env, 'GET', '/outcomes-received'))
		.outcomes;
const requestsTo = (platform: string, method: string, pathPattern: RegExp) =>
	env.sandbox.state.requests.filter(
		(r) => r.platform === platform && r.method === method && pathPattern.test(r.path),
	);
const finished = (workflowId: string, count: number) =>
	waitFor(
		() => executionsOf(env, workflowId),
		settled(count),
		`${count} runs of ${workflowId}`,
		90_000,
	);
/** Every execution ran on a worker (its log says so), none on main or a webhook processor. */
const onWorkers = (runs: Execution[]) =>
	runs.map((run) => workerOf(env, run.id) ?? `not on a worker: ${run.id}`);

/** A BuildVoiceAI call event, signed as the platform signs it. */
const bvaiDelivery = (callId: string, messageId: string) => {
	const body = JSON.stringify({
		event: 'call.completed',
		call_id: callId,
		status: 'completed',
		metadata: { lead_id: `PROBE-${callId}` },
	});
	return {
		body,
		headers: signPayload(body, {
			scheme: 'standardWebhooks',
			secret: SANDBOX_WEBHOOK_SECRETS.buildVoiceAi,
			webhookId: messageId,
		}),
	};
};

beforeAll(async () => {
	env = await startQueueEnvironment({
		workflows: [
			'loop-place-calls.json',
			'loop-butter-outcomes.json',
			'loop-buildvoiceai-outcomes.json',
			'loop-aitelier-outcomes.json',
			'queue-campaign.json',
			'queue-bvai-dedupe.json',
		],
		credentials: (sandboxUrl) => [
			{
				id: 'queueButterPaced',
				name: 'Butter AI (queue, Starter pace)',
				type: 'butterAiApi',
				// No plan fields: the credential's default, Butter's Starter plan (10 requests/s).
				data: {
					apiKey: SANDBOX_KEYS.butter.owner,
					baseUrl: baseUrls(sandboxUrl).butter,
					headerStyle: 'bearer',
				},
			},
		],
		publish: [
			...PUBLISHED_EXAMPLES,
			LOOP.butter,
			LOOP.buildVoiceAi,
			LOOP.aitelier,
			QUEUE.campaign,
			QUEUE.dedupe,
		],
		workerConcurrency: 1,
		prepareSandbox: async ({ sandbox }) => {
			const put = (path: string, body: unknown) =>
				fetch(`${sandbox.url}/_sandbox${path}`, {
					method: 'PUT',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body),
				});
			await put('/butter/callback-settings', { stepDelayMs: 20 });
			await put('/aitelier/simulation', { stepDelayMs: 20 });
			await put(`/buildvoiceai/accounts/${SANDBOX_KEYS.buildVoiceAi.primary}`, {
				callDurationMs: 300,
			});
			await put('/limits/aitelier', { outboundPerMinute: { limit: 100, windowMs: 60_000 } });
			// Activation and this file's reads are not paced together; the campaign turns limits on.
			await put('/limits/butter', { enabled: false });
		},
	});
	await control(env, 'PUT', `/buildvoiceai/accounts/${SANDBOX_KEYS.buildVoiceAi.primary}/webhook`, {
		url: url(HOOK.buildVoiceAi),
		secret: SANDBOX_WEBHOOK_SECRETS.buildVoiceAi,
		scheme: 'standardWebhooks',
	});
	// Main answers before it has activated every published workflow: wait for the registrations.
	await waitTriggersRegistered();
}, 900_000);

afterAll(async () => {
	if (measured.length)
		await writeSection(
			'queue',
			'7. Queue mode — PostgreSQL, Redis, 2 webhook processors, 2 workers',
			`Measured by test/queue/queue.test.ts on the set-up \`npm run start:queue\` starts (one machine, 2 cores: every process shares them).\n\n${table(['case', 'measured', 'what holds'], measured)}`,
		);
	await stopQueueEnvironment(env);
});

async function waitTriggersRegistered(): Promise<void> {
	await waitFor(
		async () => ({
			subscriptions: [...env.sandbox.state.aitelier.webhooks.values()].length,
			butter: env.sandbox.state.butter.phoneNumbers.some((n) =>
				String(n.webhook_url).startsWith(`${url(HOOK.butter)}?token=`),
			),
		}),
		// The loop's trigger, the events example, the follow-up and the retry examples.
		(state) => state.subscriptions === 4 && state.butter,
		'main to register the triggers',
		120_000,
	);
	for (const hook of [HOOK.buildVoiceAi, HOOK.aitelier, HOOK.dedupe]) {
		// Both processors serve it (an unsigned POST is refused with 401, not 404).
		for (let i = 0; i < 2; i++)
			await waitFor(
				async () => (await fetch(url(hook), { method: 'POST', body: '{}' })).status,
				(status) => status === 401,
				`the webhook processors to serve ${hook}`,
			);
	}
}

describe('queue mode: main registers, webhook processors receive, workers run', () => {
	it('main registered every published trigger once (Butter number, Aitelier subscriptions, tools)', async () => {
		const number = env.sandbox.state.butter.phoneNumbers.find((n) => n.id === LOOP_BUTTER_NUMBER);
		expect(String(number?.webhook_url).split('?')[0]).toBe(url(HOOK.butter));
		const subscribed = [...env.sandbox.state.aitelier.webhooks.values()].map((w) => w.url).sort();
		expect(subscribed).toEqual(
			[
				url(HOOK.aitelier),
				url(AITELIER_EVENTS_WEBHOOK_ID),
				url(AITELIER_FOLLOW_UP_WEBHOOK_ID),
				url(AITELIER_RETRY_WEBHOOK_ID),
			].sort(),
		);
		const agent = await fetch(
			`${baseUrls(env.sandbox.url).butter}/v1/agents/${BUTTER_DEMO_AGENT}`,
			{
				headers: { authorization: `Bearer ${SANDBOX_KEYS.butter.owner}` },
			},
		);
		const functions = ((await agent.json()) as { data: { enabledCustomFunctions?: string[] } }).data
			.enabledCustomFunctions;
		expect(functions).toEqual(expect.arrayContaining(['lookup_order', 'check_availability']));
	});

	it('five calls per platform: each outcome arrives through either processor and runs once on a worker', async () => {
		const servedBefore = { ...env.queue.proxy.served };
		const { run } = await runManually(env, LOOP.placeCalls);
		expect(failureOf(run)).toBe('');
		expect(jsonOf(run, 'Butter AI Call')).toHaveLength(5);
		for (const workflowId of [LOOP.butter, LOOP.buildVoiceAi, LOOP.aitelier]) {
			const runs = await finished(workflowId, 5);
			expect(runs.map((r) => r.status)).toEqual(Array(5).fill('success'));
			expect(onWorkers(runs).filter((worker) => !worker.startsWith('worker-'))).toEqual([]);
		}
		await waitFor(outcomes, (list) => list.length >= 15, 'fifteen outcomes');
		// A duplicate would be a re-sent delivery: give it time to show.
		await new Promise((resolve) => setTimeout(resolve, 1500));
		for (const workflowId of [LOOP.butter, LOOP.buildVoiceAi, LOOP.aitelier])
			expect(await executionsOf(env, workflowId)).toHaveLength(5);
		expect(await outcomes()).toHaveLength(15);
		const spread = ['webhook-1', 'webhook-2'].map(
			(name) => (env.queue.proxy.served[name] ?? 0) - (servedBefore[name] ?? 0),
		);
		for (const count of spread) expect(count).toBeGreaterThan(0);
		measured.push([
			'Signed call events (5 calls × 3 platforms)',
			`15 of 15 outcomes once; processors answered ${spread.join(' / ')} requests; workers ran ${executionsPerWorker(env).join(' / ')} executions so far`,
			'Exactly once: the Aitelier secret main stored is read by both processors',
		]);
	});
	it('every manual example runs on a worker and succeeds', async () => {
		const ran: string[][] = [];
		for (const [name, id, trigger] of MANUAL_EXAMPLES) {
			const { id: executionId, run } = await runManually(env, id, trigger);
			expect([name, run.status, failureOf(run)]).toEqual([name, 'success', '']);
			ran.push([name, workerOf(env, executionId) ?? 'not on a worker']);
		}
		expect(ran.filter(([, worker]) => !worker.startsWith('worker-'))).toEqual([]);
		measured.push([
			'Manual examples (the editor’s Execute workflow, offloaded)',
			`${MANUAL_EXAMPLES.length} of ${MANUAL_EXAMPLES.length} succeeded; per worker ${executionsPerWorker(env).join(' / ')}`,
			'Every operation runs on a worker with the package installed there',
		]);
	});

	it('the call a lead example’s call asks both tool examples: answered through a webhook processor by a worker', async () => {
		const calls = await fetch(`${baseUrls(env.sandbox.url).butter}/v1/calls?limit=100`, {
			headers: { authorization: `Bearer ${SANDBOX_KEYS.butter.owner}` },
		});
		const list = ((await calls.json()) as { data: Array<{ id: string; agent_id: string }> }).data;
		const call = list.find((c) => c.agent_id === BUTTER_DEMO_AGENT);
		expect(call).toBeDefined();
		const detail = await waitFor(
			async () => {
				const answer = await fetch(`${baseUrls(env.sandbox.url).butter}/v1/calls/${call!.id}`, {
					headers: { authorization: `Bearer ${SANDBOX_KEYS.butter.owner}` },
				});
				return ((await answer.json()) as { data: Record<string, unknown> }).data;
			},
			(data) => data.status === 'completed',
			'the demo call to complete',
			60_000,
		);
		const toolLines = (detail.transcript as Array<{ speaker: string; text: string }>)
			.filter((line) => line.speaker === 'tool')
			.map((line) => line.text);
		// Both answers, in the order they came back (through a worker each, so either may be first).
		expect(toolLines.sort()).toEqual([
			'check_availability: {"result":"On Friday we can see the caller at 10:00 or 14:00."}',
			'lookup_order: {"result":"Order A-1 is shipped and arrives tomorrow."}',
		]);
		for (const id of [EXAMPLE_WORKFLOWS.butterToolOrders, EXAMPLE_WORKFLOWS.butterToolSlots]) {
			const runs = await finished(id, 1);
			expect(onWorkers(runs).every((worker) => worker.startsWith('worker-'))).toBe(true);
		}
	});
});

describe('queue mode: what replay memory can and cannot hold', () => {
	/** One delivery to one webhook processor (the balancer's sticky routing, as a test pins it). */
	const sendTo = async (
		processor: string,
		delivery: { body: string; headers: Record<string, string> },
	) => {
		const answer = await fetch(url(HOOK.dedupe), {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				[ROUTE_TO_HEADER]: processor,
				...delivery.headers,
			},
			body: delivery.body,
		});
		await answer.arrayBuffer();
		expect(answer.headers.get(SERVED_BY_HEADER)).toBe(processor);
		return answer.status;
	};
	const passedDedupe = async (runs: Execution[]) =>
		Promise.all(
			runs.map(async (run) => ({
				id: Number(run.id),
				passed: jsonOf(await executionRun(env, run.id), 'Remove Duplicates').length,
			})),
		);

	it('both processors verify Aitelier deliveries with the subscription secret main stored at activation', async () => {
		const subscription = [...env.sandbox.state.aitelier.webhooks.values()].find(
			(w) => w.url === url(HOOK.aitelier),
		)!;
		const before = (await finished(LOOP.aitelier, 5)).length;
		for (const processor of ['webhook-1', 'webhook-2']) {
			const body = JSON.stringify({
				id: `evt_queue_${processor.replace('-', '')}`,
				type: 'call.completed',
				created_at: new Date().toISOString(),
				data: { id: `queue-${processor}`, status: 'completed', metadata: { lead_id: processor } },
			});
			const answer = await fetch(url(HOOK.aitelier), {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					[ROUTE_TO_HEADER]: processor,
					...signPayload(body, { scheme: 'standardWebhooks', secret: subscription.secret }),
				},
				body,
			});
			expect([processor, answer.status, answer.headers.get(SERVED_BY_HEADER)]).toEqual([
				processor,
				200,
				processor,
			]);
		}
		await finished(LOOP.aitelier, before + 2);
		measured.push([
			'An Aitelier event signed with the subscription secret main created, to each processor',
			'accepted by both (200), 2 executions',
			'The secret main stored in the workflow’s static data is read from the shared database',
		]);
	});

	it('a replay reaching the other webhook processor starts an execution; Remove Duplicates on delivery_id stops it there', async () => {
		// Each processor loads the trigger's memory once, from the workflow's static data.
		expect(await sendTo('webhook-1', bvaiDelivery('warm-up-1', 'msg_queue_warm_1'))).toBe(200);
		expect(await sendTo('webhook-2', bvaiDelivery('warm-up-2', 'msg_queue_warm_2'))).toBe(200);
		await finished(QUEUE.dedupe, 2);

		const delivery = bvaiDelivery('replay-queue', 'msg_queue_replay');
		const statuses = [];
		for (const processor of ['webhook-1', 'webhook-2', 'webhook-1', 'webhook-2'])
			statuses.push(await sendTo(processor, delivery));
		expect(statuses).toEqual([200, 200, 200, 200]);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		const runs = await finished(QUEUE.dedupe, 4);
		// Each processor remembers what it accepted, and neither sees the other's: n8n gives a
		// trigger's webhook() no store shared between processes, and does not save static data a
		// webhook changes once the workflow has some.
		expect(runs).toHaveLength(4);
		const passed = (await passedDedupe(runs)).sort((a, b) => a.id - b.id).map((r) => r.passed);
		expect(passed).toEqual([1, 1, 1, 0]);
		measured.push([
			'One signed delivery sent four times inside the window, to processors A, B, A, B',
			'2 executions (A and B each accepted it once and acknowledged their repeat with 200); Remove Duplicates on `{{ $json.delivery_id }}` passed 1 of them',
			'Replay memory holds per processor; across processors, Remove Duplicates (n8n’s deduplication store, in the shared database) stops the second one',
		]);
	});
});

describe('queue mode: a campaign over both workers', () => {
	it(`${CAMPAIGN_CALLS} leads as two executions at once on one paced credential: every lead dialled once`, async () => {
		await control(env, 'PUT', '/limits/butter', { enabled: true });
		await control(env, 'PUT', '/butter/plan', { plan: 'starter' });
		const dialledBefore = env.sandbox.state.ledger.query({
			platform: 'butter',
			action: 'call.dialed',
		}).entries.length;
		const requestsBefore = env.sandbox.state.requests.filter((r) => r.platform === 'butter').length;
		const startedAt = Date.now();
		const halves = [5557000000, 5558000000];
		const answers = await Promise.all(
			halves.map(async (first) => {
				const answer = await fetch(`${env.queue.url}/webhook/queue-campaign`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ first, count: CAMPAIGN_CALLS / 2 }),
				});
				await answer.arrayBuffer();
				return answer.status;
			}),
		);
		const seconds = (Date.now() - startedAt) / 1000;
		await control(env, 'PUT', '/limits/butter', { enabled: false });
		const runs = await finished(QUEUE.campaign, 2);
		const results = await Promise.all(
			runs.map(async (run) => [run.status, failureOf(await executionRun(env, run.id))]),
		);
		expect(results).toEqual([
			['success', ''],
			['success', ''],
		]);
		expect(answers).toEqual([200, 200]);
		const workers = onWorkers(runs).sort();
		// One job at a time per worker: two executions at once must be on both.
		expect(workers).toEqual(['worker-1', 'worker-2']);
		const dials = env.sandbox.state.ledger
			.query({ platform: 'butter', action: 'call.dialed' })
			.entries.slice(dialledBefore)
			.map((entry) => String(entry.details.phone));
		expect(dials).toHaveLength(CAMPAIGN_CALLS);
		expect(new Set(dials).size).toBe(CAMPAIGN_CALLS);
		const butterRequests = env.sandbox.state.requests
			.filter((r) => r.platform === 'butter')
			.slice(requestsBefore);
		const refused = butterRequests.filter((r) => r.status === 429).length;
		measured.push([
			`Campaign of ${CAMPAIGN_CALLS} Butter calls, two executions at once, one on each worker, Starter plan (10 requests/s)`,
			`${CAMPAIGN_CALLS} dialled once each, 0 duplicates; ${refused} × 429 of ${butterRequests.length} requests (${((100 * refused) / Math.max(1, butterRequests.length)).toFixed(1)} %); ${(CAMPAIGN_CALLS / seconds).toFixed(1)} calls/s overall`,
			'Nothing dialled twice; each worker paces alone (the pacer is per process), so 429s show where two workers share one key — each halves its rate on a 429 and the platform’s Retry-After is waited out',
		]);
	});
});

describe('queue mode: main restarts, deactivation cleans up once', () => {
	it('after main restarts the triggers keep their registrations and deliveries still run', async () => {
		const subscriptionsBefore = [...env.sandbox.state.aitelier.webhooks.values()]
			.map((w) => w.id)
			.sort();
		const numberBefore = env.sandbox.state.butter.phoneNumbers.find(
			(n) => n.id === LOOP_BUTTER_NUMBER,
		)?.webhook_url;
		await env.queue.restartMain();
		await env.rest!.ownerLogin();
		// Main re-activates published workflows as it starts; give it time to (not) change anything.
		await new Promise((resolve) => setTimeout(resolve, 3000));
		expect([...env.sandbox.state.aitelier.webhooks.values()].map((w) => w.id).sort()).toEqual(
			subscriptionsBefore,
		);
		expect(
			env.sandbox.state.butter.phoneNumbers.find((n) => n.id === LOOP_BUTTER_NUMBER)?.webhook_url,
		).toBe(numberBefore);
		const before = (await executionsOf(env, LOOP.buildVoiceAi)).length;
		const delivery = bvaiDelivery('after-restart', 'msg_after_restart');
		const status = (
			await fetch(url(HOOK.buildVoiceAi), {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...delivery.headers },
				body: delivery.body,
			})
		).status;
		expect(status).toBe(200);
		await finished(LOOP.buildVoiceAi, before + 1);
		measured.push([
			'Main restarted with every trigger published',
			'Aitelier subscriptions and the Butter number unchanged; a delivery after the restart ran',
			'Registrations live in the database; webhook processors never stopped serving',
		]);
	});

	it('deactivating through main deletes the Aitelier subscription and frees the Butter number, once each', async () => {
		const subscription = [...env.sandbox.state.aitelier.webhooks.values()].find(
			(w) => w.url === url(HOOK.aitelier),
		)!;
		const deletesBefore = requestsTo('aitelier', 'DELETE', /^\/webhooks\//).length;
		await env.rest!.post(`/rest/workflows/${LOOP.aitelier}/deactivate`, {});
		await env.rest!.post(`/rest/workflows/${LOOP.butter}/deactivate`, {});
		await waitFor(
			async () => ({
				subscription: env.sandbox.state.aitelier.webhooks.has(subscription.id),
				number: env.sandbox.state.butter.phoneNumbers.find((n) => n.id === LOOP_BUTTER_NUMBER)
					?.webhook_url,
			}),
			(state) => !state.subscription && !String(state.number ?? '').startsWith(url(HOOK.butter)),
			'deactivation to clean up',
		);
		await new Promise((resolve) => setTimeout(resolve, 2000));
		const deletes = requestsTo('aitelier', 'DELETE', /^\/webhooks\//).slice(deletesBefore);
		expect(deletes.map((r) => r.path)).toEqual([`/webhooks/${subscription.id}`]);
		// The other Aitelier subscriptions stay.
		expect(env.sandbox.state.aitelier.webhooks.size).toBe(3);
		measured.push([
			'Deactivation through main',
			'1 DELETE of the subscription; the Butter number released; other subscriptions kept',
			'Lifecycle runs on main only, once',
		]);
	});
});
