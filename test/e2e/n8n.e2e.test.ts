import {
	AITELIER_EVENTS_WEBHOOK_ID,
	BUILDVOICEAI_EVENTS_WEBHOOK_ID,
	BUTTER_EVENTS_WEBHOOK_ID,
	EXAMPLE_WORKFLOWS,
	productionWebhookUrl,
} from '../../runner/setup';
import { SANDBOX_KEYS, SANDBOX_WEBHOOK_SECRETS } from '../../sandbox/keys';
import type { LedgerEntry } from '../../sandbox/ledger';
import {
	control,
	type E2eEnvironment,
	executeWorkflow,
	executionText,
	executionsOf as executionsIn,
	failureOf,
	jsonOf,
	settled,
	startEnvironment,
	stopEnvironment,
	waitFor,
} from './helpers';

jest.setTimeout(300_000);

let env: E2eEnvironment;
const sandbox = () => env.sandbox;
const rest = () => env.rest!;

/** Runs an example workflow with `n8n execute` and returns the last node's output items. */
async function execute(workflowId: string): Promise<Array<Record<string, unknown>>> {
	const run = await executeWorkflow(env, workflowId);
	expect({ status: run.status, failure: failureOf(run) }).toEqual({
		status: 'success',
		failure: '',
	});
	return jsonOf(run, run.data.resultData.lastNodeExecuted!);
}

const executionsOf = (workflowId: string) => executionsIn(env, workflowId);
const eventExecutions = () => executionsOf(EXAMPLE_WORKFLOWS.buildVoiceAiEvents);

beforeAll(async () => {
	env = await startEnvironment({
		// The three event examples this file drives; the others are published by loops.e2e.test.ts.
		publish: [
			EXAMPLE_WORKFLOWS.buildVoiceAiEvents,
			EXAMPLE_WORKFLOWS.butterEvents,
			EXAMPLE_WORKFLOWS.aitelierEvents,
		],
		server: true,
	});
	sandbox().state.buildVoiceAi.accounts[SANDBOX_KEYS.buildVoiceAi.primary].callDurationMs = 500;
	sandbox().state.butter.callbacks.stepDelayMs = 20;
	// Dial the demo campaign quickly: the simulator's delays are settings of the sandbox.
	await control(env, 'PUT', '/aitelier/simulation', { stepDelayMs: 10, batchRowIntervalMs: 5 });
	sandbox().state.buildVoiceAi.accounts[SANDBOX_KEYS.buildVoiceAi.primary].webhook = {
		url: productionWebhookUrl(env.n8n!.url, BUILDVOICEAI_EVENTS_WEBHOOK_ID),
		secret: SANDBOX_WEBHOOK_SECRETS.buildVoiceAi,
		scheme: 'standardWebhooks',
		eventStyle: 'dotted',
	};
}, 1_200_000);

afterAll(() => stopEnvironment(env));

const ledger = (platform: string) =>
	sandbox().state.ledger.query({ platform }).entries as LedgerEntry[];

describe('real n8n 2.41.1 with the package installed as a community package', () => {
	it('n8n loaded every node of the package, and each action node as an AI-agent tool', async () => {
		const types = await rest().getRaw<Array<{ name: string }>>('/types/nodes.json');
		const ours = types
			.map((t) => t.name)
			.filter((name) => name.startsWith('n8n-nodes-voice-agents.'));
		expect(new Set(ours)).toEqual(
			new Set([
				'n8n-nodes-voice-agents.butterAi',
				'n8n-nodes-voice-agents.butterAiTrigger',
				'n8n-nodes-voice-agents.butterAiToolTrigger',
				'n8n-nodes-voice-agents.butterAiPollingTrigger',
				'n8n-nodes-voice-agents.aitelierPollingTrigger',
				'n8n-nodes-voice-agents.buildVoiceAi',
				'n8n-nodes-voice-agents.buildVoiceAiTrigger',
				'n8n-nodes-voice-agents.aitelier',
				'n8n-nodes-voice-agents.aitelierTrigger',
				// usableAsTool: n8n derives a "<node>Tool" variant for the AI Agent.
				'n8n-nodes-voice-agents.butterAiTool',
				'n8n-nodes-voice-agents.buildVoiceAiTool',
				'n8n-nodes-voice-agents.aitelierTool',
			]),
		);
	});

	it('n8n loaded the three credential types, each with its test and the nodes that use it', async () => {
		const types =
			await rest().getRaw<Array<{ name: string; test?: unknown; supportedNodes?: string[] }>>(
				'/types/credentials.json',
			);
		const ours = types.filter((t) =>
			['butterAiApi', 'buildVoiceAiApi', 'aitelierApi'].includes(t.name),
		);
		expect(ours.map((t) => t.name).sort()).toEqual([
			'aitelierApi',
			'buildVoiceAiApi',
			'butterAiApi',
		]);
		expect(ours.every((t) => t.test !== undefined)).toBe(true);
		const butter = ours.find((t) => t.name === 'butterAiApi');
		expect(butter?.supportedNodes).toEqual(
			expect.arrayContaining([
				'n8n-nodes-voice-agents.butterAi',
				'n8n-nodes-voice-agents.butterAiTrigger',
			]),
		);
	});

	it('Butter AI example: lists agents from the sandbox', async () => {
		const agents = await execute(EXAMPLE_WORKFLOWS.butterAgents);
		expect(agents).toHaveLength(5);
		expect(agents.every((a) => String(a.agent_id ?? a.id).startsWith('agent_'))).toBe(true);
	});

	it('Aitelier example: places one call with the lead id as Idempotency-Key', async () => {
		const [call] = await execute(EXAMPLE_WORKFLOWS.aitelierCall);
		expect(call).toMatchObject({ status: 'queued' });
		const dialled = ledger('aitelier').filter((e) => e.action === 'call.dialed');
		expect(dialled).toHaveLength(1);
		const request = sandbox().state.requests.find(
			(r) => r.platform === 'aitelier' && r.method === 'POST' && r.path === '/calls',
		);
		expect(request?.headers['idempotency-key']).toBe('lead-L-2002');
	});

	it('BuildVoiceAI example places a call; its signed events start the published trigger workflow', async () => {
		const [call] = await execute(EXAMPLE_WORKFLOWS.buildVoiceAiCall);
		expect(call).toMatchObject({
			status: 'initiated',
			input: { phone_number: '+15551230001', metadata: { lead_id: 'L-1001' } },
		});

		const runs = await waitFor(eventExecutions, settled(2), 'two trigger executions');
		expect(runs.map((r) => [r.mode, r.status])).toEqual([
			['webhook', 'success'],
			['webhook', 'success'],
		]);
		const detail = await executionText(env, runs[0].id);
		expect(detail).toContain(String(call.call_id));
		expect(detail).toContain('call.completed');
		const attempts = sandbox().state.webhooks.attempts.filter((a) =>
			a.url.includes(BUILDVOICEAI_EVENTS_WEBHOOK_ID),
		);
		expect(attempts.map((a) => [a.event, a.status])).toEqual([
			['call.started', 200],
			['call.completed', 200],
		]);
	});

	it('Butter AI: activation pointed the phone number at the trigger; a placed call’s callbacks start it', async () => {
		const url = productionWebhookUrl(env.n8n!.url, BUTTER_EVENTS_WEBHOOK_ID);
		const number = sandbox().state.butter.phoneNumbers.find((n) => n.id === 'phon_42206c1e98ec');
		// With the default verification the registered URL carries a ≥ 128-bit token.
		const registered = new URL(String(number?.webhook_url));
		expect(`${registered.origin}${registered.pathname}`).toBe(url);
		expect(registered.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{43}$/);

		const [call] = await execute(EXAMPLE_WORKFLOWS.butterCall);
		expect(call).toMatchObject({ status: 'queued', to_number: '+15551230005' });
		const runs = await waitFor(
			() => executionsOf(EXAMPLE_WORKFLOWS.butterEvents),
			settled(5),
			'five status callbacks',
		);
		expect(runs.every((r) => r.status === 'success')).toBe(true);
		const latest = await executionText(env, runs[0].id);
		expect(latest).toContain(String(call.id));
	});

	it('Aitelier: the trigger registered its own subscription; a campaign from items ends in batch.completed', async () => {
		const url = productionWebhookUrl(env.n8n!.url, AITELIER_EVENTS_WEBHOOK_ID);
		const subscription = [...sandbox().state.aitelier.webhooks.values()].find((w) => w.url === url);
		expect(subscription).toMatchObject({
			active: true,
			events: expect.arrayContaining(['batch.completed']),
		});

		const [batch] = await execute(EXAMPLE_WORKFLOWS.aitelierCampaign);
		expect(batch).toMatchObject({ name: 'Demo campaign', total_rows: 6 });
		const runs = await waitFor(
			() => executionsOf(EXAMPLE_WORKFLOWS.aitelierEvents),
			async (list) => {
				for (const run of list) {
					if ((await executionText(env, run.id)).includes('batch.completed')) return true;
				}
				return false;
			},
			'batch.completed in the trigger workflow',
			60_000,
		);
		// Events keep arriving while we read: runs still in progress are fine, failed ones are not.
		expect(
			runs.filter((r) => !['success', 'running', 'new'].includes(r.status)).map((r) => r.status),
		).toEqual([]);
		const dialled = ledger('aitelier').filter(
			(e) => e.action === 'call.dialed' && (e.details as { batchId?: string }).batchId === batch.id,
		);
		expect(dialled).toHaveLength(6);
	});

	it('a badly signed delivery gets 401 from n8n and runs nothing', async () => {
		const before = (await eventExecutions()).length;
		const url = productionWebhookUrl(env.n8n!.url, BUILDVOICEAI_EVENTS_WEBHOOK_ID);
		const payload = {
			event: 'call.completed',
			call_id: 'forged-0001',
			phone_number: '+15550000000',
		};
		for (const mutate of ['wrongSecret', 'tamperBody'] as const) {
			const sent = await sandbox().state.webhooks.deliver({
				url,
				scheme: 'standardWebhooks',
				secret: SANDBOX_WEBHOOK_SECRETS.buildVoiceAi,
				payload,
				mutate,
			});
			expect(sent.attempts.map((a) => a.status)).toEqual([401]);
		}
		// A correctly signed delivery right after proves the trigger was listening all along.
		const good = await sandbox().state.webhooks.deliver({
			url,
			scheme: 'standardWebhooks',
			secret: SANDBOX_WEBHOOK_SECRETS.buildVoiceAi,
			payload: { ...payload, call_id: 'genuine-0001' },
		});
		expect(good.delivered).toBe(true);
		const after = await waitFor(eventExecutions, settled(before + 1), 'the genuine delivery');
		expect(after).toHaveLength(before + 1);
		const latest = await executionText(env, after[0].id);
		expect(latest).toContain('genuine-0001');
		expect(latest).not.toContain('forged-0001');
	});
});
