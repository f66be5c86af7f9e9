import { existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { installCommunityPackage } from '../../runner/communityPackage';
import { freePort } from '../../runner/freePort';
import { n8nCli, parseRawOutput, type RunningN8n, startN8n } from '../../runner/n8n';
import { ROOT } from '../../runner/paths';
import { ensureRuntime } from '../../runner/runtime';
import {
	AITELIER_EVENTS_WEBHOOK_ID,
	BUILDVOICEAI_EVENTS_WEBHOOK_ID,
	BUTTER_EVENTS_WEBHOOK_ID,
	EXAMPLE_WORKFLOWS,
	importFixtures,
	publishExamples,
	N8nRest,
	productionWebhookUrl,
} from '../../runner/setup';
import { SANDBOX_KEYS, SANDBOX_WEBHOOK_SECRETS } from '../../sandbox/keys';
import type { LedgerEntry } from '../../sandbox/ledger';
import { createSandbox, type Sandbox } from '../../sandbox/server';

jest.setTimeout(300_000);

interface Execution {
	id: string;
	status: string;
	mode: string;
}

const context: { sandbox?: Sandbox; n8n?: RunningN8n; rest?: N8nRest; userFolder?: string } = {};
const sandbox = () => context.sandbox!;
const rest = () => context.rest!;

/** Runs an example workflow with `n8n execute` and returns the last node's output items. */
async function execute(workflowId: string): Promise<Array<Record<string, unknown>>> {
	const { stdout } = await n8nCli(context.userFolder!, ['execute', `--id=${workflowId}`, '--rawOutput']);
	const run = parseRawOutput(stdout) as {
		status: string;
		data: { resultData: { lastNodeExecuted: string; runData: Record<string, Array<{ data: { main: Array<Array<{ json: Record<string, unknown> }>> } }>> } };
	};
	expect(run.status).toBe('success');
	const { lastNodeExecuted, runData } = run.data.resultData;
	return runData[lastNodeExecuted][0].data.main[0].map((item) => item.json);
}

/**
 * A workflow's executions, newest first. n8n's list joins running and finished executions, so one
 * finishing while it is read can appear twice: the finished entry wins.
 */
const executionsOf = (workflowId: string) =>
	rest()
		.get<{ results: Execution[] }>(`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`)
		.then((page) => {
			const byId = new Map<string, Execution>();
			for (const run of page.results) {
				const seen = byId.get(run.id);
				if (!seen || seen.status === 'running') byId.set(run.id, run);
			}
			return [...byId.values()];
		});
const eventExecutions = () => executionsOf(EXAMPLE_WORKFLOWS.buildVoiceAiEvents);
/** Deliveries keep arriving in quick succession: a list is read only once none is still running. */
const settled = (atLeast: number) => (list: Execution[]) =>
	list.length >= atLeast && list.every((run) => run.status !== 'running' && run.status !== 'new');

async function waitFor<T>(
	read: () => Promise<T>,
	done: (value: T) => boolean | Promise<boolean>,
	what: string,
	timeoutMs = 30_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (await done(value)) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

beforeAll(async () => {
	await ensureRuntime();
	if (!existsSync(join(ROOT, 'dist', 'nodes'))) throw new Error('Build first: npm run build (npm test does)');
	context.userFolder = mkdtempSync(join(tmpdir(), 'voice-agents-e2e-'));
	context.sandbox = await createSandbox({ port: 0 });
	// The packed tarball, unpacked where n8n's community-package loader looks.
	await installCommunityPackage(context.userFolder, { build: false });
	await importFixtures(context.userFolder, sandbox().url, () => undefined);
	await publishExamples(context.userFolder);
	context.n8n = await startN8n({ userFolder: context.userFolder, port: await freePort() });
	context.rest = new N8nRest(context.n8n.url);
	await rest().ownerLogin();
	sandbox().state.buildVoiceAi.accounts[SANDBOX_KEYS.buildVoiceAi.primary].callDurationMs = 500;
	sandbox().state.butter.callbacks.stepDelayMs = 20;
	// Dial the demo campaign quickly: the simulator's delays are settings of the sandbox.
	await fetch(`${sandbox().url}/_sandbox/aitelier/simulation`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ stepDelayMs: 10, batchRowIntervalMs: 5 }),
	});
	sandbox().state.buildVoiceAi.accounts[SANDBOX_KEYS.buildVoiceAi.primary].webhook = {
		url: productionWebhookUrl(context.n8n.url, BUILDVOICEAI_EVENTS_WEBHOOK_ID),
		secret: SANDBOX_WEBHOOK_SECRETS.buildVoiceAi,
		scheme: 'standardWebhooks',
		eventStyle: 'dotted',
	};
}, 1_200_000);

afterAll(async () => {
	await context.n8n?.stop();
	await context.sandbox?.close();
	if (context.userFolder) rmSync(context.userFolder, { recursive: true, force: true });
});

const ledger = (platform: string) => sandbox().state.ledger.query({ platform }).entries as LedgerEntry[];

describe('real n8n 2.41.1 with the package installed as a community package', () => {
	it('n8n loaded every node of the package, and each action node as an AI-agent tool', async () => {
		const types = await rest().getRaw<Array<{ name: string }>>('/types/nodes.json');
		const ours = types.map((t) => t.name).filter((name) => name.startsWith('n8n-nodes-voice-agents.'));
		expect(new Set(ours)).toEqual(
			new Set([
				'n8n-nodes-voice-agents.butterAi',
				'n8n-nodes-voice-agents.butterAiTrigger',
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
		const request = sandbox().state.requests.find((r) => r.platform === 'aitelier' && r.method === 'POST' && r.path === '/calls');
		expect(request?.headers['idempotency-key']).toBe('lead-L-2002');
	});

	it('BuildVoiceAI example places a call; its signed events start the published trigger workflow', async () => {
		const [call] = await execute(EXAMPLE_WORKFLOWS.buildVoiceAiCall);
		expect(call).toMatchObject({ status: 'initiated', input: { phone_number: '+15551230001', metadata: { lead_id: 'L-1001' } } });

		const runs = await waitFor(eventExecutions, settled(2), 'two trigger executions');
		expect(runs.map((r) => [r.mode, r.status])).toEqual([
			['webhook', 'success'],
			['webhook', 'success'],
		]);
		const detail = await rest().get<{ data: string }>(`/rest/executions/${runs[0].id}`);
		expect(detail.data).toContain(String(call.call_id));
		expect(detail.data).toContain('call.completed');
		const attempts = sandbox().state.webhooks.attempts.filter((a) => a.url.includes(BUILDVOICEAI_EVENTS_WEBHOOK_ID));
		expect(attempts.map((a) => [a.event, a.status])).toEqual([
			['call.started', 200],
			['call.completed', 200],
		]);
	});

	it('Butter AI: activation pointed the phone number at the trigger; a placed call’s callbacks start it', async () => {
		const url = productionWebhookUrl(context.n8n!.url, BUTTER_EVENTS_WEBHOOK_ID);
		const number = sandbox().state.butter.phoneNumbers.find((n) => n.id === 'phon_42206c1e98ec');
		expect(number?.webhook_url).toBe(url);

		const [call] = await execute(EXAMPLE_WORKFLOWS.butterCall);
		expect(call).toMatchObject({ status: 'queued', to_number: '+15551230005' });
		const runs = await waitFor(() => executionsOf(EXAMPLE_WORKFLOWS.butterEvents), settled(5), 'five status callbacks');
		expect(runs.every((r) => r.status === 'success')).toBe(true);
		const latest = await rest().get<{ data: string }>(`/rest/executions/${runs[0].id}`);
		expect(latest.data).toContain(String(call.id));
	});

	it('Aitelier: the trigger registered its own subscription; a campaign from items ends in batch.completed', async () => {
		const url = productionWebhookUrl(context.n8n!.url, AITELIER_EVENTS_WEBHOOK_ID);
		const subscription = [...sandbox().state.aitelier.webhooks.values()].find((w) => w.url === url);
		expect(subscription).toMatchObject({ active: true, events: expect.arrayContaining(['batch.completed']) });

		const [batch] = await execute(EXAMPLE_WORKFLOWS.aitelierCampaign);
		expect(batch).toMatchObject({ name: 'Demo campaign', total_rows: 6 });
		const runs = await waitFor(
			() => executionsOf(EXAMPLE_WORKFLOWS.aitelierEvents),
			async (list) => {
				for (const run of list) {
					if ((await rest().get<{ data: string }>(`/rest/executions/${run.id}`)).data.includes('batch.completed')) return true;
				}
				return false;
			},
			'batch.completed in the trigger workflow',
			60_000,
		);
		// Events keep arriving while we read: runs still in progress are fine, failed ones are not.
		expect(runs.filter((r) => !['success', 'running', 'new'].includes(r.status)).map((r) => r.status)).toEqual([]);
		const dialled = ledger('aitelier').filter((e) => e.action === 'call.dialed' && (e.details as { batchId?: string }).batchId === batch.id);
		expect(dialled).toHaveLength(6);
	});

	it('a badly signed delivery gets 401 from n8n and runs nothing', async () => {
		const before = (await eventExecutions()).length;
		const url = productionWebhookUrl(context.n8n!.url, BUILDVOICEAI_EVENTS_WEBHOOK_ID);
		const payload = { event: 'call.completed', call_id: 'forged-0001', phone_number: '+15550000000' };
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
		const latest = await rest().get<{ data: string }>(`/rest/executions/${after[0].id}`);
		expect(latest.data).toContain('genuine-0001');
		expect(latest.data).not.toContain('forged-0001');
	});
});
