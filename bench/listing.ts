import { UNPACED } from '../runner/credentialRates';
import { baseUrls } from '../sandbox';
import { SANDBOX_KEYS } from '../sandbox/keys';
import { type BenchN8n, type Executed, nodeRun } from './n8nBench';
import type { Figure, Headline, Section } from './report';
import type { SandboxControl } from './sandboxControl';
import { mb, median, ms, ratio, repeat, times } from './stats';
import {
	chain,
	httpPagination,
	httpRequest,
	manualTrigger,
	ourNode,
	splitOut,
	type Workflow,
} from './workflows';

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
	/** HTTP Request node authenticating with the same credential as ours. */
	httpCred: Workflow;
	/** HTTP Request node with the key as a literal header: no credential to resolve per request. */
	http: Workflow;
}

type Variant = 'ours' | 'httpCred' | 'http';
const VARIANTS: Variant[] = ['ours', 'httpCred', 'http'];

/** Manual Trigger → HTTP Request with n8n's pagination → Split Out of `data` (one item per record, as ours). */
function httpListing(
	id: string,
	name: string,
	request: Parameters<typeof httpRequest>[1],
	pagination: Record<string, unknown>,
): Workflow {
	return chain(id, name, [
		manualTrigger(),
		httpRequest('HTTP Request', request, pagination),
		splitOut('Split Out', 'data'),
	]);
}

const UNPACED_CREDENTIALS = {
	butterAiApi: { id: 'benchButterList1', name: 'Butter AI (bench, unpaced)' },
	aitelierApi: { id: 'benchAitelList01', name: 'Aitelier (bench, unpaced)' },
};

/**
 * Listing measures the nodes' own cost with the sandbox's limits off ("both would only wait"):
 * the same key and base URL, with a rate the credential would let a user raise to.
 */
export function listingCredentials(sandboxUrl: string) {
	const urls = baseUrls(sandboxUrl);
	return [
		{
			...UNPACED_CREDENTIALS.butterAiApi,
			type: 'butterAiApi',
			data: { apiKey: SANDBOX_KEYS.butter.owner, baseUrl: urls.butter, ...UNPACED.butterAiApi },
		},
		{
			...UNPACED_CREDENTIALS.aitelierApi,
			type: 'aitelierApi',
			data: { apiKey: SANDBOX_KEYS.aitelier.full, baseUrl: urls.aitelier, ...UNPACED.aitelierApi },
		},
	];
}

function cases(sandboxUrl: string): ListingCase[] {
	const urls = baseUrls(sandboxUrl);
	const query = { limit: String(MAX_PAGE_SIZE) };
	const pageStyle = httpPagination(
		'page',
		'={{ $pageCount + 1 }}',
		'={{ $response.body.pagination.hasNext === false }}',
	);
	const cursorStyle = httpPagination(
		'cursor',
		'={{ $response.body.pagination.next_cursor }}',
		'={{ $response.body.pagination.has_more === false }}',
	);
	return [
		{
			label: 'Butter AI agents (page style: page, limit ≤ 100, pagination.hasNext)',
			platform: 'butter',
			resource: 'agents',
			seeded: 250,
			listPath: '/v1/agents',
			ours: chain('benchListButter1', 'bench: Butter agents, ours', [
				manualTrigger(),
				ourNode(
					'Ours',
					'butterAi',
					'butterAiApi',
					{ resource: 'agent', operation: 'getAll', returnAll: true, filters: {} },
					{ credentials: { butterAiApi: UNPACED_CREDENTIALS.butterAiApi } },
				),
			]),
			httpCred: httpListing(
				'benchListButter3',
				'bench: Butter agents, HTTP Request (credential)',
				{
					method: 'GET',
					url: `${urls.butter}/v1/agents`,
					auth: { credential: 'butterAiApi' },
					query,
				},
				pageStyle,
			),
			http: httpListing(
				'benchListButter2',
				'bench: Butter agents, HTTP Request (literal header)',
				{
					method: 'GET',
					url: `${urls.butter}/v1/agents`,
					auth: { apiKey: SANDBOX_KEYS.butter.owner },
					query,
				},
				pageStyle,
			),
		},
		{
			label: 'Aitelier sessions (cursor style: next_cursor, has_more)',
			platform: 'aitelier',
			resource: 'sessions',
			seeded: 260,
			listPath: '/sessions',
			ours: chain('benchListAitel01', 'bench: Aitelier sessions, ours', [
				manualTrigger(),
				ourNode(
					'Ours',
					'aitelier',
					'aitelierApi',
					{ resource: 'session', operation: 'getAll', returnAll: true, filters: {} },
					{ credentials: { aitelierApi: UNPACED_CREDENTIALS.aitelierApi } },
				),
			]),
			httpCred: httpListing(
				'benchListAitel03',
				'bench: Aitelier sessions, HTTP Request (credential)',
				{
					method: 'GET',
					url: `${urls.aitelier}/sessions`,
					auth: { credential: 'aitelierApi' },
					query,
				},
				cursorStyle,
			),
			http: httpListing(
				'benchListAitel02',
				'bench: Aitelier sessions, HTTP Request (literal header)',
				{
					method: 'GET',
					url: `${urls.aitelier}/sessions`,
					auth: { apiKey: SANDBOX_KEYS.aitelier.full },
					query,
				},
				cursorStyle,
			),
		},
	];
}

export const listingWorkflows = (sandboxUrl: string): Workflow[] => [
	chain(EMPTY_ID, 'bench: Manual Trigger only', [manualTrigger()]),
	...cases(sandboxUrl).flatMap((c) => VARIANTS.map((variant) => c[variant])),
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

async function sample(
	n8n: BenchN8n,
	sandbox: SandboxControl,
	c: ListingCase,
	variant: Variant,
): Promise<Sample> {
	const workflow = c[variant];
	const isList = (r: { method: string; path: string }) =>
		r.method === 'GET' && r.path === c.listPath;
	const before = (await sandbox.requests(c.platform)).filter(isList).length;
	const executed = await n8n.execute(workflow.id);
	const requests = (await sandbox.requests(c.platform)).filter(isList).length - before;
	const node = nodeRun(executed, variant === 'ours' ? 'Ours' : 'HTTP Request');
	if (node.error || !executed.run)
		failed(`${workflow.name}: ${node.error ?? 'no run data'}`, executed);
	const split = variant === 'ours' ? undefined : nodeRun(executed, 'Split Out');
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
		if (total !== records)
			throw new Error(`${c.platform} ${c.resource}: seeded ${total}, wanted ${records}`);
	}
	const expectedRequests = Math.ceil(records / MAX_PAGE_SIZE);

	options.log(
		`  listing: ${options.runs} runs × ${all.length} lists × ${VARIANTS.length} workflows, ${records} records each`,
	);
	const emptyPeak = median(
		(await repeat(options.runs, () => n8n.execute(EMPTY_ID))).map((e) => e.peakRssBytes),
	);
	const figures: Figure[] = [];
	const headline: Headline[] = [];
	for (const c of all) {
		// Rotating which goes first spreads any drift of the machine over all three.
		const samples = await repeat(options.runs, async (run) => {
			const result = {} as Record<Variant, Sample>;
			for (const variant of VARIANTS.map((_, i) => VARIANTS[(i + run) % VARIANTS.length])) {
				result[variant] = await sample(n8n, sandbox, c, variant);
				if (result[variant].records !== records)
					throw new Error(
						`${c.platform} ${variant}: ${result[variant].records} records, expected ${records}`,
					);
			}
			options.log(
				`    ${c.platform} run ${run + 1}: ours ${ms(result.ours.nodeMs)}, HTTP Request with credential ${ms(result.httpCred.nodeMs)}, ` +
					`with literal header ${ms(result.http.nodeMs)}`,
			);
			return result;
		});
		const pick = (variant: Variant, field: keyof Sample) =>
			median(samples.map((s) => s[variant][field]));
		// The fastest run: other load on the machine only ever adds time, so it is the steadier figure.
		const fastest = (variant: Variant) => Math.min(...samples.map((s) => s[variant].nodeMs));
		const timeRatio = (variant: Variant) => ratio(pick('ours', 'nodeMs'), pick(variant, 'nodeMs'));
		// Each run's own ratio, lowest to highest: the noise that one median hides.
		const spread = (variant: Variant) => {
			const perRun = samples.map((s) => ratio(s.ours.nodeMs, s[variant].nodeMs));
			return `${times(Math.min(...perRun))}–${times(Math.max(...perRun))}`;
		};
		const timeCell = (variant: Variant) =>
			`${ms(pick(variant, 'nodeMs'))} (${ms(fastest(variant))})`;
		const oursRequests = pick('ours', 'requests');
		const extra = (variant: Variant) => pick(variant, 'peakRssBytes') - emptyPeak;
		const short =
			c.platform === 'butter' ? 'Butter AI agents, page style' : 'Aitelier sessions, cursor style';
		const requestsMet = oursRequests === expectedRequests;
		headline.push({
			figure:
				`Return All, ${records.toLocaleString('en')} ${short}: requests · time vs n8n's HTTP Request pagination with the ` +
				'same credential (with the key as a literal header) · extra memory vs it',
			result:
				`${oursRequests}${requestsMet ? ' = ceil(N/100)' : ` (ceil(N/100) = ${expectedRequests})`} · ` +
				`${times(timeRatio('httpCred'))} [runs ${spread('httpCred')}] (${times(timeRatio('http'))}) · ${times(ratio(extra('ours'), extra('httpCred')))}`,
			target: '= ceil(N/100) · ≤ 0.80× · —',
			met: requestsMet && timeRatio('httpCred') <= 0.8,
		});
		figures.push(
			{
				figure: `${c.label}: requests for ${records.toLocaleString('en')} records`,
				ours: String(oursRequests),
				baseline: `ceil(N / ${MAX_PAGE_SIZE}) = ${expectedRequests} (HTTP Request node: ${pick('httpCred', 'requests')})`,
				ratio: times(ratio(oursRequests, expectedRequests)),
				target: '= 1.00×',
				met: requestsMet,
			},
			{
				figure: `${c.label}: node time, median (fastest run; each run's ratio, min–max), vs HTTP Request with the same credential`,
				ours: timeCell('ours'),
				baseline: timeCell('httpCred'),
				ratio: `${times(timeRatio('httpCred'))} (${times(ratio(fastest('ours'), fastest('httpCred')))}; runs ${spread('httpCred')})`,
				target: '≤ 0.80×',
				met: timeRatio('httpCred') <= 0.8,
			},
			{
				figure: `${c.label}: node time vs HTTP Request with the key as a literal header (no credential)`,
				ours: timeCell('ours'),
				baseline: timeCell('http'),
				ratio: `${times(timeRatio('http'))} (${times(ratio(fastest('ours'), fastest('http')))})`,
			},
			{
				figure: `${c.label}: node time vs HTTP Request (same credential) + Split Out, one item per record as ours`,
				ours: ms(pick('ours', 'nodeMs')),
				baseline: ms(pick('httpCred', 'withSplitMs')),
				ratio: times(ratio(pick('ours', 'nodeMs'), pick('httpCred', 'withSplitMs'))),
			},
			{
				figure: `${c.label}: peak RSS of the \`n8n execute\` process, above a Manual-Trigger-only run (${mb(emptyPeak)})`,
				ours: `+${mb(extra('ours'))}`,
				baseline: `HTTP Request (same credential) + Split Out: +${mb(extra('httpCred'))}`,
				ratio: times(ratio(extra('ours'), extra('httpCred'))),
			},
		);
	}
	return {
		title: `1. Full listing of ${records.toLocaleString('en')} records (Return All)`,
		method:
			'In one real n8n, each workflow (Manual Trigger → node) runs with `n8n execute --id … --rawOutput` in a fresh ' +
			"process; the time is the node's own `executionTime` from the run data (same engine, no CLI start-up). The " +
			"baseline is n8n's HTTP Request node v4.2 with its Pagination option (`page = {{ $pageCount + 1 }}` until " +
			'`hasNext` is false; `cursor = {{ $response.body.pagination.next_cursor }}` until `has_more` is false) and ' +
			'`limit=100`, authenticating with the same credential as ours (Predefined Credential Type) or, cheapest, with ' +
			'the key typed into a header; each HTTP workflow ends with a Split Out of `data`. Requests are counted from the ' +
			"sandbox's request log (GET /_sandbox/requests). Rate limits are off for this figure (both would only wait). " +
			`Median of ${options.runs}, order rotated per run.`,
		figures,
		headline,
	};
}
