import { baseUrls } from '../sandbox/server';
import { SANDBOX_KEYS } from '../sandbox/keys';
import { type BenchN8n, type Executed, nodeRun } from './n8nBench';
import type { Figure, Headline, Section } from './report';
import type { SandboxControl } from './sandboxControl';
import { mb, median, ms, ratio, repeat, times } from './stats';
import { chain, httpPagination, httpRequest, manualTrigger, ourNode, splitOut, type Workflow } from './workflows';

const MAX_PAGE_SIZE = 100;
const EMPTY_ID = 'benchEmptyWflow1';

interface ListingCase {
	label: string;
	platform: 'butter' | 'aitelier';
	resource: string;
	/** Records the sandbox seeds itself; the bench adds the rest. */
	seeded: number;
	listPath: string;
	ours: Workflow;
	http: Workflow;
}

function cases(sandboxUrl: string): ListingCase[] {
	const urls = baseUrls(sandboxUrl);
	return [
		{
			label: 'Butter AI agents (page style: page, limit ≤ 100, pagination.hasNext)',
			platform: 'butter',
			resource: 'agents',
			seeded: 250,
			listPath: '/v1/agents',
			ours: chain('benchListButter1', 'bench: Butter agents, ours', [
				manualTrigger(),
				ourNode('Ours', 'butterAi', 'butterAiApi', { resource: 'agent', operation: 'getAll', returnAll: true, filters: {} }),
			]),
			http: chain('benchListButter2', 'bench: Butter agents, HTTP Request', [
				manualTrigger(),
				httpRequest(
					'HTTP Request',
					{ method: 'GET', url: `${urls.butter}/v1/agents`, apiKey: SANDBOX_KEYS.butter.owner, query: { limit: String(MAX_PAGE_SIZE) } },
					httpPagination('page', '={{ $pageCount + 1 }}', '={{ $response.body.pagination.hasNext === false }}'),
				),
				splitOut('Split Out', 'data'),
			]),
		},
		{
			label: 'Aitelier sessions (cursor style: next_cursor, has_more)',
			platform: 'aitelier',
			resource: 'sessions',
			seeded: 260,
			listPath: '/sessions',
			ours: chain('benchListAitel01', 'bench: Aitelier sessions, ours', [
				manualTrigger(),
				ourNode('Ours', 'aitelier', 'aitelierApi', { resource: 'session', operation: 'getAll', returnAll: true, filters: {} }),
			]),
			http: chain('benchListAitel02', 'bench: Aitelier sessions, HTTP Request', [
				manualTrigger(),
				httpRequest(
					'HTTP Request',
					{ method: 'GET', url: `${urls.aitelier}/sessions`, apiKey: SANDBOX_KEYS.aitelier.full, query: { limit: String(MAX_PAGE_SIZE) } },
					httpPagination('cursor', '={{ $response.body.pagination.next_cursor }}', '={{ $response.body.pagination.has_more === false }}'),
				),
				splitOut('Split Out', 'data'),
			]),
		},
	];
}

export const listingWorkflows = (sandboxUrl: string): Workflow[] => [
	chain(EMPTY_ID, 'bench: Manual Trigger only', [manualTrigger()]),
	...cases(sandboxUrl).flatMap((c) => [c.ours, c.http]),
];

interface Sample {
	requests: number;
	records: number;
	nodeMs: number;
	/** HTTP Request + Split Out, so its output is one item per record like ours. */
	withSplitMs: number;
	peakRssBytes: number;
}

function failed(what: string, executed: Executed): never {
	throw new Error(`${what}: n8n execute exited ${executed.exitCode}\n${executed.output}`);
}

async function sample(n8n: BenchN8n, sandbox: SandboxControl, c: ListingCase, variant: 'ours' | 'http'): Promise<Sample> {
	const workflow = c[variant];
	const isList = (r: { method: string; path: string }) => r.method === 'GET' && r.path === c.listPath;
	const before = (await sandbox.requests(c.platform)).filter(isList).length;
	const executed = await n8n.execute(workflow.id);
	const requests = (await sandbox.requests(c.platform)).filter(isList).length - before;
	const node = nodeRun(executed, variant === 'ours' ? 'Ours' : 'HTTP Request');
	if (node.error || !executed.run) failed(`${workflow.name}: ${node.error ?? 'no run data'}`, executed);
	const split = variant === 'http' ? nodeRun(executed, 'Split Out') : undefined;
	const records = (split ?? node).items.length;
	return {
		requests,
		records,
		nodeMs: node.executionTimeMs,
		withSplitMs: node.executionTimeMs + (split?.executionTimeMs ?? 0),
		peakRssBytes: executed.peakRssBytes,
	};
}

/** Return All over N records: requests made, the node's own time in n8n's engine, peak memory. */
export async function measureListing(options: {
	n8n: BenchN8n;
	sandbox: SandboxControl;
	sandboxUrl: string;
	records: number;
	runs: number;
	log: (line: string) => void;
}): Promise<Section> {
	const { n8n, sandbox, records } = options;
	await sandbox.reset();
	// The figure is the paging itself: rate limits (Butter 10/s, Aitelier 60/min) would only add waiting, to both alike.
	for (const platform of ['butter', 'aitelier']) await sandbox.limits(platform, { enabled: false });
	const all = cases(options.sandboxUrl);
	for (const c of all) {
		const { total } = await sandbox.seed(c.platform, c.resource, records - c.seeded);
		if (total !== records) throw new Error(`${c.platform} ${c.resource}: seeded ${total}, wanted ${records}`);
	}
	const expectedRequests = Math.ceil(records / MAX_PAGE_SIZE);

	options.log(`  listing: ${options.runs} runs × ${all.length} lists × 2 workflows, ${records} records each`);
	const emptyPeak = median((await repeat(options.runs, () => n8n.execute(EMPTY_ID))).map((e) => e.peakRssBytes));
	const figures: Figure[] = [];
	const headline: Headline[] = [];
	for (const c of all) {
		// Alternating which goes first spreads any drift of the machine over both.
		const samples = await repeat(options.runs, async (run) => {
			const order: Array<'ours' | 'http'> = run % 2 ? ['http', 'ours'] : ['ours', 'http'];
			const result: Partial<Record<'ours' | 'http', Sample>> = {};
			for (const variant of order) result[variant] = await sample(n8n, sandbox, c, variant);
			options.log(`    ${c.platform} run ${run + 1}: ours ${ms(result.ours!.nodeMs)}, HTTP Request ${ms(result.http!.nodeMs)}`);
			return result as Record<'ours' | 'http', Sample>;
		});
		for (const s of samples) {
			for (const variant of ['ours', 'http'] as const) {
				if (s[variant].records !== records) throw new Error(`${c.platform} ${variant}: ${s[variant].records} records, expected ${records}`);
			}
		}
		const pick = (variant: 'ours' | 'http', field: keyof Sample) => median(samples.map((s) => s[variant][field]));
		// The fastest run: other load on the machine only ever adds time, so it is the steadier figure.
		const fastest = (variant: 'ours' | 'http', field: keyof Sample) => Math.min(...samples.map((s) => s[variant][field]));
		const oursRequests = pick('ours', 'requests');
		const oursMs = pick('ours', 'nodeMs');
		const httpMs = pick('http', 'nodeMs');
		const speed = ratio(oursMs, httpMs);
		const oursPeak = pick('ours', 'peakRssBytes');
		const httpPeak = pick('http', 'peakRssBytes');
		const short = c.platform === 'butter' ? 'Butter AI agents, page style' : 'Aitelier sessions, cursor style';
		headline.push({
			figure: `Return All, ${records.toLocaleString('en')} ${short}: requests · time vs n8n's HTTP Request pagination · extra memory vs it`,
			result: `${oursRequests}${oursRequests === expectedRequests ? ' = ceil(N/100)' : ` (ceil(N/100) = ${expectedRequests})`} · ${times(speed)} · ${times(ratio(oursPeak - emptyPeak, httpPeak - emptyPeak))}`,
			target: '= ceil(N/100) · ≤ 0.80× · —',
			met: oursRequests === expectedRequests && speed <= 0.8,
		});
		figures.push(
			{
				figure: `${c.label}: requests for ${records.toLocaleString('en')} records`,
				ours: String(oursRequests),
				baseline: `ceil(N / ${MAX_PAGE_SIZE}) = ${expectedRequests} (HTTP Request node: ${pick('http', 'requests')})`,
				ratio: times(ratio(oursRequests, expectedRequests)),
				target: '= 1.00×',
				met: oursRequests === expectedRequests,
			},
			{
				figure: `${c.label}: node time, median (fastest run)`,
				ours: `${ms(oursMs)} (${ms(fastest('ours', 'nodeMs'))})`,
				baseline: `HTTP Request node, n8n pagination: ${ms(httpMs)} (${ms(fastest('http', 'nodeMs'))})`,
				ratio: `${times(speed)} (${times(ratio(fastest('ours', 'nodeMs'), fastest('http', 'nodeMs')))})`,
				target: '≤ 0.80×',
				met: speed <= 0.8,
			},
			{
				figure: `${c.label}: node time vs HTTP Request + Split Out (one item per record, as ours)`,
				ours: ms(oursMs),
				baseline: ms(pick('http', 'withSplitMs')),
				ratio: times(ratio(oursMs, pick('http', 'withSplitMs'))),
			},
			{
				figure: `${c.label}: peak RSS of the \`n8n execute\` process (above a Manual-Trigger-only run: ${mb(emptyPeak)})`,
				ours: `${mb(oursPeak)} (+${mb(oursPeak - emptyPeak)})`,
				baseline: `HTTP Request + Split Out: ${mb(httpPeak)} (+${mb(httpPeak - emptyPeak)})`,
				ratio: times(ratio(oursPeak - emptyPeak, httpPeak - emptyPeak)),
			},
		);
	}
	return {
		title: `1. Full listing of ${records.toLocaleString('en')} records (Return All)`,
		method:
			`One real n8n ${'(see machine)'}: each workflow (Manual Trigger → node) is run with \`n8n execute --id … --rawOutput\` in a ` +
			`fresh process; the time is the node's own \`executionTime\` from the run data (same engine, no CLI start-up). The ` +
			`baseline is n8n's HTTP Request node v4.2 with its Pagination option (\`page = {{ $pageCount + 1 }}\` until ` +
			`\`hasNext\` is false; \`cursor = {{ $response.body.pagination.next_cursor }}\` until \`has_more\` is false) and ` +
			`\`limit=100\`, followed by a Split Out of \`data\` for the memory figure. Requests are counted from the sandbox's ` +
			`request log (GET /_sandbox/requests). Rate limits are off for this figure (both would only wait). Median of ${options.runs}.`,
		figures,
		headline,
	};
}
