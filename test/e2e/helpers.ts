import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';

import { installCommunityPackage } from '../../runner/communityPackage';
import { freePort } from '../../runner/freePort';
import { n8nCli, parseRawOutput, type RunningN8n, startN8n } from '../../runner/n8n';
import { ROOT } from '../../runner/paths';
import { ensureRuntime } from '../../runner/runtime';
import { importFixtures, N8nRest, publishExamples } from '../../runner/setup';
import { createSandbox, type Sandbox } from '../../sandbox';

/** What the e2e files share: a sandbox, a temp n8n user folder with the package installed, n8n. */
export interface E2eEnvironment {
	sandbox: Sandbox;
	userFolder: string;
	n8n?: RunningN8n;
	rest?: N8nRest;
}

export const WORKFLOWS_DIR = join(__dirname, 'workflows');
/** Test workflows name the sandbox by this placeholder; it becomes the sandbox's URL on import. */
export const SANDBOX_URL_PLACEHOLDER = '__SANDBOX_URL__';

export interface StartOptions {
	/** Test workflows (file names under test/e2e/workflows/) imported besides the examples. */
	workflows?: string[];
	/** Workflows published with the CLI before n8n starts (n8n activates them as it starts). */
	publish?: string[];
	/** Start `n8n start` (needed for webhooks and the REST API); `n8n execute` needs no server. */
	server?: boolean;
	/** Workflows published once n8n runs, through its REST API (the editor's Publish button). */
	publishLive?: string[];
	/** Runs after the sandbox is up and before anything is published (simulator pace, outcomes). */
	prepareSandbox?: (env: E2eEnvironment) => Promise<void> | void;
}

/**
 * A sandbox on an ephemeral port and a fresh n8n user folder: the packed package installed where
 * n8n's community-package loader looks, sandbox credentials and the examples imported (the runner's
 * own code, as `npm start` does), plus the given test workflows.
 */
export async function startEnvironment(options: StartOptions = {}): Promise<E2eEnvironment> {
	await ensureRuntime();
	if (!existsSync(join(ROOT, 'dist', 'nodes')))
		throw new Error('Build first: npm run build (npm test does)');
	const userFolder = mkdtempSync(join(tmpdir(), 'voice-agents-e2e-'));
	const sandbox = await createSandbox({ port: 0 });
	const env: E2eEnvironment = { sandbox, userFolder };
	await installCommunityPackage(userFolder, { build: false });
	await importFixtures(userFolder, sandbox.url, () => undefined, 'unpaced');
	await options.prepareSandbox?.(env);
	if (options.workflows?.length) await importTestWorkflows(env, options.workflows);
	await publishExamples(userFolder, options.publish ?? []);
	if (options.server || options.publishLive?.length) {
		env.n8n = await startN8n({ userFolder, port: await freePort() });
		env.rest = new N8nRest(env.n8n.url);
		await env.rest.ownerLogin();
		for (const id of options.publishLive ?? []) await env.rest.publish(id);
	}
	return env;
}

export async function stopEnvironment(env: E2eEnvironment | undefined): Promise<void> {
	if (!env) return;
	await env.n8n?.stop();
	await env.sandbox.close();
	rmSync(env.userFolder, { recursive: true, force: true });
}

/** One `n8n import:workflow` for all of them, with the sandbox's URL filled in. */
async function importTestWorkflows(env: E2eEnvironment, files: string[]): Promise<void> {
	const dir = join(env.userFolder, 'import', 'test-workflows');
	mkdirSync(dir, { recursive: true });
	for (const file of files) {
		const text = readFileSync(join(WORKFLOWS_DIR, file), 'utf8')
			.split(SANDBOX_URL_PLACEHOLDER)
			.join(env.sandbox.url);
		writeFileSync(join(dir, basename(file)), text);
	}
	await n8nCli(env.userFolder, ['import:workflow', '--separate', `--input=${dir}`]);
}

export interface OutputItem {
	json: Record<string, unknown>;
	binary?: Record<
		string,
		{ mimeType: string; fileName?: string; bytes?: number; id?: string; data?: string }
	>;
}

interface NodeRun {
	executionStatus?: string;
	error?: { message?: string; description?: string };
	data?: { main: Array<OutputItem[] | null> };
}

export interface WorkflowRun {
	status: string;
	data: {
		resultData: {
			lastNodeExecuted?: string;
			error?: { message?: string };
			runData: Record<string, NodeRun[]>;
		};
	};
}

/** `n8n execute --rawOutput`: the whole run, as n8n stored it. */
export async function executeWorkflow(
	env: E2eEnvironment,
	workflowId: string,
): Promise<WorkflowRun> {
	const { stdout } = await n8nCli(env.userFolder, ['execute', `--id=${workflowId}`, '--rawOutput']);
	return parseRawOutput(stdout) as unknown as WorkflowRun;
}

/** The items a node put on its output (`main[output]`) in its first run; throws if it did not run. */
export function outputOf(run: WorkflowRun, node: string, output = 0): OutputItem[] {
	const runs = run.data.resultData.runData[node];
	if (!runs?.length)
		throw new Error(
			`Node "${node}" did not run; ran: ${Object.keys(run.data.resultData.runData).join(', ')}`,
		);
	if (runs[0].error)
		throw new Error(
			`Node "${node}" failed: ${runs[0].error.message} ${runs[0].error.description ?? ''}`,
		);
	return runs[0].data?.main[output] ?? [];
}

export const jsonOf = (run: WorkflowRun, node: string, output = 0) =>
	outputOf(run, node, output).map((item) => item.json);

/** A run's failure in words (the failing node and its message), for assertion messages. */
export function failureOf(run: WorkflowRun): string {
	const failed = Object.entries(run.data.resultData.runData).find(([, runs]) => runs[0]?.error);
	return failed
		? `${failed[0]}: ${failed[1][0].error?.message} ${failed[1][0].error?.description ?? ''}`
		: String(run.data.resultData.error?.message ?? '');
}

/** The bytes of a binary output that n8n keeps on disk (filesystem mode) or inline. */
export function binaryBytes(env: E2eEnvironment, binary: { id?: string; data?: string }): Buffer {
	if (binary.id?.startsWith('filesystem-v2:')) {
		return readFileSync(
			join(env.userFolder, '.n8n', 'storage', binary.id.slice('filesystem-v2:'.length)),
		);
	}
	return Buffer.from(binary.data ?? '', 'base64');
}

/** A call to the sandbox's control API. */
export async function control<T = unknown>(
	env: E2eEnvironment,
	method: string,
	path: string,
	body?: unknown,
): Promise<T> {
	const answer = await fetch(`${env.sandbox.url}/_sandbox${path}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!answer.ok)
		throw new Error(`${method} /_sandbox${path} → ${answer.status}: ${await answer.text()}`);
	return (await answer.json()) as T;
}

export interface Execution {
	id: string;
	status: string;
	mode: string;
}

/**
 * A workflow's executions from n8n's database (through its REST API), newest first. n8n's list
 * joins running and finished executions, so one finishing while it is read can appear twice: the
 * finished entry wins.
 */
export async function executionsOf(env: E2eEnvironment, workflowId: string): Promise<Execution[]> {
	const page = await env.rest!.get<{ results: Execution[] }>(
		`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100`,
	);
	const byId = new Map<string, Execution>();
	for (const run of page.results) {
		const seen = byId.get(run.id);
		if (!seen || seen.status === 'running') byId.set(run.id, run);
	}
	return [...byId.values()];
}

/** One execution's run data as n8n stored it: a string in n8n's "flatted" form (see parseFlatted). */
export const executionText = async (env: E2eEnvironment, id: string) =>
	(await env.rest!.get<{ data: string }>(`/rest/executions/${id}`)).data;

/** One stored execution, its run data decoded: the same shape `n8n execute --rawOutput` prints. */
export async function executionRun(env: E2eEnvironment, id: string): Promise<WorkflowRun> {
	const execution = await env.rest!.get<{ status: string; data: string }>(`/rest/executions/${id}`);
	return { status: execution.status, data: parseFlatted(execution.data) as WorkflowRun['data'] };
}

/**
 * n8n stores run data with the "flatted" encoding: a JSON array whose first entry is the root and
 * where every string or object value is the index (as a string) of its entry in the array.
 */
export function parseFlatted(text: string): unknown {
	const table = JSON.parse(text) as unknown[];
	const revived = new Map<number, unknown>();
	const revive = (index: number): unknown => {
		const value = table[index];
		if (typeof value !== 'object' || value === null) return value;
		if (revived.has(index)) return revived.get(index);
		const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
		revived.set(index, out);
		for (const [key, entry] of Object.entries(value)) {
			(out as Record<string, unknown>)[key] =
				typeof entry === 'string' ? revive(Number(entry)) : entry;
		}
		return out;
	};
	return revive(0);
}

/** Deliveries keep arriving in quick succession: a list is read only once none is still running. */
export const settled = (atLeast: number) => (list: Execution[]) =>
	list.length >= atLeast && list.every((run) => run.status !== 'running' && run.status !== 'new');

export async function waitFor<T>(
	read: () => Promise<T>,
	done: (value: T) => boolean | Promise<boolean>,
	what: string,
	timeoutMs = 30_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (await done(value)) return value;
		if (Date.now() > deadline)
			throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 2000)}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
