import {
	AITELIER_FOLLOW_UP_WEBHOOK_ID,
	AITELIER_RETRY_WEBHOOK_ID,
	EXAMPLE_WORKFLOWS,
	productionWebhookUrl,
} from '../../runner/setup';
import { SANDBOX_KEYS, SANDBOX_WEBHOOK_SECRETS } from '../../sandbox/keys';
import type { LoggedRequest } from '../../sandbox/ledger';
import { signPayload } from '../../sandbox/signing';
import {
	control,
	type E2eEnvironment,
	executeWorkflow,
	executionRun,
	executionsOf,
	failureOf,
	jsonOf,
	settled,
	startEnvironment,
	stopEnvironment,
	waitFor,
	type WorkflowRun,
} from './helpers';
import { LOOP, LOOP_BUTTER_NUMBER, LOOP_HOOK } from './loopWorkflows';

/**
 * Full loops in a running n8n: workflows place calls, the sandbox's call simulators send signed
 * lifecycle webhooks to published trigger workflows, and those record each outcome by posting it
 * back to the sandbox. Then the examples that hang off those events (post-call follow-up, missed
 * call retry), the paced Butter campaign and the knowledge base sync — and deliveries that are
 * forged (401) or replayed (200 as a duplicate), which must leave no execution behind.
 */

jest.setTimeout(300_000);

const HOOK = LOOP_HOOK;
const KB_AGENT = 'agent_3637c49e9834';

const leads = [1, 2, 3, 4, 5].map((n) => ({
	lead: `LOOP-${n}`,
	butter: `+1555880000${n}`,
	buildVoiceAi: `+1555881000${n}`,
	aitelier: `+1555882000${n}`,
}));
/** How each lead's call ends, per platform (the sandbox's outcome settings). */
const OUTCOMES = {
	butter: ['completed', 'completed', 'completed', 'no-answer', 'busy'],
	buildVoiceAi: ['completed', 'completed', 'completed', 'failed', 'no-answer'],
	aitelier: ['completed', 'completed', 'real_conversation', 'no-answer', 'failed'],
};

interface Outcome {
	platform: string;
	event: string;
	status: string;
	call_id: string;
	lead_id: string;
	seq: number;
}

let env: E2eEnvironment;
const url = (webhookId: string) => productionWebhookUrl(env.n8n!.url, webhookId);
const outcomes = async () =>
	(await control<{ outcomes: Outcome[] }>(env, 'GET', '/outcomes-received')).outcomes;
const requests = (platform: string, method: string, path: string) =>
	env.sandbox.state.requests.filter(
		(r) => r.platform === platform && r.method === method && r.path === path,
	);

beforeAll(async () => {
	env = await startEnvironment({
		workflows: [
			'loop-place-calls.json',
			'loop-butter-outcomes.json',
			'loop-buildvoiceai-outcomes.json',
			'loop-aitelier-outcomes.json',
		],
		prepareSandbox: async (started) => {
			const byPhone = (platform: keyof typeof OUTCOMES) =>
				Object.fromEntries(leads.map((l, i) => [l[platform], OUTCOMES[platform][i]]));
			await control(started, 'PUT', '/butter/outcomes', byPhone('butter'));
			await control(started, 'PUT', '/buildvoiceai/outcomes', byPhone('buildVoiceAi'));
			await control(started, 'PUT', '/aitelier/outcomes', byPhone('aitelier'));
			await control(started, 'PUT', '/butter/callback-settings', { stepDelayMs: 20 });
			await control(started, 'PUT', '/aitelier/simulation', { stepDelayMs: 20 });
			await control(started, 'PUT', `/buildvoiceai/accounts/${SANDBOX_KEYS.buildVoiceAi.primary}`, {
				callDurationMs: 300,
			});
			// Aitelier dials at most 5 calls a minute per project; this file places more than that in a few seconds.
			await control(started, 'PUT', '/limits/aitelier', {
				outboundPerMinute: { limit: 100, windowMs: 60_000 },
			});
		},
		publishLive: [
			LOOP.butter,
			LOOP.buildVoiceAi,
			LOOP.aitelier,
			EXAMPLE_WORKFLOWS.aitelierFollowUp,
			EXAMPLE_WORKFLOWS.aitelierRetry,
		],
	});
	// BuildVoiceAI has no API to register webhooks: its settings page is where the URL is saved.
	await control(env, 'PUT', `/buildvoiceai/accounts/${SANDBOX_KEYS.buildVoiceAi.primary}/webhook`, {
		url: url(HOOK.buildVoiceAi),
		secret: SANDBOX_WEBHOOK_SECRETS.buildVoiceAi,
		scheme: 'standardWebhooks',
	});
	// Publishing answers before n8n has finished activating: wait until each production URL is
	// served (an unsigned POST is refused with 401, not 404) and the triggers have registered.
	for (const hook of [
		...Object.values(HOOK),
		AITELIER_FOLLOW_UP_WEBHOOK_ID,
		AITELIER_RETRY_WEBHOOK_ID,
	]) {
		await waitFor(
			async () => (await fetch(url(hook), { method: 'POST', body: '{}' })).status,
			(status) => status === 401,
			`n8n to serve ${hook}`,
		);
	}
	await waitFor(
		async () => [...env.sandbox.state.aitelier.webhooks.values()].length,
		(count) =>
			count === 3 &&
			// The Butter trigger registers its URL with this activation's secret token.
			env.sandbox.state.butter.phoneNumbers.some((n) =>
				String(n.webhook_url).startsWith(`${url(HOOK.butter)}?token=`),
			),
		'the triggers to register',
	);
}, 900_000);

afterAll(() => stopEnvironment(env));

async function execute(workflowId: string): Promise<WorkflowRun> {
	const run = await executeWorkflow(env, workflowId);
	expect({ status: run.status, failure: failureOf(run) }).toEqual({
		status: 'success',
		failure: '',
	});
	return run;
}

/** Every execution of a workflow, finished, with its run data. */
async function finishedRuns(workflowId: string, count: number): Promise<WorkflowRun[]> {
	const list = await waitFor(
		() => executionsOf(env, workflowId),
		settled(count),
		`${count} executions of ${workflowId}`,
		60_000,
	);
	expect(list).toHaveLength(count);
	return await Promise.all(list.map((execution) => executionRun(env, execution.id)));
}

/** The node that ran last in a run and what it put out. */
const ranNode = (run: WorkflowRun, node: string) => Boolean(run.data.resultData.runData[node]);

let placed: Record<'butter' | 'buildVoiceAi' | 'aitelier', Array<Record<string, unknown>>>;

describe('call → signed lifecycle webhooks → published trigger workflow → outcome recorded', () => {
	it('the triggers registered themselves where the platform allows it', () => {
		const number = env.sandbox.state.butter.phoneNumbers.find((n) => n.id === LOOP_BUTTER_NUMBER);
		// Butter documents no signing: the trigger's default is a ≥ 128-bit token in the URL it registers.
		const registered = new URL(String(number?.webhook_url));
		expect(`${registered.origin}${registered.pathname}`).toBe(url(HOOK.butter));
		expect(registered.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const subscriptions = [...env.sandbox.state.aitelier.webhooks.values()].map((w) => [
			w.url,
			w.events,
		]);
		expect(subscriptions).toEqual(
			expect.arrayContaining([
				[url(HOOK.aitelier), ['call.completed', 'call.failed']],
				[url(AITELIER_FOLLOW_UP_WEBHOOK_ID), ['call.completed']],
				[url(AITELIER_RETRY_WEBHOOK_ID), ['call.failed']],
			]),
		);
	});

	it('five calls per platform: every call’s outcome arrives exactly once', async () => {
		const run = await execute(LOOP.placeCalls);
		placed = {
			butter: jsonOf(run, 'Butter AI Call'),
			buildVoiceAi: jsonOf(run, 'BuildVoiceAI Call'),
			aitelier: jsonOf(run, 'Aitelier Call'),
		};
		const ids = {
			butter: placed.butter.map((c) => String(c.id)),
			buildvoiceai: placed.buildVoiceAi.map((c) => String(c.call_id)),
			aitelier: placed.aitelier.map((c) => String(c.id)),
		};
		for (const list of Object.values(ids)) expect(new Set(list).size).toBe(5);
		for (const platform of ['butter', 'buildvoiceai', 'aitelier']) {
			expect(
				env.sandbox.state.ledger.query({ platform, action: 'call.dialed' }).entries,
			).toHaveLength(5);
		}

		// Every trigger workflow ran once per terminal event — and only for those it selected.
		for (const workflowId of [LOOP.butter, LOOP.buildVoiceAi, LOOP.aitelier]) {
			const runs = await waitFor(
				() => executionsOf(env, workflowId),
				settled(5),
				`five outcomes in ${workflowId}`,
				60_000,
			);
			expect(runs.map((r) => r.status)).toEqual(Array(5).fill('success'));
		}
		await waitFor(outcomes, (list) => list.length >= 15, 'fifteen outcomes');
		// A duplicate would be a re-sent delivery (the senders retry after 500 ms): give it time to show.
		await new Promise((resolve) => setTimeout(resolve, 1500));
		for (const workflowId of [LOOP.butter, LOOP.buildVoiceAi, LOOP.aitelier])
			expect(await executionsOf(env, workflowId)).toHaveLength(5);
		const final = await outcomes();
		expect(final).toHaveLength(15);

		const seen = (platform: string) =>
			final
				.filter((o) => o.platform === platform)
				.map((o) => [o.lead_id, o.call_id, o.event, o.status])
				.sort();
		const expected = (platform: string, events: string[], statuses: string[]) =>
			leads
				.map((l, i) => [l.lead, ids[platform as keyof typeof ids][i], events[i], statuses[i]])
				.sort();
		expect(seen('butter')).toEqual(
			expected(
				'butter',
				['call.completed', 'call.completed', 'call.completed', 'call.failed', 'call.failed'],
				OUTCOMES.butter,
			),
		);
		expect(seen('buildvoiceai')).toEqual(
			expected(
				'buildvoiceai',
				['call.completed', 'call.completed', 'call.completed', 'call.failed', 'call.failed'],
				OUTCOMES.buildVoiceAi,
			),
		);
		expect(seen('aitelier')).toEqual(
			expected(
				'aitelier',
				['call.completed', 'call.completed', 'call.completed', 'call.failed', 'call.failed'],
				['completed', 'completed', 'completed', 'failed', 'failed'],
			),
		);
		// The senders saw each delivery accepted at the first attempt: nothing was re-sent. (Butter's
		// callback URL carries the trigger's token in its query.)
		for (const hook of Object.values(HOOK)) {
			const attempts = env.sandbox.state.webhooks.attempts.filter(
				(a) => a.url.split('?')[0] === url(hook),
			);
			expect(attempts.length).toBeGreaterThanOrEqual(5);
			expect(attempts.every((a) => a.status === 200 && a.attempt === 1)).toBe(true);
		}
	});
});

describe('examples driven by those calls', () => {
	it('post-call follow-up: each completed Aitelier call is fetched with its transcript and routed by outcome', async () => {
		const runs = await finishedRuns(EXAMPLE_WORKFLOWS.aitelierFollowUp, 3);
		const records = runs.map((run) => {
			expect({ status: run.status, failure: failureOf(run) }).toEqual({
				status: 'success',
				failure: '',
			});
			const [record] = jsonOf(run, 'Follow-up Record');
			const branch = ranNode(run, 'Confirm Appointment')
				? 'Confirm Appointment'
				: 'Hand to Sales Rep';
			expect(ranNode(run, 'Confirm Appointment') && ranNode(run, 'Hand to Sales Rep')).toBe(false);
			const [next] = jsonOf(run, branch);
			return { record, branch, next };
		});
		records.sort((a, b) => String(a.record.lead_id).localeCompare(String(b.record.lead_id)));
		expect(
			records.map((r) => [
				r.record.lead_id,
				r.record.phone,
				r.record.outcome,
				r.record.goal_achieved,
				r.branch,
				r.next.next_step,
			]),
		).toEqual([
			['LOOP-1', leads[0].aitelier, 'success', true, 'Confirm Appointment', 'send_confirmation'],
			['LOOP-2', leads[1].aitelier, 'success', true, 'Confirm Appointment', 'send_confirmation'],
			[
				'LOOP-3',
				leads[2].aitelier,
				'real_conversation',
				false,
				'Hand to Sales Rep',
				'sales_rep_callback',
			],
		]);
		for (const { record, next } of records) {
			const session = [...env.sandbox.state.aitelier.sessions.values()].find(
				(s) => s.call_id === record.call_id,
			)!;
			expect(record.call_id).toBe(placed.aitelier.find((c) => c.phone === record.phone)?.id);
			// The transcript the API served, one "speaker: text" line per turn.
			expect(String(record.transcript).split('\n').length).toBeGreaterThan(1);
			expect(record.transcript).toMatch(/^agent: /);
			expect(record.summary).toContain(`after ${session.duration_seconds} s`);
			if (record.goal_achieved) {
				expect(record.appointment_date).toBe(session.slot_values.appointment_date);
				expect(next.message).toBe(
					`Thanks! You are booked for ${String(session.slot_values.appointment_date)}.`,
				);
			} else {
				expect(next.message).toBe('Call back lead LOOP-3 (real_conversation)');
			}
		}
		// Fetched for real: one call and one transcript request per completed call.
		expect(requests('aitelier', 'GET', '/calls/' + String(records[0].record.call_id))).toHaveLength(
			1,
		);
		const transcripts = env.sandbox.state.requests.filter(
			(r) => r.platform === 'aitelier' && /\/sessions\/[^/]+\/transcript$/.test(r.path),
		);
		expect(transcripts).toHaveLength(3);
	});

	it('missed-call retry: a no-answer is rescheduled two hours after the failure, once; a failed call is marked unreachable', async () => {
		const runs = await finishedRuns(EXAMPLE_WORKFLOWS.aitelierRetry, 2);
		for (const run of runs)
			expect({ status: run.status, failure: failureOf(run) }).toEqual({
				status: 'success',
				failure: '',
			});
		const noAnswer = placed.aitelier[3];
		const failed = placed.aitelier[4];
		const retried = runs.find((run) => ranNode(run, 'Schedule Retry Call'))!;
		const unreachable = runs.find((run) => ranNode(run, 'Mark Unreachable'))!;
		expect(retried).toBeDefined();
		expect(unreachable).toBeDefined();
		expect(jsonOf(unreachable, 'Mark Unreachable')).toEqual([
			{ lead_id: 'LOOP-5', phone: leads[4].aitelier, reason: 'call_failed' },
		]);

		const failedEvent = jsonOf(retried, 'Call Failed')[0] as {
			created_at: string;
			data: { id: string };
		};
		expect(failedEvent.data.id).toBe(noAnswer.id);
		const retryAt = new Date(Date.parse(failedEvent.created_at) + 2 * 3_600_000).toISOString();
		const [scheduled] = jsonOf(retried, 'Schedule Retry Call');
		expect(scheduled).toMatchObject({
			status: 'queued',
			phone: leads[3].aitelier,
			scheduled_for: retryAt,
			metadata: { lead_id: 'LOOP-4', attempt: 2, retry_of: noAnswer.id },
		});
		const posts = requests('aitelier', 'POST', '/calls').filter(
			(r) => r.headers['idempotency-key'] === `retry-${String(noAnswer.id)}`,
		);
		expect(posts.map((r) => r.body)).toEqual([
			{
				scenario: 'scn_outbound_demo0001',
				phone: leads[3].aitelier,
				metadata: { lead_id: 'LOOP-4', attempt: 2, retry_of: noAnswer.id },
				scheduled_for: retryAt,
			},
		]);
		// Scheduled, not dialled yet; the failed call got no retry.
		expect(env.sandbox.state.aitelier.calls.get(String(scheduled.id))?.status).toBe('queued');
		expect(
			requests('aitelier', 'POST', '/calls').filter(
				(r) => (r.body as { phone?: string }).phone === failed.phone,
			),
		).toHaveLength(1);

		// Aitelier re-sends the same event (a new delivery of it): the retry is asked for again with
		// the same key and body, and Aitelier answers with the first call — nobody is scheduled twice.
		const subscription = [...env.sandbox.state.aitelier.webhooks.values()].find(
			(w) => w.url === url(AITELIER_RETRY_WEBHOOK_ID),
		)!;
		const redelivered = await env.sandbox.state.webhooks.deliver({
			url: subscription.url,
			scheme: 'standardWebhooks',
			secret: subscription.secret,
			payload: {
				id: 'evt_redelivered0001',
				type: 'call.failed',
				created_at: failedEvent.created_at,
				data: failedEvent.data,
			},
		});
		expect(redelivered.delivered).toBe(true);
		const again = await finishedRuns(EXAMPLE_WORKFLOWS.aitelierRetry, 3);
		const rerun = again.find(
			(run) => jsonOf(run, 'Call Failed')[0]?.event_id === 'evt_redelivered0001',
		)!;
		expect({ status: rerun.status, failure: failureOf(rerun) }).toEqual({
			status: 'success',
			failure: '',
		});
		expect(jsonOf(rerun, 'Schedule Retry Call')[0].id).toBe(scheduled.id);
		const retries = requests('aitelier', 'POST', '/calls').filter(
			(r) => r.headers['idempotency-key'] === `retry-${String(noAnswer.id)}`,
		);
		expect(retries.map((r) => r.status)).toEqual([201, 201]);
		expect(
			[...env.sandbox.state.aitelier.calls.values()].filter(
				(c) => c.metadata.retry_of === noAnswer.id,
			),
		).toHaveLength(1);
	});

	it('outbound campaign from a list: Butter AI calls paced by Request Options → Batching, each lead dialled once', async () => {
		const before = env.sandbox.state.requests.length;
		const run = await execute(EXAMPLE_WORKFLOWS.butterCallList);
		const calls = jsonOf(run, 'Call Lead');
		expect(calls).toHaveLength(8);
		const phones = calls.map((c) => c.to_number);
		expect(new Set(phones).size).toBe(8);
		const dialled = env.sandbox.state.ledger.query({ platform: 'butter', action: 'call.dialed' });
		for (const call of calls)
			expect(dialled.entries.filter((e) => e.resourceId === call.id)).toHaveLength(1);
		expect(dialled.duplicates).toEqual([]);
		// Four, a pause of the batch interval (1 s), then the next four.
		const posts = env.sandbox.state.requests
			.slice(before)
			.filter((r: LoggedRequest) => r.method === 'POST' && r.path === '/v1/calls');
		const at = posts.map((r) => Date.parse(r.at));
		expect(posts).toHaveLength(8);
		const gaps = at.slice(1).map((time, i) => time - at[i]);
		expect({ gaps, longest: gaps.indexOf(Math.max(...gaps)) }).toEqual({ gaps, longest: 3 });
		expect(at[4] - at[0]).toBeGreaterThanOrEqual(950);
	});

	it('knowledge base sync: stale documents deleted, missing articles added, the help centre re-crawled; a second run changes nothing', async () => {
		const butter = `${env.sandbox.url}/butter/v1/knowledge-base`;
		const seed = async (name: string, agentId: string) => {
			const answer = await fetch(butter, {
				method: 'POST',
				headers: {
					authorization: `Bearer ${SANDBOX_KEYS.butter.owner}`,
					'content-type': 'application/json',
				},
				body: JSON.stringify({ name, text: `${name} (as published last year)`, agent_id: agentId }),
			});
			expect(answer.status).toBe(201);
			return ((await answer.json()) as { data: { id: string } }).data.id;
		};
		const kept = await seed('Opening hours', KB_AGENT);
		const stale = await seed('Holiday hours 2025', KB_AGENT);
		const otherAgents = await seed('Holiday hours 2025', 'agent_409b7f7e7659');
		const before = env.sandbox.state.requests.length;

		const run = await execute(EXAMPLE_WORKFLOWS.knowledgeSync);
		const sent = env.sandbox.state.requests.slice(before);
		expect(sent.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
			`/v1/knowledge-base/${stale}`,
		]);
		// n8n sends a node's items concurrently: the two uploads may arrive in either order.
		const added = sent
			.filter((r) => r.method === 'POST' && r.path === '/v1/knowledge-base')
			.map((r) => r.body as { name: string; text: string });
		expect(added.map((d) => d.name).sort()).toEqual(['Pricing', 'Returns policy']);
		expect(added.find((d) => d.name === 'Pricing')?.text).toBe(
			'Starter: 49 EUR per month. Pro: 199 EUR per month. Annual plans get two months free.',
		);
		expect(jsonOf(run, 'Add Document').map((d) => [d.name, d.type, d.agent_id])).toEqual([
			['Pricing', 'text', KB_AGENT],
			['Returns policy', 'text', KB_AGENT],
		]);
		expect(jsonOf(run, 'Re-crawl Help Centre')).toEqual([
			expect.objectContaining({ url: 'https://help.example.com', max_pages: 50, status: 'queued' }),
		]);
		const documents = () =>
			env.sandbox.state.butter.documents
				.map(
					(d) =>
						`${String(d.agent_id)} · ${d.name} · ${d.id === kept || d.id === otherAgents ? 'seeded' : 'synced'}`,
				)
				.sort();
		const synced = [
			`${KB_AGENT} · Opening hours · seeded`,
			`${KB_AGENT} · Pricing · synced`,
			`${KB_AGENT} · Returns policy · synced`,
			// Another agent's document of the same name is not the sync's business.
			'agent_409b7f7e7659 · Holiday hours 2025 · seeded',
		].sort();
		expect(documents()).toEqual(synced);

		const second = env.sandbox.state.requests.length;
		await execute(EXAMPLE_WORKFLOWS.knowledgeSync);
		const resent = env.sandbox.state.requests.slice(second);
		expect(resent.filter((r) => r.platform === 'butter' && r.method !== 'GET')).toEqual([]);
		expect(resent.filter((r) => r.platform === 'aitelier').map((r) => [r.method, r.path])).toEqual([
			['POST', '/knowledge/crawl'],
		]);
		expect(documents()).toEqual(synced);
	});
});

describe('forged and replayed deliveries', () => {
	const post = async (target: string, body: string, headers: Record<string, string>) =>
		(
			await fetch(target, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body,
			})
		).status;

	const cases = () => {
		const aitelier = [...env.sandbox.state.aitelier.webhooks.values()].find(
			(w) => w.url === url(HOOK.aitelier),
		)!;
		return [
			{
				name: 'BuildVoiceAI',
				workflowId: LOOP.buildVoiceAi,
				target: url(HOOK.buildVoiceAi),
				secret: SANDBOX_WEBHOOK_SECRETS.buildVoiceAi,
				payload: {
					event: 'call.completed',
					call_id: 'replay-probe-bvai',
					status: 'completed',
					metadata: { lead_id: 'PROBE-BVAI' },
				},
			},
			{
				name: 'Aitelier',
				workflowId: LOOP.aitelier,
				target: url(HOOK.aitelier),
				secret: aitelier.secret,
				payload: {
					id: 'evt_probe0001',
					type: 'call.completed',
					created_at: new Date().toISOString(),
					data: {
						id: 'replay-probe-aitelier',
						status: 'completed',
						metadata: { lead_id: 'PROBE-AITELIER' },
					},
				},
			},
		];
	};

	it('badly signed deliveries to every trigger get 401 and start nothing', async () => {
		const aitelier = cases().find((c) => c.name === 'Aitelier')!;
		const bvai = cases().find((c) => c.name === 'BuildVoiceAI')!;
		const targets = [
			{
				...bvai,
				scheme: 'standardWebhooks' as const,
				mutations: ['wrongSecret', 'tamperBody', 'staleTimestamp', 'dropSignature'] as const,
			},
			{
				...aitelier,
				scheme: 'standardWebhooks' as const,
				mutations: ['wrongSecret', 'tamperBody', 'staleTimestamp', 'dropSignature'] as const,
			},
			// Butter's callbacks are unsigned: what proves them is the token in the registered URL.
			...[url(HOOK.butter), `${url(HOOK.butter)}?token=${'A'.repeat(43)}`].map((target) => ({
				name: target.includes('?') ? 'Butter AI (wrong token)' : 'Butter AI (no token)',
				workflowId: LOOP.butter,
				target,
				secret: '',
				scheme: 'none' as const,
				payload: {
					call_sid: 'call_forged00001',
					status: 'completed',
					duration: 12,
					timestamp: new Date().toISOString(),
					metadata: { lead_id: 'FORGED' },
				},
				mutations: ['dropSignature'] as const,
			})),
		];
		// Counted once nothing is running, so that only a new execution can change the count.
		const counts = await Promise.all(
			targets.map(
				async (t) =>
					(
						await waitFor(
							() => executionsOf(env, t.workflowId),
							settled(0),
							`${t.name} runs to finish`,
						)
					).length,
			),
		);
		const recorded = (await outcomes()).length;
		for (const target of targets) {
			for (const mutate of target.mutations) {
				const sent = await env.sandbox.state.webhooks.deliver({
					url: target.target,
					scheme: target.scheme,
					secret: target.secret,
					payload: { ...target.payload, forged: mutate },
					mutate,
				});
				expect([target.name, mutate, sent.attempts.map((a) => a.status)]).toEqual([
					target.name,
					mutate,
					[401],
				]);
			}
		}
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(
			await Promise.all(targets.map(async (t) => (await executionsOf(env, t.workflowId)).length)),
		).toEqual(counts);
		expect(await outcomes()).toHaveLength(recorded);
	});

	it('Butter AI: a repeated status callback (same call and status) is answered 200 and leaves one execution', async () => {
		const number = env.sandbox.state.butter.phoneNumbers.find((n) => n.id === LOOP_BUTTER_NUMBER);
		const target = String(number?.webhook_url);
		const before = (await executionsOf(env, LOOP.butter)).length;
		const recorded = (await outcomes()).length;
		const body = JSON.stringify({
			call_sid: 'call_dupprobe0001',
			status: 'completed',
			duration: 7,
			timestamp: new Date().toISOString(),
			metadata: { lead_id: 'PROBE-BUTTER-DUP' },
		});
		expect(await post(target, body, {})).toBe(200);
		await waitFor(() => executionsOf(env, LOOP.butter), settled(before + 1), 'the first callback');
		await waitFor(outcomes, (list) => list.length === recorded + 1, 'its outcome');
		// A platform retry: acknowledged, never a second run (the memory lives in the n8n process).
		expect(await post(target, body, {})).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await executionsOf(env, LOOP.butter)).toHaveLength(before + 1);
		expect(await outcomes()).toHaveLength(recorded + 1);
	});

	it.each(['BuildVoiceAI', 'Aitelier'])(
		// Issue 15: a verified duplicate is answered 200 (a platform's retry is no failure) and starts nothing.
		'%s: a replayed delivery (same webhook-id) gets 200 as a duplicate and leaves no execution',
		async (name) => {
			const probe = cases().find((c) => c.name === name)!;
			const before = (await executionsOf(env, probe.workflowId)).length;
			const recorded = (await outcomes()).length;
			const body = JSON.stringify(probe.payload);
			const headers = signPayload(body, {
				scheme: 'standardWebhooks',
				secret: probe.secret,
				webhookId: `msg_replay_${name}`,
			});

			const accepted = await fetch(probe.target, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body,
			});
			expect(accepted.status).toBe(200);
			// A JSON acknowledgement, not n8n's fallback text "firstEntryJson".
			expect(await accepted.json()).toEqual({ message: 'Workflow was started' });
			await waitFor(
				() => executionsOf(env, probe.workflowId),
				settled(before + 1),
				'the genuine delivery',
			);
			await waitFor(outcomes, (list) => list.length === recorded + 1, 'its outcome');
			// Byte for byte the same request again, well inside the replay window.
			// n8n 2.41 does not save static data a production webhook() changes once the workflow has
			// static data, so the triggers keep their replay memory in the n8n process (static data is
			// only its backup): this proves it holds in a real n8n.
			expect(await post(probe.target, body, headers)).toBe(200);
			// A fresh message id (and, for Aitelier, a fresh event id — the payload's own id marks a
			// duplicate too) is a new delivery as far as the receiver can tell: accepted.
			const freshBody =
				probe.name === 'Aitelier'
					? JSON.stringify({ ...probe.payload, id: 'evt_probe0002' })
					: body;
			const fresh = signPayload(freshBody, {
				scheme: 'standardWebhooks',
				secret: probe.secret,
				webhookId: `msg_fresh_${name}`,
			});
			expect(await post(probe.target, freshBody, fresh)).toBe(200);

			const after = await waitFor(
				() => executionsOf(env, probe.workflowId),
				settled(before + 2),
				'the fresh delivery',
			);
			await new Promise((resolve) => setTimeout(resolve, 1000));
			expect(await executionsOf(env, probe.workflowId)).toHaveLength(before + 2);
			expect(after.every((run) => run.status === 'success')).toBe(true);
			const probes = (await outcomes()).filter((o) => String(o.call_id).startsWith('replay-probe'));
			expect(
				probes.filter(
					(o) =>
						o.call_id ===
						(probe.name === 'Aitelier' ? 'replay-probe-aitelier' : 'replay-probe-bvai'),
				),
			).toHaveLength(2);
		},
	);
});
