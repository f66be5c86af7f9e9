import { tmpdir } from 'os';
import { join } from 'path';

import { ROOT } from '../runner/paths';
import { runOrThrow } from '../runner/process';
import { ensureRuntime } from '../runner/runtime';
import { createSandbox, type Sandbox } from '../sandbox';
import { campaignCredentials, campaignWorkflows, measureCampaign } from './campaign';
import { measurePairedCampaign, pairWorkflows } from './campaignPair';
import { listingCredentials, listingWorkflows, measureListing } from './listing';
import { measureLoadCost } from './loadCost';
import { describeMachine } from './machine';
import { BenchN8n } from './n8nBench';
import { renderHeadline, renderResults, type Section, writeResults } from './report';
import { sandboxControl } from './sandboxControl';
import { measureToolAnswer, toolAnswerCredentials, toolAnswerWorkflows } from './toolAnswer';
import { measureVerificationCost } from './verifyCost';
import { measureQueueWebhooks } from './queueWebhooks';
import { measureWebhooks, webhookCredentials, webhookWorkflows } from './webhooks';

/**
 * `npm run bench`: every benchmark against the sandbox, each beside a baseline measured in the
 * same run, written to bench/RESULTS.md. BENCH_QUICK=1 runs tiny sizes once (for development) and
 * writes to the temp folder instead. BENCH_ONLY=webhooks,verification (section names below) runs
 * only those sections at full size, also into the temp folder: a partial run never replaces the
 * full one in bench/RESULTS.md.
 */
const QUICK = process.env.BENCH_QUICK === '1';
const SECTION_NAMES = [
	'listing',
	'campaign',
	'webhooks',
	'tools',
	'queue',
	'verification',
	'load',
] as const;
type SectionName = (typeof SECTION_NAMES)[number];

function onlySections(value: string | undefined): Set<SectionName> | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const names = value.split(',').map((name) => name.trim().toLowerCase());
	const unknown = names.filter((name) => !(SECTION_NAMES as readonly string[]).includes(name));
	if (unknown.length > 0)
		throw new Error(
			`BENCH_ONLY: unknown section ${unknown.join(', ')} (known: ${SECTION_NAMES.join(', ')})`,
		);
	return new Set(names as SectionName[]);
}

const ONLY = onlySections(process.env.BENCH_ONLY);
const runs = (section: SectionName) => ONLY === undefined || ONLY.has(section);
const SIZES = QUICK
	? {
			runs: 1,
			listingRuns: 1,
			records: 1000,
			calls: 100,
			bvaiScale: 20,
			deliveries: 100,
			loadRuns: 3,
			microEvents: 1000,
			toolRequests: 20,
			toolFloodRequests: 40,
		}
	: {
			runs: 3,
			listingRuns: 5,
			records: 10_000,
			calls: 1000,
			bvaiScale: 10,
			deliveries: 400,
			loadRuns: 10,
			microEvents: 5000,
			toolRequests: 200,
			toolFloodRequests: 200,
		};
const CONCURRENCY = 8;
const RESULTS =
	QUICK || ONLY
		? join(tmpdir(), 'voice-agents-bench-RESULTS.md')
		: join(ROOT, 'bench', 'RESULTS.md');

const log = (line: string) => console.log(line);

const resources: { sandbox?: Sandbox; n8n?: BenchN8n } = {};

async function cleanUp(): Promise<void> {
	const { n8n, sandbox } = resources;
	resources.n8n = undefined;
	resources.sandbox = undefined;
	await n8n?.close();
	await sandbox?.close();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		log(`\n${signal}: stopping n8n and the sandbox …`);
		void cleanUp().finally(() => process.exit(130));
	});
}

async function main(): Promise<void> {
	const startedAt = new Date();
	log(
		`npm run bench${QUICK ? ' (quick)' : ''}${ONLY ? ` (only ${[...ONLY].join(', ')})` : ''}: results go to ${RESULTS}`,
	);
	await ensureRuntime(log);
	const machine = await describeMachine();
	log('Building the package (dist/) …');
	await runOrThrow('npm', ['run', '--silent', 'build'], { cwd: ROOT });

	const sections: Section[] = [];
	let load: Section | undefined;
	if (runs('load')) {
		log('4. Load cost');
		load = await measureLoadCost({ runs: SIZES.loadRuns, log });
	}
	let verification: Section | undefined;
	if (runs('verification')) {
		log('3b. Verification cost (in-process)');
		verification = measureVerificationCost({ events: SIZES.microEvents, batches: 5 });
	}

	let tools: Section | undefined;
	if (runs('listing') || runs('campaign') || runs('webhooks') || runs('tools')) {
		const sandbox = await createSandbox({ port: 0 });
		resources.sandbox = sandbox;
		log(
			`Sandbox on ${sandbox.url}; preparing n8n ${machine.n8n} with the package installed as a community package …`,
		);
		const n8n = await BenchN8n.create(sandbox.url, [
			...webhookCredentials(),
			...campaignCredentials(sandbox.url, SIZES.bvaiScale),
			...listingCredentials(sandbox.url),
			...toolAnswerCredentials(),
		]);
		resources.n8n = n8n;
		await n8n.importWorkflows([
			...(runs('listing') ? listingWorkflows(sandbox.url) : []),
			...(runs('campaign')
				? [
						...campaignWorkflows(sandbox.url, SIZES.calls, SIZES.bvaiScale),
						...pairWorkflows(sandbox.url, SIZES.calls, SIZES.bvaiScale),
					]
				: []),
			...(runs('webhooks') ? webhookWorkflows(sandbox) : []),
			...(runs('tools') ? toolAnswerWorkflows() : []),
		]);
		const control = sandboxControl(sandbox.url);

		if (runs('listing')) {
			log('1. Listing');
			sections.push(
				await measureListing({
					n8n,
					sandbox: control,
					sandboxUrl: sandbox.url,
					records: SIZES.records,
					runs: SIZES.listingRuns,
					log,
				}),
			);
		}
		if (runs('campaign')) {
			log('2. Campaign throughput');
			const campaign = await measureCampaign({
				n8n,
				sandbox: control,
				sandboxUrl: sandbox.url,
				calls: SIZES.calls,
				bvaiScale: SIZES.bvaiScale,
				runs: SIZES.runs,
				log,
			});
			log('2b. Campaign, two executions at once');
			const pair = await measurePairedCampaign({
				n8n,
				sandbox: control,
				sandboxUrl: sandbox.url,
				calls: SIZES.calls,
				bvaiScale: SIZES.bvaiScale,
				log,
			});
			campaign.figures.push(...pair.figures);
			campaign.headline = [...(campaign.headline ?? []), ...pair.headline];
			campaign.method = `${campaign.method} ${pair.method}`;
			sections.push(campaign);
		}
		// Before 3a: it leaves its last n8n running until cleanUp, and this section starts its own.
		if (runs('tools')) {
			log('5. Tool answer latency');
			tools = await measureToolAnswer({
				n8n,
				sandboxUrl: sandbox.url,
				requests: SIZES.toolRequests,
				floodRequests: SIZES.toolFloodRequests,
				concurrency: CONCURRENCY,
				runs: SIZES.runs,
				log,
			});
		}
		if (runs('webhooks')) {
			log('3a. Webhook throughput');
			await control.reset();
			const webhooks = await measureWebhooks({
				n8n,
				sandbox,
				deliveries: SIZES.deliveries,
				concurrency: CONCURRENCY,
				runs: SIZES.runs,
				log,
			});
			if (verification)
				verification.notes = [
					`For scale: one delivery to the plain Webhook node costs ${webhooks.plainEventMs.toFixed(1)} ms of n8n's time in 3a ` +
						'(1 ÷ its events/s at 8 in flight).',
				];
			sections.push(webhooks.section);
		}
		await cleanUp();
	}
	if (verification) sections.push(verification);
	if (load) sections.push(load);
	if (tools) sections.push(tools);
	if (runs('queue')) {
		log('6. Call events on n8n queue mode');
		const sandbox = await createSandbox({ port: 0 });
		try {
			sections.push(
				await measureQueueWebhooks({
					sandbox,
					deliveries: SIZES.deliveries,
					concurrency: CONCURRENCY,
					runs: SIZES.runs,
					log,
				}),
			);
		} finally {
			await sandbox.close();
		}
	}

	const headline = sections.flatMap((section) => section.headline ?? []);
	const markdown = renderResults({
		machine,
		startedAt,
		durationMs: Date.now() - startedAt.getTime(),
		runs: [
			QUICK
				? 'QUICK RUN (BENCH_QUICK=1): tiny sizes, one run each — not for comparison.'
				: `Medians of ${SIZES.runs} runs (listing: ${SIZES.listingRuns}) unless a section says otherwise.`,
			ONLY ? `PARTIAL RUN (BENCH_ONLY=${[...ONLY].join(',')}): only these sections.` : '',
		]
			.filter(Boolean)
			.join(' '),
		sections,
		headline,
	});
	writeResults(RESULTS, markdown);
	log(
		`\n${renderHeadline(headline)}\n\nWritten ${RESULTS} in ${Math.round((Date.now() - startedAt.getTime()) / 1000)} s.`,
	);
}

main().catch(async (error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	await cleanUp();
	process.exit(1);
});
