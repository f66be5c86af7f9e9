import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { n8nCli } from '../runner/n8n';
import { startQueueInstance } from '../runner/queue/cluster';
import { N8nRest } from '../runner/setup';
import type { Sandbox } from '../sandbox';
import type { Figure, Headline, Section } from './report';
import { median, perSecond, ratio, times } from './stats';
import { sample, type Target, targets, waitRegistered, webhookCredentials } from './webhooks';

const COMPARED: Array<Target['key']> = ['buildvoiceai', 'headerAuth'];

/**
 * Call events through n8n's queue mode (runner/queue/: PostgreSQL, Redis, main, two webhook
 * processors behind the round-robin balancer, workers): the BuildVoiceAI Trigger against n8n's
 * Webhook node with Header Auth on the same set-up, with two workers and then one.
 */
export async function measureQueueWebhooks(options: {
	sandbox: Sandbox;
	deliveries: number;
	concurrency: number;
	runs: number;
	log: (line: string) => void;
}): Promise<Section> {
	const chosen = targets(options.sandbox).filter((target) => COMPARED.includes(target.key));
	const root = mkdtempSync(join(tmpdir(), 'voice-agents-bench-queue-'));
	options.log('  queue: starting PostgreSQL, Redis, main, 2 webhook processors, 2 workers …');
	const queue = await startQueueInstance({
		root,
		sandboxUrl: options.sandbox.url,
		rates: 'unpaced',
		build: false,
		publish: chosen.map((target) => target.workflow.id),
		beforePublish: async (instance, mainFolder) => {
			const credentials = join(mainFolder, 'bench-credentials.json');
			writeFileSync(credentials, JSON.stringify(webhookCredentials()));
			await n8nCli(mainFolder, ['import:credentials', `--input=${credentials}`], instance);
			const dir = mkdtempSync(join(root, 'workflows-'));
			for (const target of chosen)
				writeFileSync(join(dir, `${target.workflow.id}.json`), JSON.stringify(target.workflow));
			await n8nCli(mainFolder, ['import:workflow', '--separate', `--input=${dir}`], instance);
		},
	});
	const processed = new Map<string, number[]>();
	try {
		const rest = new N8nRest(queue.url);
		await rest.ownerLogin();
		const urlOf = (target: Target) => `${queue.url}/webhook/${target.path}`;
		for (const target of chosen) await waitRegistered(urlOf(target), target);
		let offset = 20_000_000;
		for (const workers of [2, 1]) {
			if (workers === 1) await queue.workers[1].stop();
			// Untimed warm-up per target: JIT, the database's first writes.
			for (const target of chosen)
				await sample(
					queue.url,
					rest,
					urlOf(target),
					target,
					50,
					options.concurrency,
					(offset += 1000),
				);
			for (let run = 0; run < options.runs; run++) {
				const order = chosen.map((_, i) => chosen[(i + run) % chosen.length]);
				for (const target of order) {
					const s = await sample(
						queue.url,
						rest,
						urlOf(target),
						target,
						options.deliveries,
						options.concurrency,
						(offset += options.deliveries),
					);
					options.log(
						`    ${workers} worker(s), run ${run + 1} ${target.key}: ${perSecond(s.processed)} processed, ${perSecond(s.intake)} answered, ${s.rejected} refused`,
					);
					const key = `${workers}|${target.key}`;
					processed.set(key, [...(processed.get(key) ?? []), s.processed]);
				}
			}
		}
	} finally {
		await queue.stop();
		rmSync(root, { recursive: true, force: true });
	}

	const pick = (workers: number, key: Target['key']) =>
		median(processed.get(`${workers}|${key}`) ?? [NaN]);
	const figures: Figure[] = [1, 2].map((workers) => ({
		figure: `Queue mode, ${workers} worker${workers > 1 ? 's' : ''}: BuildVoiceAI Trigger events/s (signed, verified) vs n8n's Webhook node with Header Auth`,
		ours: perSecond(pick(workers, 'buildvoiceai')),
		baseline: perSecond(pick(workers, 'headerAuth')),
		ratio: times(ratio(pick(workers, 'buildvoiceai'), pick(workers, 'headerAuth'))),
	}));
	figures.push({
		figure: 'Queue mode: 2 workers ÷ 1 worker, BuildVoiceAI Trigger (Webhook + Header Auth)',
		ours: times(ratio(pick(2, 'buildvoiceai'), pick(1, 'buildvoiceai'))),
		baseline: times(ratio(pick(2, 'headerAuth'), pick(1, 'headerAuth'))),
		ratio: '',
	});
	const headline: Headline[] = [
		{
			figure:
				'Call events on queue mode (2 workers), BuildVoiceAI Trigger vs Webhook + Header Auth',
			result: times(ratio(pick(2, 'buildvoiceai'), pick(2, 'headerAuth'))),
			target: '—',
		},
	];
	return {
		title: '6. Call events on n8n queue mode',
		method:
			'`runner/queue/` as `npm run start:queue` runs it: PostgreSQL and Redis, n8n main, two webhook processors behind ' +
			'the runner’s round-robin balancer, two workers (n8n’s default concurrency), each process with the package ' +
			`installed. Two published one-node workflows: the BuildVoiceAI Trigger and n8n's Webhook node with Header Auth. ` +
			`${options.deliveries} signed deliveries per target and run, ${options.concurrency} in flight, through the ` +
			'balancer; a run ends when every accepted delivery has a finished execution (n8n’s REST API through main). ' +
			`Median of ${options.runs}, order rotated, after an untimed warm-up of 50 per target; with two workers, then ` +
			'with one (the second stopped). Every process shares this machine’s 2 cores: a second worker adds no CPU, so ' +
			'this measures what queue mode costs and whether the trigger keeps pace with n8n’s own node there, not scale-out.',
		figures,
		headline,
	};
}
