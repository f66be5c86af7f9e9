import { baseUrls } from '../sandbox';
import { SANDBOX_KEYS } from '../sandbox/keys';
import type { LedgerEntry } from '../sandbox/ledger';
import { type BenchN8n, nodeRun } from './n8nBench';
import type { Figure, Headline, Section } from './report';
import type { SandboxControl } from './sandboxControl';
import { median, ms, perSecond, ratio, repeat, times } from './stats';
import { chain, httpRequest, manualTrigger, ourNode, phoneItems, type Workflow } from './workflows';

/** The voice agent with an outbound number that the Butter example workflow calls with. */
const BUTTER_AGENT = 'agent_3637c49e9834';
const FIRST_NUMBER = 5553000000;
const CALL_NODE = 'Calls';

interface Limit {
	limit: number;
	windowMs: number;
}

interface CampaignCase {
	platform: 'butter' | 'buildvoiceai';
	label: string;
	limit: Limit;
	/** Puts the sandbox in the state the figure needs, after each reset. */
	setUp: (sandbox: SandboxControl) => Promise<unknown>;
	ours: Workflow;
	http: Workflow;
	callPath: string;
}

function cases(sandboxUrl: string, calls: number, bvaiScale: number): CampaignCase[] {
	const urls = baseUrls(sandboxUrl);
	const items = () => phoneItems(calls, FIRST_NUMBER);
	const retry = (windowMs: number) => ({
		retryOnFail: true,
		maxTries: 5,
		waitBetweenTries: Math.min(5000, windowMs),
	});
	const bvaiLimit = { limit: 100, windowMs: Math.round(60_000 / bvaiScale) };
	return [
		{
			platform: 'butter',
			label: 'Butter AI Call → Create, Starter plan (10 requests/s)',
			limit: { limit: 10, windowMs: 1000 },
			setUp: (sandbox) => sandbox.call('PUT', '/butter/plan', { plan: 'starter' }),
			callPath: '/v1/calls',
			ours: chain('benchCallButter1', 'bench: Butter calls, ours', [
				manualTrigger(),
				...items(),
				ourNode(CALL_NODE, 'butterAi', 'butterAiApi', {
					resource: 'call',
					operation: 'create',
					agentId: { __rl: true, mode: 'id', value: BUTTER_AGENT },
					toNumber: '={{ $json.phone }}',
					additionalFields: {},
				}),
			]),
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
			ours: chain('benchCallBvai001', 'bench: BuildVoiceAI calls, ours', [
				manualTrigger(),
				...items(),
				ourNode(CALL_NODE, 'buildVoiceAi', 'buildVoiceAiApi', {
					resource: 'call',
					operation: 'trigger',
					phoneNumber: '={{ $json.phone }}',
					agentId: '',
					additionalFields: {},
				}),
			]),
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
	];
}

export const campaignWorkflows = (
	sandboxUrl: string,
	calls: number,
	bvaiScale: number,
): Workflow[] => cases(sandboxUrl, calls, bvaiScale).flatMap((c) => [c.ours, c.http]);

interface Sample {
	succeeded: boolean;
	dials: number;
	uniqueDialled: number;
	duplicates: number;
	/** Requests refused with 429 (each one waited out and re-sent by ours). */
	refused: number;
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
	return {
		succeeded: executed.run?.status === 'success' && !node.error && node.items.length === calls,
		dials: dials.length,
		uniqueDialled,
		// The ledger's own duplicate report: every dial of a number beyond its first.
		duplicates: ledger.duplicates.reduce((sum, group) => sum + group.count - 1, 0),
		refused: posts.filter((r) => r.status === 429).length,
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
	for (const c of cases(options.sandboxUrl, calls, options.bvaiScale)) {
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
				figure: `${c.label}: node time; 429s waited out per call`,
				ours: `${ms(median(ours.map((s) => s.nodeMs)))}; ${(median(ours.map((s) => s.refused)) / calls).toFixed(1)}`,
				baseline: `ideal ${ms(((calls - c.limit.limit) / limitPerSecond) * 1000)} (limit kept exactly busy)`,
				ratio: times(
					ratio(
						((calls - c.limit.limit) / limitPerSecond) * 1000,
						median(ours.map((s) => s.nodeMs)),
					),
				),
			},
		);
		headline.push({
			figure: `${calls.toLocaleString('en')} calls, ${c.platform === 'butter' ? 'Butter AI at 10 requests/s' : `BuildVoiceAI at 100/min (scaled ${options.bvaiScale}×)`}: rate ÷ limit · not placed · duplicates`,
			result:
				`${times(achieved)} · ${failures} · ${duplicates} (HTTP Request + Retry On Fail: ${httpFailures} not placed, ` +
				`${httpDuplicates} duplicates)`,
			target: '≥ 0.95× · 0 · 0',
			met: achieved >= 0.95 && failures === 0 && allSucceeded && duplicates === 0,
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
			'duplicates: the worst run). n8n sends all items of a node at once; ours waits out each 429 per Retry-After.',
		figures,
		notes: [
			`BuildVoiceAI is scaled: its window is shrunk ${options.bvaiScale}× with PUT /_sandbox/limits/buildvoiceai (100 requests per ` +
				`${60 / options.bvaiScale} s instead of per minute) so the run takes seconds, not ${Math.round(calls / 100)} minutes. The ratio stays ` +
				'honest because Retry-After keeps whole seconds: relative to the window it is coarser than in production, which can only ' +
				'lower the ratio. Its 10-calls-in-progress limit is lifted for this figure.',
			...notes,
		],
		headline,
	};
}
