import { join } from 'path';

import { createSandbox, type Sandbox } from '../sandbox';
import { RUNTIME_DIR } from './paths';
import { startQueueInstance, type QueueInstance } from './queue/cluster';
import { ensureRuntime } from './runtime';
import { printBanner, stopOnSignals, wireSandbox } from './session';
import { N8nRest } from './setup';

const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const SANDBOX_PORT = Number(process.env.SANDBOX_PORT ?? 4010);
/** PostgreSQL's data and every process's user folder: kept between runs, as `npm start` keeps its own. */
export const QUEUE_ROOT = join(RUNTIME_DIR, 'queue');
const log = (line: string) => console.log(line);

/**
 * `npm run start:queue`: the sandbox and n8n in queue mode — PostgreSQL, Redis, main, two webhook
 * processors behind a round-robin load balancer, two workers — each n8n process with this package
 * installed, the sandbox credentials and examples as `npm start` has them. Ctrl-C stops it all.
 */
async function main(): Promise<void> {
	const startedAt = Date.now();
	await ensureRuntime(log);
	const running: { sandbox?: Sandbox; queue?: QueueInstance } = {};
	stopOnSignals(async () => {
		await running.queue?.stop();
		await running.sandbox?.close();
	}, log);

	const sandbox = await createSandbox({ port: SANDBOX_PORT });
	running.sandbox = sandbox;
	log(`Sandbox listening on ${sandbox.url}`);
	const queue = await startQueueInstance({
		root: QUEUE_ROOT,
		sandboxUrl: sandbox.url,
		port: N8N_PORT,
		log,
	});
	running.queue = queue;
	await new N8nRest(queue.url).ownerLogin();
	await wireSandbox(sandbox, queue.url);
	printBanner(log, {
		n8nUrl: queue.url,
		sandboxUrl: sandbox.url,
		logs: [queue.main, ...queue.webhooks, ...queue.workers].map((process) => process.logFile),
		extra: [
			`queue mode     main + ${queue.webhooks.length} webhook processors (round-robin behind ${queue.url}) + ${queue.workers.length} workers`,
			`databases      PostgreSQL on 127.0.0.1:${queue.postgres.port}, Redis on 127.0.0.1:${queue.redis.port} (data in ${QUEUE_ROOT})`,
			`ready in       ${Math.round((Date.now() - startedAt) / 1000)} s`,
		],
	});
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
