import {
	control,
	type E2eEnvironment,
	executionRun,
	executionsOf,
	settled,
	startEnvironment,
	stopEnvironment,
	waitFor,
} from './helpers';

/**
 * Issue 16's measure, in a running n8n: a 200-lead campaign fails half-way (the platform refuses
 * half the calls: out of credit), then n8n's own "Retry execution" (the executions list's button,
 * through its REST API) runs it again — and every lead is dialled exactly once, on all three
 * platforms. Butter AI and BuildVoiceAI through the duplicate guard in n8n's deduplication store
 * (its database), Aitelier through its content-derived Idempotency-Key.
 */

jest.setTimeout(420_000);

const CAMPAIGNS = [
	{
		platform: 'butter',
		workflow: 'e2eRetryCampgn01',
		path: 'e2e-retry-butter',
		node: 'Butter AI Call',
	},
	{
		platform: 'buildvoiceai',
		workflow: 'e2eRetryCampgn02',
		path: 'e2e-retry-buildvoiceai',
		node: 'BuildVoiceAI Call',
	},
	{
		platform: 'aitelier',
		workflow: 'e2eRetryCampgn03',
		path: 'e2e-retry-aitelier',
		node: 'Aitelier Call',
	},
];
const LEADS = 200;

let env: E2eEnvironment;

beforeAll(async () => {
	env = await startEnvironment({
		workflows: CAMPAIGNS.map(({ platform }) => `retry-${platform}-campaign.json`),
		prepareSandbox: async (started) => {
			// Pacing is not the subject: the limits would only make the run slower.
			for (const { platform } of CAMPAIGNS)
				await control(started, 'PUT', `/limits/${platform}`, { enabled: false });
		},
		publishLive: CAMPAIGNS.map(({ workflow }) => workflow),
	});
	// Publishing answers before n8n serves the URL; a GET then says the URL wants a POST.
	for (const { path } of CAMPAIGNS)
		await waitFor(
			async () => await (await fetch(`${env.n8n!.url}/webhook/${path}`)).text(),
			(text) => text.includes('POST'),
			`n8n to serve /webhook/${path}`,
		);
});

afterAll(async () => stopEnvironment(env));

const dialCounts = (platform: string) => {
	const counts = new Map<string, number>();
	for (const entry of env.sandbox.state.ledger.query({ platform, action: 'call.dialed' }).entries) {
		const phone = String(entry.details.phone);
		counts.set(phone, (counts.get(phone) ?? 0) + 1);
	}
	return counts;
};

describe.each(CAMPAIGNS)(
	'$platform: Retry execution after a campaign failed half-way',
	(campaign) => {
		it(`${LEADS} leads, half refused, then retried in n8n: every lead dialled exactly once`, async () => {
			await control(env, 'POST', '/faults', {
				platform: campaign.platform,
				method: 'POST',
				kind: '402',
				times: LEADS / 2,
			});
			const started = await fetch(`${env.n8n!.url}/webhook/${campaign.path}`, { method: 'POST' });
			expect(started.status).toBe(200);
			const [failed] = await waitFor(
				() => executionsOf(env, campaign.workflow),
				settled(1),
				`the ${campaign.platform} campaign to end`,
				120_000,
			);
			expect(failed.status).toBe('error');
			expect([...dialCounts(campaign.platform).values()].reduce((a, b) => a + b, 0)).toBe(
				LEADS / 2,
			);

			await env.rest!.post(`/rest/executions/${failed.id}/retry`, { loadWorkflow: false });
			const runs = await waitFor(
				() => executionsOf(env, campaign.workflow),
				settled(2),
				`the retry of ${failed.id} to end`,
				120_000,
			);
			const retry = runs.find((run) => run.id !== failed.id)!;
			expect([retry.mode, retry.status]).toEqual(['retry', 'success']);

			const output = (await executionRun(env, retry.id)).data.resultData.runData[campaign.node][0]
				.data!.main[0]!;
			expect(output).toHaveLength(LEADS);
			const counts = dialCounts(campaign.platform);
			expect(counts.size).toBe(LEADS);
			expect([...counts.values()].filter((times) => times !== 1)).toEqual([]);
			if (campaign.platform !== 'aitelier')
				expect(output.filter((item) => item.json.skipped === true)).toHaveLength(LEADS / 2);
		});
	},
);
