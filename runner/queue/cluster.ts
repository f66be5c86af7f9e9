import { chmodSync, mkdirSync } from 'fs';
import { join } from 'path';

import { installCommunityPackage } from '../communityPackage';
import { type CredentialRates } from '../credentialRates';
import { freePort } from '../freePort';
import { type InstanceEnv, type RunningN8n, startN8n } from '../n8n';
import { importFixtures, publishExamples } from '../setup';
import { startProxy, type RunningProxy } from './proxy';
import {
	DATABASE,
	ensureQueueServices,
	startPostgres,
	startRedis,
	type RunningService,
} from './services';

type Log = (line: string) => void;

export interface QueueOptions {
	/** Where PostgreSQL's data, Redis and every process's n8n user folder live. */
	root: string;
	sandboxUrl: string;
	/** The load balancer's port, the instance's public address (0: any free port). */
	port?: number;
	rates?: CredentialRates;
	webhookProcessors?: number;
	workers?: number;
	/** Jobs one worker runs at once (n8n's default: 10). */
	workerConcurrency?: number;
	/** Workflows published before main starts, so main activates (registers) them. */
	publish?: readonly string[];
	/** Runs once the database holds the fixtures, before anything is published (tests' own workflows). */
	beforePublish?: (instance: InstanceEnv, mainFolder: string) => Promise<void>;
	/** false: dist/ is current, pack it as it is. */
	build?: boolean;
	log?: Log;
}

export interface QueueInstance {
	/** The load balancer: the editor, the REST API and the production webhook URLs. */
	url: string;
	instance: InstanceEnv;
	mainFolder: string;
	main: RunningN8n;
	webhooks: RunningN8n[];
	workers: RunningN8n[];
	proxy: RunningProxy;
	postgres: RunningService;
	redis: RunningService;
	/** Stops main and starts it again on the same port (webhook processors and workers keep running). */
	restartMain(): Promise<void>;
	stop(): Promise<void>;
}

/**
 * n8n in queue mode as production runs it: PostgreSQL, Redis, one main process (editor, API,
 * trigger activation), webhook processors behind a round-robin load balancer, and workers that
 * run every execution — each process with its own user folder and this package installed in it.
 */
export async function startQueueInstance(options: QueueOptions): Promise<QueueInstance> {
	const log = options.log ?? (() => undefined);
	const { postgresBin } = await ensureQueueServices(log);
	const started: Array<{ stop(): Promise<void> }> = [];
	const stopAll = async () => {
		for (const part of started.reverse()) await part.stop().catch(() => undefined);
	};
	try {
		// Other users may pass through (not list): PostgreSQL runs as its own user below it.
		mkdirSync(options.root, { recursive: true });
		chmodSync(options.root, 0o711);
		log('Starting PostgreSQL and Redis …');
		const postgres = await startPostgres(join(options.root, 'postgres'), postgresBin, log);
		started.push(postgres);
		const redis = await startRedis(join(options.root, 'redis'));
		started.push(redis);

		const proxyPort = options.port || (await freePort());
		const publicUrl = `http://127.0.0.1:${proxyPort}`;
		const instance: InstanceEnv = {
			EXECUTIONS_MODE: 'queue',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: DATABASE.name,
			DB_POSTGRESDB_USER: DATABASE.user,
			DB_POSTGRESDB_PASSWORD: DATABASE.password,
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			// Manual runs go to the workers too (n8n 3's only behaviour).
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			// Production webhooks are the webhook processors' alone, as n8n recommends.
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			N8N_WEBHOOK_URL: `${publicUrl}/`,
			N8N_EDITOR_BASE_URL: `${publicUrl}/`,
		};

		const mainFolder = join(options.root, 'main');
		const webhookFolders = numbered(options.webhookProcessors ?? 2).map((n) =>
			join(options.root, `webhook-${n}`),
		);
		const workerFolders = numbered(options.workers ?? 2).map((n) =>
			join(options.root, `worker-${n}`),
		);
		log('Building and installing n8n-nodes-voice-agents on every n8n process …');
		await installCommunityPackage([mainFolder, ...webhookFolders, ...workerFolders], {
			build: options.build,
		});
		await importFixtures(mainFolder, options.sandboxUrl, log, options.rates, instance);
		await options.beforePublish?.(instance, mainFolder);
		await publishExamples(mainFolder, options.publish, instance);

		const mainPort = await freePort();
		const webhookPorts = await Promise.all(webhookFolders.map(() => freePort()));
		const proxy = await startProxy({
			port: proxyPort,
			main: { name: 'main', port: mainPort },
			webhooks: webhookPorts.map((port, i) => ({ name: `webhook-${i + 1}`, port })),
		});
		started.push({ stop: () => proxy.close() });

		log('Starting n8n main …');
		const startMain = () =>
			startN8n({ userFolder: mainFolder, port: mainPort, command: 'start', instance });
		const cluster = {
			main: await startMain(),
			webhooks: [] as RunningN8n[],
			workers: [] as RunningN8n[],
		};
		started.push({ stop: () => cluster.main.stop() });
		log(
			`Starting ${webhookFolders.length} webhook processors and ${workerFolders.length} workers …`,
		);
		const concurrency = options.workerConcurrency
			? [`--concurrency=${options.workerConcurrency}`]
			: [];
		const others = await Promise.allSettled([
			...webhookFolders.map((userFolder, i) =>
				startN8n({ userFolder, port: webhookPorts[i], command: 'webhook', instance }),
			),
			...workerFolders.map(async (userFolder) =>
				startN8n({
					userFolder,
					port: await freePort(),
					command: 'worker',
					args: concurrency,
					instance,
				}),
			),
		]);
		for (const outcome of others) if (outcome.status === 'fulfilled') started.push(outcome.value);
		const failed = others.find((outcome) => outcome.status === 'rejected');
		if (failed) throw (failed as PromiseRejectedResult).reason;
		const processes = others.map(
			(outcome) => (outcome as PromiseFulfilledResult<RunningN8n>).value,
		);
		cluster.webhooks = processes.slice(0, webhookFolders.length);
		cluster.workers = processes.slice(webhookFolders.length);

		return {
			url: publicUrl,
			instance,
			mainFolder,
			get main() {
				return cluster.main;
			},
			webhooks: cluster.webhooks,
			workers: cluster.workers,
			proxy,
			postgres,
			redis,
			async restartMain() {
				await cluster.main.stop();
				cluster.main = await startMain();
			},
			stop: stopAll,
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}

const numbered = (count: number) => Array.from({ length: count }, (_, i) => i + 1);
