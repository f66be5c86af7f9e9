import type { LedgerEntry } from '../sandbox/ledger';
import { type CampaignCase, campaignCases, percent, steadyRate } from './campaign';
import type { BenchN8n } from './n8nBench';
import type { Figure, Headline } from './report';
import type { SandboxControl } from './sandboxControl';
import { perSecond, ratio, times } from './stats';
import { chain, phoneItems, type Workflow } from './workflows';

const FIRST_NUMBERS = [5554000000, 5555000000];

const PAIR_WEBHOOK_IDS: Record<CampaignCase['platform'], string> = {
	butter: '0b1c2d3e-4f50-4a61-8b72-000000000001',
	buildvoiceai: '0b1c2d3e-4f50-4a61-8b72-000000000002',
	aitelier: '0b1c2d3e-4f50-4a61-8b72-000000000003',
};

const pairId = (c: CampaignCase) => `benchPair${c.platform.slice(0, 5).padEnd(5, '0')}01`;
const pairPath = (c: CampaignCase) => `bench-pair-${c.platform}`;

/**
 * One campaign workflow per platform, started by a webhook so one n8n runs two executions of it
 * at once: the body says where this half's numbers start; the answer comes when the calls are done.
 */
export function pairWorkflows(sandboxUrl: string, calls: number, bvaiScale: number): Workflow[] {
	return campaignCases(sandboxUrl, calls / 2, bvaiScale).map((c) =>
		chain(pairId(c), `bench: ${c.platform} campaign, two executions at once`, [
			{
				name: 'Start',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: PAIR_WEBHOOK_IDS[c.platform],
				parameters: {
					httpMethod: 'POST',
					path: pairPath(c),
					responseMode: 'lastNode',
					responseData: 'noData',
					options: {},
				},
			},
			...phoneItems(calls / 2, "Number($('Start').first().json.body.first)"),
			c.callNode,
		]),
	);
}

interface PairSample {
	answers: number[];
	dials: number;
	uniqueDialled: number;
	duplicates: number;
	requests: number;
	refused: number;
	rate: number;
}

/**
 * n8n answers readiness before it has activated every published workflow: wait until a GET is
 * told the path exists for POST (n8n's own hint), so no request meets a 404.
 */
async function waitRegistered(n8nUrl: string, path: string): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		const answer = await fetch(`${n8nUrl}/webhook/${path}`);
		if ((await answer.text()).includes('POST')) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`n8n did not register the webhook ${path} within 60 s`);
}

async function runPair(
	n8nUrl: string,
	sandbox: SandboxControl,
	c: CampaignCase,
): Promise<PairSample> {
	await waitRegistered(n8nUrl, pairPath(c));
	await sandbox.reset();
	await c.setUp(sandbox);
	const answers = await Promise.all(
		FIRST_NUMBERS.map(async (first) => {
			const answer = await fetch(`${n8nUrl}/webhook/${pairPath(c)}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ first }),
			});
			await answer.arrayBuffer();
			return answer.status;
		}),
	);
	const ledger = await sandbox.ledger(c.platform);
	const dials = ledger.entries.filter((e: LedgerEntry) => e.action === 'call.dialed');
	const all = await sandbox.requests(c.platform);
	return {
		answers,
		dials: dials.length,
		uniqueDialled: new Set(dials.map((d) => String(d.details.phone))).size,
		duplicates: ledger.duplicates.reduce((sum, group) => sum + group.count - 1, 0),
		requests: all.length,
		refused: all.filter((r) => r.status === 429).length,
		rate: steadyRate(
			dials.map((d) => Date.parse(d.at)),
			c.limit,
		),
	};
}

/**
 * The campaign again, as two executions of one workflow running at once in one n8n on one
 * credential: the pacer both share keeps their combined rate at the limit with few 429s.
 */
export async function measurePairedCampaign(options: {
	n8n: BenchN8n;
	sandbox: SandboxControl;
	sandboxUrl: string;
	calls: number;
	bvaiScale: number;
	log: (line: string) => void;
}): Promise<{ figures: Figure[]; headline: Headline[]; method: string }> {
	const { n8n, sandbox, calls } = options;
	const cases = campaignCases(options.sandboxUrl, calls / 2, options.bvaiScale);
	for (const c of cases) await n8n.publish(pairId(c));
	const server = await n8n.start();
	const figures: Figure[] = [];
	const headline: Headline[] = [];
	try {
		for (const c of cases) {
			const s = await runPair(server.url, sandbox, c);
			options.log(
				`    ${c.platform} two executions: answers ${s.answers.join(', ')}, ${s.uniqueDialled} dialled, ${s.duplicates} duplicates, ${s.refused} × 429 of ${s.requests}`,
			);
			const limitPerSecond = (c.limit.limit / c.limit.windowMs) * 1000;
			const achieved = ratio(s.rate, limitPerSecond);
			const share = s.refused / Math.max(1, s.requests);
			const notPlaced = calls - s.uniqueDialled;
			const succeeded = s.answers.every((status) => status === 200);
			const met =
				achieved >= 0.95 &&
				achieved <= 1.02 &&
				share <= 0.02 &&
				notPlaced === 0 &&
				s.duplicates === 0 &&
				succeeded;
			figures.push({
				figure: `${c.label}: two executions at once (${calls / 2} calls each, one credential): combined rate ÷ limit · 429s ÷ requests · not placed · duplicates`,
				ours: `${perSecond(s.rate)} · ${percent(share)} (${s.refused} of ${s.requests}) · ${notPlaced} · ${s.duplicates}${succeeded ? '' : ` (answers ${s.answers.join(', ')})`}`,
				baseline: `limit ${perSecond(limitPerSecond)}`,
				ratio: times(achieved),
				target: '≤ 1.00× (≥ 0.95×) · ≤ 2 % · 0 · 0',
				met,
			});
			headline.push({
				figure: `${c.platform}: two executions at once, one credential: combined rate ÷ limit · 429s ÷ requests`,
				result: `${times(achieved)} · ${percent(share)} · ${notPlaced} not placed · ${s.duplicates} duplicates`,
				target: '0.95–1.00× · ≤ 2 %',
				met,
			});
		}
	} finally {
		await server.stop();
	}
	return {
		figures,
		headline,
		method:
			`Two executions at once: \`n8n start\` with a published copy per platform (Webhook → ${calls / 2} numbers from the ` +
			`request body → the call node); two requests at the same moment start two executions, ${calls} calls in all, ` +
			'one credential. One run per platform. The combined rate is measured as above; “within the limit” allows 2 % for ' +
			'the clock (the sandbox refuses anything beyond it anyway).',
	};
}
