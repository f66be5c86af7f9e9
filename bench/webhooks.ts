import { randomUUID } from 'crypto';

import type { RunningN8n } from '../runner/n8n';
import { N8nRest } from '../runner/setup';
import type { Sandbox } from '../sandbox';
import { SANDBOX_WEBHOOK_SECRETS } from '../sandbox/keys';
import { signPayload, type SignatureScheme } from '../sandbox/signing';
import type { BenchN8n } from './n8nBench';
import type { Figure, Headline, Section } from './report';
import { median, perSecond, ratio, repeat, times } from './stats';
import { samplePayload } from './verifyCost';
import { chain, ourNode, type Workflow, type WorkflowNode } from './workflows';

interface Target {
	key: 'butter' | 'buildvoiceai' | 'aitelier' | 'plain' | 'headerAuth';
	label: string;
	workflow: Workflow;
	/** Path after /webhook/. */
	path: string;
	/** How the platform signs (the plain Webhook node gets the BuildVoiceAI delivery, signature unchecked). */
	scheme: SignatureScheme;
	sharedSecretHeader?: string;
	secret: () => string;
	payload: (n: number) => Record<string, unknown>;
}

const WEBHOOK_IDS = {
	butter: '5b0c3e1a-7d2f-4e8a-9b6c-1a2b3c4d5e01',
	buildvoiceai: '5b0c3e1a-7d2f-4e8a-9b6c-1a2b3c4d5e02',
	aitelier: '5b0c3e1a-7d2f-4e8a-9b6c-1a2b3c4d5e03',
	plain: '5b0c3e1a-7d2f-4e8a-9b6c-1a2b3c4d5e04',
	headerAuth: '5b0c3e1a-7d2f-4e8a-9b6c-1a2b3c4d5e05',
};

const HEADER_AUTH_CREDENTIAL = { id: 'benchHeaderAuth1', name: 'bench: X-Butter-Secret header' };

/** n8n's own Header Auth credential checking the same header and secret as the Butter AI Trigger. */
export const webhookCredentials = () => [
	{
		...HEADER_AUTH_CREDENTIAL,
		type: 'httpHeaderAuth',
		data: { name: 'X-Butter-Secret', value: SANDBOX_WEBHOOK_SECRETS.butter },
	},
];

const butterCallback = (n: number) => ({
	call_sid: `call_${String(n).padStart(12, '0')}`,
	status: 'completed',
	duration: 94,
	timestamp: new Date().toISOString(),
	error_code: null,
	error_message: null,
	direction: 'outbound',
	agent_id: 'agent_3637c49e9834',
	from_number: '+15550100001',
	to_number: '+15551230001',
	metadata: { lead_id: `L-${1000 + n}` },
});

const aitelierEvent = (n: number) => ({
	id: `evt_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
	type: 'call.completed',
	created_at: new Date().toISOString(),
	data: {
		id: `call_${String(n).padStart(12, '0')}`,
		status: 'completed',
		phone: '+15551230001',
		metadata: { lead_id: `L-${1000 + n}` },
	},
});

function targets(sandbox: Sandbox, n8nUrl: () => string): Target[] {
	const trigger = (
		key: Target['key'],
		node: Parameters<typeof ourNode>[1],
		credential: Parameters<typeof ourNode>[2],
		parameters: Record<string, unknown>,
	) =>
		chain(`benchHk${key.slice(0, 7).padEnd(7, '0')}01`, `bench: ${key} trigger`, [
			ourNode('Trigger', node, credential, parameters, { webhookId: WEBHOOK_IDS[key] }),
		]);
	const webhookNode = (key: 'plain' | 'headerAuth'): Omit<WorkflowNode, 'id' | 'position'> => ({
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: WEBHOOK_IDS[key],
		parameters: {
			httpMethod: 'POST',
			path: WEBHOOK_IDS[key],
			responseMode: 'onReceived',
			options: {},
			...(key === 'headerAuth' ? { authentication: 'headerAuth' } : {}),
		},
		...(key === 'headerAuth' ? { credentials: { httpHeaderAuth: HEADER_AUTH_CREDENTIAL } } : {}),
	});
	const subscriptionSecret = () => {
		const url = `${n8nUrl()}/webhook/${WEBHOOK_IDS.aitelier}/webhook`;
		const subscription = [...sandbox.state.aitelier.webhooks.values()].find((w) => w.url === url);
		if (!subscription)
			throw new Error('The Aitelier Trigger registered no subscription on activation');
		return subscription.secret;
	};
	return [
		{
			key: 'butter',
			label: 'Butter AI Trigger (shared-secret header)',
			workflow: trigger('butter', 'butterAiTrigger', 'butterAiApi', {
				events: ['group:started', 'group:completed', 'group:failed'],
				registration: 'manual',
				// Chosen explicitly: the default is now a token in the URL, which this bench does not measure.
				verification: 'sharedSecret',
			}),
			path: `${WEBHOOK_IDS.butter}/webhook`,
			scheme: 'sharedSecret',
			sharedSecretHeader: 'X-Butter-Secret',
			secret: () => SANDBOX_WEBHOOK_SECRETS.butter,
			payload: butterCallback,
		},
		{
			key: 'buildvoiceai',
			label: 'BuildVoiceAI Trigger (Standard Webhooks)',
			workflow: trigger('buildvoiceai', 'buildVoiceAiTrigger', 'buildVoiceAiApi', {
				events: ['call.started', 'call.completed', 'call.failed'],
			}),
			path: `${WEBHOOK_IDS.buildvoiceai}/webhook`,
			scheme: 'standardWebhooks',
			secret: () => SANDBOX_WEBHOOK_SECRETS.buildVoiceAi,
			payload: samplePayload,
		},
		{
			key: 'aitelier',
			label: 'Aitelier Trigger (Standard Webhooks, own subscription)',
			workflow: trigger('aitelier', 'aitelierTrigger', 'aitelierApi', {
				events: ['call.completed', 'call.failed'],
			}),
			path: `${WEBHOOK_IDS.aitelier}/webhook`,
			scheme: 'standardWebhooks',
			secret: subscriptionSecret,
			payload: aitelierEvent,
		},
		{
			key: 'plain',
			label: 'n8n Webhook node (POST, respond immediately)',
			workflow: chain('benchHookPlain01', 'bench: plain Webhook node', [webhookNode('plain')]),
			path: WEBHOOK_IDS.plain,
			scheme: 'standardWebhooks',
			secret: () => SANDBOX_WEBHOOK_SECRETS.buildVoiceAi,
			payload: samplePayload,
		},
		{
			key: 'headerAuth',
			label: 'n8n Webhook node with Header Auth (X-Butter-Secret, as the Butter AI Trigger checks)',
			workflow: chain('benchHookHeader1', 'bench: Webhook node with Header Auth', [
				webhookNode('headerAuth'),
			]),
			path: WEBHOOK_IDS.headerAuth,
			scheme: 'sharedSecret',
			sharedSecretHeader: 'X-Butter-Secret',
			secret: () => SANDBOX_WEBHOOK_SECRETS.butter,
			payload: butterCallback,
		},
	];
}

export const webhookWorkflows = (sandbox: Sandbox): Workflow[] =>
	targets(sandbox, () => '').map((t) => t.workflow);

/** Signs and posts one delivery as the platform would; resolves to the HTTP status. */
async function deliver(url: string, target: Target, secret: string, n: number): Promise<number> {
	const body = JSON.stringify(target.payload(n));
	const headers = signPayload(body, {
		scheme: target.scheme,
		secret,
		sharedSecretHeader: target.sharedSecretHeader,
	});
	const answer = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body,
	});
	await answer.arrayBuffer();
	return answer.status;
}

/** `count` deliveries, `concurrency` in flight at any time; returns the statuses seen. */
async function flood(
	url: string,
	target: Target,
	count: number,
	concurrency: number,
	offset: number,
): Promise<Map<number, number>> {
	const secret = target.secret();
	const statuses = new Map<number, number>();
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const n = offset + next++;
			let status: number;
			try {
				status = await deliver(url, target, secret, n);
			} catch {
				status = -1;
			}
			statuses.set(status, (statuses.get(status) ?? 0) + 1);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return statuses;
}

/** Executions n8n finished for a workflow, by status group (REST, as the editor lists them). */
async function executionCount(
	rest: N8nRest,
	workflowId: string,
	status: string[],
): Promise<number> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId, status }));
	return (await rest.get<{ count: number }>(`/rest/executions?filter=${filter}&limit=1`)).count;
}

/** Webhooks register shortly after readiness: wait until one delivery gets through. */
async function waitRegistered(url: string, target: Target): Promise<void> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const status = await deliver(url, target, target.secret(), -1).catch(() => -1);
		if (status === 200) return;
		if (Date.now() > deadline) throw new Error(`${target.label}: ${url} answered ${status}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

interface Sample {
	/** Deliveries answered per second. */
	intake: number;
	/** Deliveries turned into finished executions per second (the figure). */
	processed: number;
	rejected: number;
}

async function sample(
	rest: N8nRest,
	url: string,
	target: Target,
	count: number,
	concurrency: number,
	offset: number,
): Promise<Sample> {
	const before = await executionCount(rest, target.workflow.id, ['success']);
	const started = Date.now();
	const statuses = await flood(url, target, count, concurrency, offset);
	const answeredMs = Date.now() - started;
	const accepted = statuses.get(200) ?? 0;
	const deadline = Date.now() + 120_000;
	while ((await executionCount(rest, target.workflow.id, ['success'])) < before + accepted) {
		if (Date.now() > deadline) throw new Error(`${target.label}: executions did not finish`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	const doneMs = Date.now() - started;
	return {
		intake: (count / answeredMs) * 1000,
		processed: (accepted / doneMs) * 1000,
		rejected: count - accepted,
	};
}

/** Signed deliveries per second through real n8n to each trigger, against a plain Webhook node. */
export async function measureWebhooks(options: {
	n8n: BenchN8n;
	sandbox: Sandbox;
	deliveries: number;
	concurrency: number;
	runs: number;
	log: (line: string) => void;
}): Promise<{ section: Section; plainEventMs: number }> {
	const { n8n, sandbox } = options;
	const server: { running?: RunningN8n } = {};
	const all = targets(sandbox, () => server.running!.url);
	for (const target of all) await n8n.publish(target.workflow.id);
	// Deliveries would otherwise be pruned while counting; keep every execution for the run.
	process.env.EXECUTIONS_DATA_PRUNE = 'false';
	server.running = await n8n.start();
	const rest = new N8nRest(server.running.url);
	await rest.ownerLogin();
	const urlOf = (target: Target) => `${server.running!.url}/webhook/${target.path}`;
	for (const target of all) await waitRegistered(urlOf(target), target);
	// A short warm-up per target, untimed: JIT and the database's first writes.
	for (const target of all)
		await sample(rest, urlOf(target), target, 50, options.concurrency, 1_000_000);

	options.log(
		`  webhooks: ${options.runs} runs × ${all.length} targets × ${options.deliveries} deliveries, ${options.concurrency} in flight`,
	);
	const samples = await repeat(options.runs, async (run) => {
		const result = new Map<Target['key'], Sample>();
		// Rotating the order spreads any drift (database growth, other load) over all targets.
		const order = all.map((_, i) => all[(i + run) % all.length]);
		for (const target of order) {
			const s = await sample(
				rest,
				urlOf(target),
				target,
				options.deliveries,
				options.concurrency,
				run * options.deliveries,
			);
			options.log(
				`    run ${run + 1} ${target.key}: ${perSecond(s.processed)} processed, ${perSecond(s.intake)} answered, ${s.rejected} refused`,
			);
			result.set(target.key, s);
		}
		return result;
	});
	const pick = (key: Target['key'], field: keyof Sample) =>
		median(samples.map((s) => s.get(key)![field]));
	const plain = pick('plain', 'processed');
	const headerAuth = pick('headerAuth', 'processed');
	const figures: Figure[] = all
		.filter((t) => t.key !== 'plain' && t.key !== 'headerAuth')
		.map((target) => {
			const ours = pick(target.key, 'processed');
			const rejected = Math.max(...samples.map((s) => s.get(target.key)!.rejected));
			return {
				figure: `${target.label}: signed events/s${rejected ? ` (${rejected} valid deliveries refused!)` : ''}`,
				ours: `${perSecond(ours)} (answered ${perSecond(pick(target.key, 'intake'))})`,
				baseline: `plain Webhook node: ${perSecond(plain)}; with Header Auth: ${perSecond(headerAuth)}`,
				ratio: `${times(ratio(ours, plain))} (vs Header Auth ${times(ratio(ours, headerAuth))})`,
				target: '≥ 0.90× plain',
				met: ratio(ours, plain) >= 0.9 && rejected === 0,
			};
		});
	const headline: Headline[] = all
		.filter((t) => t.key !== 'plain' && t.key !== 'headerAuth')
		.map((target) => {
			const ours = pick(target.key, 'processed');
			return {
				figure: `Signed webhooks through n8n, ${target.label.replace(/ \(.*$/, '')}: events/s vs plain Webhook node (vs Webhook + Header Auth)`,
				result: `${times(ratio(ours, plain))} (${times(ratio(ours, headerAuth))})`,
				target: '≥ 0.90×',
				met: ratio(ours, plain) >= 0.9,
			};
		});
	figures.push({
		figure: 'n8n Webhook node with Header Auth (n8n’s own authenticated webhook), for scale',
		ours: '',
		baseline: `${perSecond(headerAuth)} vs plain ${perSecond(plain)}`,
		ratio: times(ratio(headerAuth, plain)),
	});
	return {
		section: {
			title: '3a. Webhook throughput through real n8n',
			method:
				`One n8n (\`n8n start\`) with five published one-node workflows: each of our triggers, n8n's Webhook node ` +
				`(POST, respond immediately) and the same with Header Auth (n8n's credential check of the header the Butter AI ` +
				`Trigger checks). ${options.deliveries} deliveries per target and run, ${options.concurrency} in flight, each ` +
				'signed afresh as the platform signs it (own id, current timestamp); the Webhook node gets the same signed ' +
				'BuildVoiceAI delivery and checks nothing. A run ends when n8n has finished (status success) an execution for ' +
				'every accepted delivery (counted through its REST API), so the figure is events processed per second; ' +
				'"answered" is the rate of HTTP answers. Executions are saved as n8n saves them by default. ' +
				`Median of ${options.runs}, target order rotated per run, after an untimed warm-up of 50 per target.`,
			figures,
			headline,
		},
		plainEventMs: 1000 / plain,
	};
}
