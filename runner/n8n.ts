import { type ChildProcess, spawn } from 'child_process';
import { appendFileSync, createWriteStream, existsSync, mkdirSync, readFileSync } from 'fs';
import { join } from 'path';

import { freePort } from './freePort';
import { N8N_BIN, NODE24_BIN } from './paths';
import { type RunResult, runOrThrow } from './process';
import { node24Env } from './runtime';

/** Fixed so credentials imported once stay readable across restarts of `npm start`. */
const ENCRYPTION_KEY = 'voice-agents-local-sandbox-only-key';

/**
 * Settings every process of one n8n instance shares beyond the defaults below: queue mode's
 * database, Redis and public URL (runner/queue/). Empty for the single-process SQLite instance.
 */
export type InstanceEnv = NodeJS.ProcessEnv;

/** n8n configured to run offline on loopback: no telemetry, templates or registry look-ups. */
export function n8nEnv(
	userFolder: string,
	port: number,
	brokerPort: number,
	instance: InstanceEnv = {},
): NodeJS.ProcessEnv {
	return node24Env({
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		// Each n8n process (the server, every CLI command) starts a task broker: one port each.
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_SECURE_COOKIE: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		DB_SQLITE_POOL_SIZE: '2',
		N8N_LOG_LEVEL: 'info',
		NODE_ENV: 'production',
		...instance,
	});
}

/**
 * The JSON document `n8n execute --rawOutput` prints among its log lines — n8n may log after it
 * too (e.g. "Registered runner …"). It is printed indented, so it runs from the first "{" alone on
 * a line to the first "}" alone on a line after it.
 */
export function parseRawOutput(stdout: string): Record<string, unknown> {
	const start = stdout.search(/^\{$/m);
	if (start < 0) throw new Error(`n8n execute printed no JSON:\n${stdout.slice(-2000)}`);
	const end = stdout.slice(start).search(/^\}$/m);
	return JSON.parse(end < 0 ? stdout.slice(start) : stdout.slice(start, start + end + 1)) as Record<
		string,
		unknown
	>;
}

/**
 * Under `npm test`, n8n's logs and CLI output are kept in VOICE_AGENTS_SECRET_SCAN_DIR so the
 * run's last step can check that no secret reached them.
 */
function keepForSecretScan(name: string, text: string): void {
	const dir = process.env.VOICE_AGENTS_SECRET_SCAN_DIR;
	if (!dir) return;
	mkdirSync(dir, { recursive: true });
	appendFileSync(join(dir, `${name}-${process.pid}.log`), text);
}

/** One n8n CLI command (import, execute, publish) against the user folder's database. */
export async function n8nCli(
	userFolder: string,
	args: string[],
	instance: InstanceEnv = {},
): Promise<RunResult> {
	const env = n8nEnv(userFolder, 0, await freePort(), instance);
	try {
		const result = await runOrThrow(NODE24_BIN, [N8N_BIN, ...args], { env, cwd: userFolder });
		keepForSecretScan('n8n-cli', `${result.stdout}\n${result.stderr}\n`);
		return result;
	} catch (error) {
		keepForSecretScan('n8n-cli', `${String((error as Error).message)}\n`);
		throw error;
	}
}

/** `start` serves the editor and API; queue mode adds `webhook` processors and `worker`s. */
export type N8nCommand = 'start' | 'webhook' | 'worker';

export interface RunningN8n {
	url: string;
	port: number;
	logFile: string;
	stop(): Promise<void>;
}

async function waitReady(
	url: string,
	child: ChildProcess,
	logFile: string,
	timeoutMs: number,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null)
			throw new Error(`n8n exited with ${child.exitCode} before it was ready; see ${logFile}`);
		try {
			const answer = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
			// /healthz answers before migrations end; readiness only once n8n can serve.
			if (answer.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`n8n was not ready within ${timeoutMs / 1000} s; see ${logFile}`);
}

/**
 * `n8n start` (or a queue-mode `webhook`/`worker`) under Node 24, logging to a file; resolves once
 * /healthz/readiness says ok — on `port`, which for a worker is its health-check server.
 */
export async function startN8n(options: {
	userFolder: string;
	port: number;
	command?: N8nCommand;
	/** Extra arguments, e.g. a worker's `--concurrency=1`. */
	args?: string[];
	instance?: InstanceEnv;
	echo?: boolean;
	timeoutMs?: number;
}): Promise<RunningN8n> {
	mkdirSync(options.userFolder, { recursive: true });
	const command = options.command ?? 'start';
	const logFile = join(options.userFolder, 'n8n.log');
	const log = createWriteStream(logFile, { flags: 'a' });
	const healthCheck: InstanceEnv =
		command === 'worker'
			? {
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(options.port),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				}
			: {};
	const child = spawn(NODE24_BIN, [N8N_BIN, command, ...(options.args ?? [])], {
		env: n8nEnv(options.userFolder, options.port, await freePort(), {
			...options.instance,
			...healthCheck,
		}),
		cwd: options.userFolder,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	for (const stream of [child.stdout, child.stderr]) {
		stream?.pipe(log, { end: false });
		if (options.echo)
			stream?.on('data', (chunk: Buffer) =>
				process.stdout.write(`[n8n ${command}] ${chunk.toString()}`),
			);
	}
	const url = `http://127.0.0.1:${options.port}`;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
			await exited;
			clearTimeout(killer);
		}
		await new Promise<void>((resolve) => log.end(resolve));
		if (existsSync(logFile)) keepForSecretScan('n8n-server', readFileSync(logFile, 'utf8'));
	};
	try {
		await waitReady(url, child, logFile, options.timeoutMs ?? 180_000);
	} catch (error) {
		await stop();
		throw error;
	}
	return { url, port: options.port, logFile, stop };
}
