import { spawn } from 'child_process';
import {
	closeSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { installCommunityPackage } from '../runner/communityPackage';
import { freePort } from '../runner/freePort';
import { n8nCli, n8nEnv, type RunningN8n, startN8n } from '../runner/n8n';
import { N8N_BIN, NODE24_BIN } from '../runner/paths';
import type { RunResult } from '../runner/process';
import { sandboxCredentials } from '../runner/setup';
import type { Workflow } from './workflows';

/** What `n8n execute --rawOutput` prints: the run data of one execution. */
export interface ExecutionRun {
	status?: string;
	data: {
		resultData: {
			error?: { message?: string };
			lastNodeExecuted?: string;
			runData: Record<
				string,
				Array<{
					executionTime: number;
					error?: { message?: string };
					data?: { main: Array<Array<{ json: Record<string, unknown> }>> };
				}>
			>;
		};
	};
}

export interface Executed {
	run?: ExecutionRun;
	/** Peak resident memory of the whole `n8n execute` process. */
	peakRssBytes: number;
	exitCode: number | null;
	output: string;
}

/** Loaded into each `n8n execute` process: writes its peak RSS on exit (children do not inherit the file). */
const PEAK_RSS_PRELOAD = `
const file = process.env.BENCH_PEAK_RSS_FILE;
if (file) {
	delete process.env.BENCH_PEAK_RSS_FILE;
	process.on('exit', () => require('fs').writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
}
`;

/**
 * The JSON `n8n execute --rawOutput` prints between its log lines (the task runner may log after
 * it), also when the workflow failed: from a line `{` to the last line `}`.
 */
function rawOutput(stdout: string): ExecutionRun | undefined {
	const start = stdout.search(/^\{$/m);
	const end = stdout.lastIndexOf('\n}');
	if (start < 0 || end < start) return undefined;
	try {
		return JSON.parse(stdout.slice(start, end + 2)) as ExecutionRun;
	} catch {
		return undefined;
	}
}

/**
 * Runs Node 24 with stdout and stderr going to files, read back once it exits: n8n exits right
 * after printing, and output of several MB written to a pipe is cut off at exit (file writes are
 * synchronous, so a file gets all of it).
 */
async function runToFiles(
	prefix: string,
	args: string[],
	env: NodeJS.ProcessEnv,
	cwd: string,
): Promise<RunResult> {
	const [outFile, errFile] = [`${prefix}.out`, `${prefix}.err`];
	const [out, err] = [openSync(outFile, 'w'), openSync(errFile, 'w')];
	try {
		const code = await new Promise<number | null>((resolve, reject) => {
			const child = spawn(NODE24_BIN, args, { env, cwd, stdio: ['ignore', out, err] });
			child.on('error', reject);
			child.on('close', resolve);
		});
		return { code, stdout: readFileSync(outFile, 'utf8'), stderr: readFileSync(errFile, 'utf8') };
	} finally {
		closeSync(out);
		closeSync(err);
		rmSync(outFile, { force: true });
		rmSync(errFile, { force: true });
	}
}

/**
 * A throw-away n8n user folder with this package installed as a community package (from dist/,
 * built beforehand) and the sandbox credentials imported; removed by close().
 */
export class BenchN8n {
	private server?: RunningN8n;
	private readonly preload: string;

	private constructor(readonly userFolder: string) {
		this.preload = join(userFolder, 'peak-rss.js');
		writeFileSync(this.preload, PEAK_RSS_PRELOAD);
	}

	/** `extraCredentials`: more credentials in `n8n import:credentials` form (e.g. a baseline's). */
	static async create(sandboxUrl: string, extraCredentials: object[] = []): Promise<BenchN8n> {
		const bench = new BenchN8n(mkdtempSync(join(tmpdir(), 'voice-agents-bench-')));
		try {
			await installCommunityPackage(bench.userFolder, { build: false });
			const credentials = join(bench.userFolder, 'credentials.json');
			writeFileSync(
				credentials,
				JSON.stringify([...sandboxCredentials(sandboxUrl), ...extraCredentials]),
			);
			await n8nCli(bench.userFolder, ['import:credentials', `--input=${credentials}`]);
		} catch (error) {
			await bench.close();
			throw error;
		}
		return bench;
	}

	async importWorkflows(workflows: Workflow[]): Promise<void> {
		const dir = join(this.userFolder, 'workflows');
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		for (const workflow of workflows)
			writeFileSync(join(dir, `${workflow.id}.json`), JSON.stringify(workflow));
		await n8nCli(this.userFolder, ['import:workflow', '--separate', `--input=${dir}`]);
	}

	async publish(id: string): Promise<void> {
		await n8nCli(this.userFolder, ['publish:workflow', `--id=${id}`]);
	}

	/** `n8n execute --id … --rawOutput` in its own process; a failed workflow is a result, not an error. */
	async execute(id: string): Promise<Executed> {
		const peakFile = join(this.userFolder, `peak-${id}-${Date.now()}`);
		const env = {
			...n8nEnv(this.userFolder, 0, await freePort()),
			NODE_OPTIONS: `--require ${this.preload}`,
			BENCH_PEAK_RSS_FILE: peakFile,
		};
		const result = await runToFiles(
			join(this.userFolder, `execute-${id}`),
			[N8N_BIN, 'execute', `--id=${id}`, '--rawOutput'],
			env,
			this.userFolder,
		);
		let peakRssBytes = NaN;
		try {
			peakRssBytes = Number(readFileSync(peakFile, 'utf8'));
			rmSync(peakFile, { force: true });
		} catch {
			// the process died before its exit handler ran
		}
		const output = `${result.stdout}\n${result.stderr}`;
		return {
			run: rawOutput(result.stdout),
			peakRssBytes,
			exitCode: result.code,
			output: output.slice(-3000),
		};
	}

	async start(): Promise<RunningN8n> {
		this.server = await startN8n({ userFolder: this.userFolder, port: await freePort() });
		return this.server;
	}

	async close(): Promise<void> {
		await this.server?.stop();
		this.server = undefined;
		rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/** The node's own time inside the engine (no CLI start-up), and its output items. */
export function nodeRun(executed: Executed, nodeName: string) {
	const task = executed.run?.data.resultData.runData[nodeName]?.[0];
	return {
		executionTimeMs: task?.executionTime ?? NaN,
		items: task?.data?.main?.[0] ?? [],
		error: task?.error?.message ?? executed.run?.data.resultData.error?.message,
	};
}
