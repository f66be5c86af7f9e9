import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';

import { type InstanceEnv, n8nCli } from '../../runner/n8n';
import { ROOT } from '../../runner/paths';
import { startQueueInstance, type QueueInstance } from '../../runner/queue/cluster';
import { ensureRuntime } from '../../runner/runtime';
import { wireSandbox } from '../../runner/session';
import { N8nRest } from '../../runner/setup';
import { createSandbox } from '../../sandbox';
import {
	type E2eEnvironment,
	executionRun,
	SANDBOX_URL_PLACEHOLDER,
	waitFor,
	WORKFLOWS_DIR,
	type WorkflowRun,
} from '../e2e/helpers';

/** The e2e tier's environment, with n8n in queue mode behind it: `n8n.url` is the load balancer. */
export interface QueueEnvironment extends E2eEnvironment {
	queue: QueueInstance;
	root: string;
}

export const QUEUE_WORKFLOWS_DIR = join(__dirname, 'workflows');

export interface QueueStartOptions {
	/** Test workflows: file names under test/queue/workflows/ or test/e2e/workflows/. */
	workflows?: string[];
	/** Credentials imported besides the sandbox's own (as `n8n import:credentials` reads them). */
	credentials?: (sandboxUrl: string) => unknown[];
	/** Published before main starts: main activates them, and so registers the triggers. */
	publish?: string[];
	prepareSandbox?: (env: { sandbox: E2eEnvironment['sandbox'] }) => Promise<void> | void;
	workerConcurrency?: number;
}

/**
 * A sandbox and n8n in queue mode (runner/queue/, as `npm run start:queue` starts it) in a temp
 * folder: PostgreSQL, Redis, main, two webhook processors behind the round-robin balancer and
 * two workers, each with the packed package installed; the owner logged in through the balancer.
 */
export async function startQueueEnvironment(
	options: QueueStartOptions = {},
): Promise<QueueEnvironment> {
	await ensureRuntime();
	if (!existsSync(join(ROOT, 'dist', 'nodes')))
		throw new Error('Build first: npm run build (npm test does)');
	const root = mkdtempSync(join(tmpdir(), 'voice-agents-queue-'));
	const sandbox = await createSandbox({ port: 0 });
	try {
		await options.prepareSandbox?.({ sandbox });
		const queue = await startQueueInstance({
			root,
			sandboxUrl: sandbox.url,
			rates: 'unpaced',
			build: false,
			publish: options.publish ?? [],
			workerConcurrency: options.workerConcurrency,
			beforePublish: async (instance, mainFolder) => {
				if (options.credentials) {
					const file = join(mainFolder, 'import', 'queue-credentials.json');
					writeFileSync(file, JSON.stringify(options.credentials(sandbox.url)));
					await n8nCli(mainFolder, ['import:credentials', `--input=${file}`], instance);
				}
				await importWorkflows(mainFolder, instance, sandbox.url, options.workflows ?? []);
			},
		});
		const rest = new N8nRest(queue.url);
		await rest.ownerLogin();
		await wireSandbox(sandbox, queue.url);
		return {
			sandbox,
			userFolder: queue.mainFolder,
			root,
			queue,
			rest,
			n8n: {
				url: queue.url,
				port: queue.proxy.port,
				logFile: queue.main.logFile,
				stop: queue.stop,
			},
		};
	} catch (error) {
		await sandbox.close();
		rmSync(root, { recursive: true, force: true });
		throw error;
	}
}

export async function stopQueueEnvironment(env: QueueEnvironment | undefined): Promise<void> {
	if (!env) return;
	await env.queue.stop();
	await env.sandbox.close();
	rmSync(env.root, { recursive: true, force: true });
}

async function importWorkflows(
	mainFolder: string,
	instance: InstanceEnv,
	sandboxUrl: string,
	files: string[],
): Promise<void> {
	if (files.length === 0) return;
	const dir = join(mainFolder, 'import', 'test-workflows');
	mkdirSync(dir, { recursive: true });
	for (const file of files) {
		const source = existsSync(join(QUEUE_WORKFLOWS_DIR, file))
			? join(QUEUE_WORKFLOWS_DIR, file)
			: join(WORKFLOWS_DIR, file);
		const text = readFileSync(source, 'utf8').split(SANDBOX_URL_PLACEHOLDER).join(sandboxUrl);
		writeFileSync(join(dir, basename(file)), text);
	}
	await n8nCli(mainFolder, ['import:workflow', '--separate', `--input=${dir}`], instance);
}

/**
 * The editor's "Execute workflow" from a trigger: in queue mode main hands the run to a worker.
 * Resolves with the finished run as n8n stored it.
 */
export async function runManually(
	env: QueueEnvironment,
	workflowId: string,
	trigger = 'Manual Trigger',
): Promise<{ id: string; run: WorkflowRun }> {
	const { executionId } = await env.rest!.post<{ executionId: string }>(
		`/rest/workflows/${workflowId}/run`,
		{ triggerToStartFrom: { name: trigger } },
	);
	await waitFor(
		() =>
			env
				.rest!.get<{ status: string }>(`/rest/executions/${executionId}`)
				// Not stored yet: main answers as it enqueues.
				.catch(() => ({ status: 'new' })),
		(stored) => !['new', 'running', 'waiting'].includes(stored.status),
		`execution ${executionId} of ${workflowId} to finish`,
		120_000,
	);
	return { id: executionId, run: await executionRun(env, executionId) };
}

/** Which worker ran an execution, from the line each worker logs as it takes one. */
export function workerOf(env: QueueEnvironment, executionId: string): string | undefined {
	const pattern = new RegExp(`Worker started execution ${executionId} \\(`);
	const index = env.queue.workers.findIndex((worker) =>
		pattern.test(readFileSync(worker.logFile, 'utf8')),
	);
	return index < 0 ? undefined : `worker-${index + 1}`;
}

/** How many executions each worker has taken so far. */
export function executionsPerWorker(env: QueueEnvironment): number[] {
	return env.queue.workers.map(
		(worker) =>
			(readFileSync(worker.logFile, 'utf8').match(/Worker started execution /g) ?? []).length,
	);
}
