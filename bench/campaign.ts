import { baseUrls } from '../sandbox';
import { SANDBOX_KEYS } from '../sandbox/keys';
import type { LedgerEntry } from '../sandbox/ledger';
import { type BenchN8n, nodeRun } from './n8nBench';
import type { Figure, Headline, Section } from './report';
import type { SandboxControl } from './sandboxControl';
import { median, ms, perSecond, ratio, repeat, times } from './stats';
import {
	chain,
	httpRequest,
	manualTrigger,
	type NodeSpec,
	ourNode,
	phoneItems,
	type Workflow,
} from './workflows';

/** The voice agent with an outbound number that the Butter example workflow calls with. */
const BUTTER_AGENT = 'agent_3637c49e9834';
const FIRST_NUMBER = 5553000000;
const CALL_NODE = 'Calls';

export const percent = (share: number) => `${(share * 100).toFixed(share < 0.1 ? 2 : 1)} %`;

export interface Limit {
	limit: number;
	windowMs: number;
}

export interface CampaignCase {
	platform: 'butter' | 'buildvoiceai' | 'aitelier';
	label: string;
	limit: Limit;
	/** Puts the sandbox in the state the figure needs, after each reset. */
	setUp: (sandbox: SandboxControl) => Promise<unknown>;
	/** Our call node, as every campaign workflow of this platform uses it. */
	callNode: NodeSpec;
	ours: Workflow;
	http: Workflow;
	callPath: string;
}

/** Aitelier's 5 outbound calls a minute, scaled so 1,000 calls take about 100 s instead of 200 minutes. */
export const AITELIER_SCALE = 120;

/**
 * The Duplicate Guard stays on (its store reads and writes are part of the cost), keyed per
 * execution: every run dials the same numbers, which the default key would rightly skip.
 */
const PER_RUN_GUARD = { key: '={{ $json.phone + "@" + $execution.id }}' };

const SCALED_CREDENTIALS = {
	buildVoiceAiApi: { id: 'benchBvaiScaled1', name: 'BuildVoiceAI (bench, scaled window)' },
	aitelierApi: { id: 'benchAitelScaled1', name: 'Aitelier (bench, scaled windows)' },
};

/**
 * The scaled runs' credentials say what the scaled sandbox allows, as a user types their own
 * agreed rate: the node paces to the credential, the sandbox refuses beyond its window.
 */
export function campaignCredentials(sandboxUrl: string, bvaiScale: number) {
	const urls = baseUrls(sandboxUrl);
	return [
		{
			...SCALED_CREDENTIALS.buildVoiceAiApi,
			type: 'buildVoiceAiApi',
			data: {
				apiKey: SANDBOX_KEYS.buildVoiceAi.primary,
				baseUrl: urls.buildVoiceAi,
				requestsPerMinute: 100 * bvaiScale,
			},
		},
		{
			...SCALED_CREDENTIALS.aitelierApi,
			type: 'aitelierApi',
			data: {
				apiKey: SANDBOX_KEYS.aitelier.full,
				baseUrl: urls.aitelier,
				requestsPerMinute: 60 * AITELIER_SCALE,
				callsPerMinute: 5 * AITELIER_SCALE,
			},
		},
	];
}

export function campaignCases(
	sandboxUrl: string,
	calls: number,
	bvaiScale: number,
): CampaignCase[] {
	return platformCases(sandboxUrl, calls, bvaiScale).map((c) => ({
		...c,
		ours: chain(c.oursId, c.oursName, [
			manualTrigger(),
			...phoneItems(calls, FIRST_NUMBER),
			c.callNode,
		]),
	}));
}

type PlatformCase = Omit<CampaignCase, 'ours'> & { oursId: string; oursName: string };

function platformCases(sandboxUrl: string, calls: number, bvaiScale: number): PlatformCase[] {
	const urls = baseUrls(sandboxUrl);
	const items = () => phoneItems(calls, FIRST_NUMBER);
	const retry = (windowMs: number) => ({
		retryOnFail: true,
		maxTries: 5,
		waitBetweenTries: Math.min(5000, windowMs),
	});
	const bvaiLimit = { limit: 100, windowMs: Math.round(60_000 / bvaiScale) };
	const aitelierCalls = { limit: 5, windowMs: 60_000 / AITELIER_SCALE };
	return [
		{
			platform: 'butter',
			label: 'Butter AI Call → Create, Starter plan (10 requests/s)',
			limit: { limit: 10, windowMs: 1000 },
			setUp: (sandbox) => sandbox.call('PUT', '/butter/plan', { plan: 'starter' }),
			callPath: '/v1/calls',
			oursId: 'benchCallButter1',
			oursName: 'bench: Butter calls, ours',
			callNode: ourNode(CALL_NODE, 'butterAi', 'butterAiApi', {
				resource: 'call',
				operation: 'create',
				agentId: { __rl: true, mode: 'id', value: BUTTER_AGENT },
				toNumber: '={{ $json.phone }}',
				additionalFields: {},
				duplicateGuard: PER_RUN_GUARD,
			}),
			http: chain('benchCallButter2', 'bench: Butter calls, HTTP Request', [
				manualTrigger(),
				...items(),
				httpRequest(
					CALL_NODE,
					{
						method: 'POST',
						url: `${urls.butter}/v1/calls`,
						auth: { apiKey: SANDBOX_KEYS.butter.owner },
						jsonBody: `={{ JSON.stringify({ agent_id: '${BUTTER_AGENT}', to_number: $json.phone }) }}`,
					},
					{},
					retry(1000),
				),
			]),
		},
		{
			platform: 'buildvoiceai',
			label: `BuildVoiceAI Call → Trigger, 100 requests/min scaled ${bvaiScale}× (100 per ${bvaiLimit.windowMs / 1000} s)`,
			limit: bvaiLimit,
			// The 10-calls-in-progress limit is lifted: this figure is about the request limit.
			setUp: (sandbox) =>
				sandbox.limits('buildvoiceai', { requests: bvaiLimit, concurrentCalls: 1_000_000 }),
			callPath: '/calls/trigger',
			oursId: 'benchCallBvai001',
			oursName: 'bench: BuildVoiceAI calls, ours',
			callNode: ourNode(
				CALL_NODE,
				'buildVoiceAi',
				'buildVoiceAiApi',
				{
					resource: 'call',
					operation: 'trigger',
					phoneNumber: '={{ $json.phone }}',
					agentId: '',
					additionalFields: {},
					duplicateGuard: PER_RUN_GUARD,
				},
				{ credentials: { buildVoiceAiApi: SCALED_CREDENTIALS.buildVoiceAiApi } },
			),
			http: chain('benchCallBvai002', 'bench: BuildVoiceAI calls, HTTP Request', [
				manualTrigger(),
				...items(),
				httpRequest(
					CALL_NODE,
					{
						method: 'POST',
						url: `${urls.buildVoiceAi}/calls/trigger`,
						auth: { apiKey: SANDBOX_KEYS.buildVoiceAi.primary },
						jsonBody: '={{ JSON.stringify({ phone_number: $json.phone }) }}',
					},
					{},
					retry(bvaiLimit.windowMs),
				),
			]),
		},
		{
			platform: 'aitelier',
			label: `Aitelier Call → Trigger, 5 outbound calls/min scaled ${AITELIER_SCALE}× (5 per ${60_000 / AITELIER_SCALE} ms)`,
			limit: aitelierCalls,
			setUp: (sandbox) =>
				sandbox.limits('aitelier', {
					perMinute: { limit: 60, windowMs: 60_000 / AITELIER_SCALE },
					perHour: { limit: 1000, windowMs: 3_600_000 / AITELIER_SCALE },
					outboundPerMinute: aitelierCalls,
				}),
			callPath: '/calls',
			oursId: 'benchCallAitel01',
			oursName: 'bench: Aitelier calls, ours',
			callNode: ourNode(
				CALL_NODE,
				'aitelier',
				'aitelierApi',
				{
					resource: 'call',
					operation: 'trigger',
					scenario: { __rl: true, mode: 'id', value: 'scn_outbound_demo0001' },
					phone: '={{ $json.phone }}',
					additionalFields: {},
				},
				{ credentials: { aitelierApi: SCALED_CREDENTIALS.aitelierApi } },
			),
			http: chain('benchCallAitel02', 'bench: Aitelier calls, HTTP Request', [
				manualTrigger(),
				...items(),
				httpRequest(
					CALL_NODE,
					{
						method: 'POST',
						url: `${urls.aitelier}/calls`,
						auth: { apiKey: SANDBOX_KEYS.aitelier.full },
						jsonBody: `={{ JSON.stringify({ scenario: 'scn_outbound_demo0001', phone: $json.phone }) }}`,
						headers: { 'Idempotency-Key': '={{ "bench-" + $json.phone }}' },
					},
					{},
					retry(aitelierCalls.windowMs),
				),
			]),
		},
	];
}

export const campaignWorkflows = (
	sandboxUrl: string,
	calls: number,
	bvaiScale: number,
): Workflow[] => campaignCases(sandboxUrl, calls, bvaiScale).flatMap((c) => [c.ours, c.http]);

interface Sample {
	succeeded: boolean;
	dials: number;
	uniqueDialled: number;
	duplicates: number;
	/** Requests refused with 429 (each one waited out and re-sent by ours). */
	refused: number;
	/** Every request the run sent to the platform, and how many of them were refused. */
	requests: number;
	refusedAll: number;
	nodeMs: number;
	/** Dials per second once the first window's burst is spent: (dials − limit) / (last dial − first dial). */
	steadyRate: number;
	error?: string;
}

/**
 * The rate the limiter allowed over the run: after the first window's `limit` dials, each further
 * `limit` needs one more window, so a limiter kept exactly busy gives (dials − limit) / span = limit / window.
 */
export function steadyRate(dialTimes: number[], limit: Limit): number {
	if (dialTimes.length <= limit.limit) return NaN;
	const sorted = [...dialTimes].sort((a, b) => a - b);
	const spanMs = sorted[sorted.length - 1] - sorted[0];
	return spanMs > 0 ? ((sorted.length - limit.limit) / spanMs) * 1000 : NaN;
}

async function sample(
	n8n: BenchN8n,
	sandbox: SandboxControl,
	c: CampaignCase,
	variant: 'ours' | 'http',
	calls: number,
): Promise<Sample> {
	await sandbox.reset();
	await c.setUp(sandbox);
	const executed = await n8n.execute(c[variant].id);
	const node = nodeRun(executed, CALL_NODE);
	const ledger = await sandbox.ledger(c.platform);
	const dials = ledger.entries.filter((e: LedgerEntry) => e.action === 'call.dialed');
	const posts = (await sandbox.requests(c.platform)).filter(
		(r) => r.method === 'POST' && r.path === c.callPath,
	);
	const uniqueDialled = new Set(dials.map((d) => String(d.details.phone))).size;
	const all = await sandbox.requests(c.platform);
	return {
		succeeded: executed.run?.status === 'success' && !node.error && node.items.length === calls,
		dials: dials.length,
		uniqueDialled,
		// The ledger's own duplicate report: every dial of a number beyond its first.
		duplicates: ledger.duplicates.reduce((sum, group) => sum + group.count - 1, 0),
		refused: posts.filter((r) => r.status === 429).length,
		requests: all.length,
		refusedAll: all.filter((r) => r.status === 429).length,
		nodeMs: node.executionTimeMs,
		steadyRate: steadyRate(
			dials.map((d) => Date.parse(d.at)),
			c.limit,
		),
		error: node.error,
	};
}

/** N call creates against a rate limit: rate achieved ÷ limit, failures, duplicates — ours and the HTTP Request node's. */
export async function measureCampaign(options: {
	n8n: BenchN8n;
	sandbox: SandboxControl;
	sandboxUrl: string;
	calls: number;
	bvaiScale: number;
	runs: number;
	log: (line: string) => void;
}): Promise<Section> {
	const { n8n, sandbox, calls } = options;
	const figures: Figure[] = [];
	const notes: string[] = [];
	const headline: Headline[] = [];
	for (const c of campaignCases(options.sandboxUrl, calls, options.bvaiScale)) {
		const limitPerSecond = (c.limit.limit / c.limit.windowMs) * 1000;
		const ours = await repeat(options.runs, async (run) => {
			const s = await sample(n8n, sandbox, c, 'ours', calls);
			options.log(
				`    ${c.platform} ours run ${run + 1}: ${ms(s.nodeMs)}, ${s.uniqueDialled} dialled, ${s.duplicates} duplicates, ${s.refused} × 429`,
			);
			return s;
		});
		const http = await repeat(options.runs, async (run) => {
			const s = await sample(n8n, sandbox, c, 'http', calls);
			options.log(
				`    ${c.platform} HTTP Request run ${run + 1}: ${ms(s.nodeMs)}, ${s.uniqueDialled} dialled, ${s.duplicates} duplicates`,
			);
			return s;
		});
		const rate = median(ours.map((s) => s.steadyRate));
		const achieved = ratio(rate, limitPerSecond);
		const failures = Math.max(...ours.map((s) => calls - s.uniqueDialled));
		const duplicates = Math.max(...ours.map((s) => s.duplicates));
		const allSucceeded = ours.every((s) => s.succeeded);
		const worstRefused = ours.reduce((worst, s) =>
			s.refusedAll / Math.max(1, s.requests) > worst.refusedAll / Math.max(1, worst.requests)
				? s
				: worst,
		);
		const refusedShare = worstRefused.refusedAll / Math.max(1, worstRefused.requests);
		const httpFailures = median(http.map((s) => calls - s.uniqueDialled));
		const httpDuplicates = median(http.map((s) => s.duplicates));
		const httpSucceeded = http.filter((s) => s.succeeded).length;
		figures.push(
			{
				figure: `${c.label}: rate achieved ÷ limit (${calls.toLocaleString('en')} calls)`,
				ours: `${perSecond(rate)} of ${perSecond(limitPerSecond)}`,
				baseline: `HTTP Request + Retry On Fail: ${perSecond(median(http.map((s) => s.steadyRate)))}, re-dials of the same numbers included`,
				ratio: times(achieved),
				target: '≥ 0.95×',
				met: achieved >= 0.95,
			},
			{
				figure: `${c.label}: calls not placed (worst run)`,
				ours: `${failures}${allSucceeded ? '' : ' (a run failed)'}`,
				baseline: `HTTP Request + Retry On Fail: ${httpFailures} of ${calls} (${httpSucceeded}/${http.length} runs succeeded)`,
				ratio: '',
				target: '0',
				met: failures === 0 && allSucceeded,
			},
			{
				figure: `${c.label}: duplicate dials, ledger (worst run)`,
				ours: String(duplicates),
				baseline: `HTTP Request + Retry On Fail: ${httpDuplicates}`,
				ratio: '',
				target: '0',
				met: duplicates === 0,
			},
			{
				figure: `${c.label}: refused requests (429) ÷ all requests sent (worst run)`,
				ours: `${percent(refusedShare)} (${worstRefused.refusedAll} of ${worstRefused.requests})`,
				baseline: `HTTP Request + Retry On Fail: ${percent(median(http.map((s) => s.refusedAll / Math.max(1, s.requests))))}`,
				ratio: '',
				target: '≤ 1 %',
				met: refusedShare <= 0.01,
			},
			{
				figure: `${c.label}: refused requests per call (median)`,
				ours: (median(ours.map((s) => s.refused)) / calls).toFixed(3),
				baseline: `HTTP Request + Retry On Fail: ${(median(http.map((s) => s.refused)) / calls).toFixed(2)}`,
				ratio: '',
				target: '≤ 0.01',
				met: median(ours.map((s) => s.refused)) / calls <= 0.01,
			},
			{
				figure: `${c.label}: node time`,
				ours: ms(median(ours.map((s) => s.nodeMs))),
				baseline: `ideal ${ms(((calls - c.limit.limit) / limitPerSecond) * 1000)} (limit kept exactly busy)`,
				ratio: times(
					ratio(
						((calls - c.limit.limit) / limitPerSecond) * 1000,
						median(ours.map((s) => s.nodeMs)),
					),
				),
			},
		);
		const where = {
			butter: 'Butter AI at 10 requests/s',
			buildvoiceai: `BuildVoiceAI at 100/min (scaled ${options.bvaiScale}×)`,
			aitelier: `Aitelier at 5 calls/min (scaled ${AITELIER_SCALE}×)`,
		}[c.platform];
		headline.push({
			figure: `${calls.toLocaleString('en')} calls, ${where}: rate ÷ limit · 429s ÷ requests · not placed · duplicates`,
			result:
				`${times(achieved)} · ${percent(refusedShare)} · ${failures} · ${duplicates} (HTTP Request + Retry On Fail: ` +
				`${httpFailures} not placed, ${httpDuplicates} duplicates)`,
			target: '≥ 0.95× · ≤ 1 % · 0 · 0',
			met:
				achieved >= 0.95 &&
				refusedShare <= 0.01 &&
				failures === 0 &&
				allSucceeded &&
				duplicates === 0,
		});
		const httpError = http.find((s) => s.error)?.error;
		if (httpError)
			notes.push(`${c.platform}: the HTTP Request node stopped with “${httpError.slice(0, 160)}”.`);
	}
	return {
		title: `2. Campaign throughput: ${calls.toLocaleString('en')} call creates against a rate limit`,
		method:
			`In one real n8n, each workflow (Manual Trigger → ${calls} items with distinct numbers → the call node) runs with ` +
			'`n8n execute`; the sandbox is reset before each run. Dials, duplicates and dial times come from the sandbox ledger ' +
			'(GET /_sandbox/ledger); 429s from its request log. Rate = (dials − limit) ÷ (last dial − first dial): the rate a ' +
			'limiter kept exactly busy allows. The baseline is the HTTP Request node v4.2 sending the same bodies with the node ' +
			`setting Retry On Fail (5 tries, wait = one window, at most n8n's 5 s). Median of ${options.runs} (failures and ` +
			"duplicates: the worst run). n8n sends all items of a node at once; ours paces them to the credential's rate " +
			'(one pacer per credential and host) and waits out any 429 per Retry-After. Our Butter AI and BuildVoiceAI ' +
			'nodes run with the Duplicate Guard on, keyed per execution (every run dials the same numbers).',
		figures,
		notes: [
			`BuildVoiceAI is scaled: its window is shrunk ${options.bvaiScale}× with PUT /_sandbox/limits/buildvoiceai (100 requests per ` +
				`${60 / options.bvaiScale} s instead of per minute) so the run takes seconds, not ${Math.round(calls / 100)} minutes, and its ` +
				`credential says ${100 * options.bvaiScale} requests per minute, as a user types an agreed rate. Its 10-calls-in-progress ` +
				'limit is lifted for this figure.',
			`Aitelier is scaled ${AITELIER_SCALE}×: 5 outbound calls per ${60_000 / AITELIER_SCALE} ms, 60 requests per ` +
				`${60_000 / AITELIER_SCALE} ms and 1,000 per ${3600 / AITELIER_SCALE} s in the sandbox, and the same in its credential ` +
				`(${60 * AITELIER_SCALE} requests and ${5 * AITELIER_SCALE} calls per minute). Its HTTP Request baseline sends the ` +
				'Idempotency-Key the API requires (one per number).',
			...notes,
		],
		headline,
	};
}
