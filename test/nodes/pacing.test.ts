import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/runNode';
import { listOf, type LoggedRequest, SANDBOX_KEYS, useSandbox } from '../harness/sandbox';

/*
 * Issue 17: requests leave at the platform's rate instead of all at once. Each run here meets
 * the sandbox's own limits (as documented, or scaled) with the credential saying the same, and
 * counts what the sandbox refused.
 */
const sandbox = useSandbox();
jest.setTimeout(120_000);

const BUTTER_AGENT = 'agent_409b7f7e7659';
/** How late a request already sent may arrive after a 429 came back (a busy machine). */
const IN_FLIGHT_MS = 250;
const leads = (count: number, from: number) =>
	Array.from({ length: count }, (_, i) => ({ phone: `+1555${String(from + i).padStart(7, '0')}` }));

const requestsOf = async (platform: string) =>
	listOf<LoggedRequest>(
		await sandbox.control('GET', `/_sandbox/requests?platform=${platform}`),
		'requests',
	);
const refused = async (platform: string) =>
	(await requestsOf(platform)).filter((r) => r.status === 429).length;
const dialled = async (platform: string) =>
	listOf<{ action: string; details: IDataObject }>(
		await sandbox.control('GET', `/_sandbox/ledger?platform=${platform}`),
		'entries',
	).filter((e) => e.action === 'call.dialed').length;

const butterStarter = (): ICredentialDataDecryptedObject => ({
	apiKey: SANDBOX_KEYS.butter.owner,
	baseUrl: sandbox.urls.butter,
	plan: 'starter',
});
const butterCalls = (items: IDataObject[], executionId: string) =>
	runNode({
		node: 'butterAi',
		parameters: {
			resource: 'call',
			operation: 'create',
			agentId: { __rl: true, mode: 'id', value: BUTTER_AGENT },
			toNumber: '={{ $json.phone }}',
		} as INodeParameters,
		credentials: { butterAiApi: butterStarter() },
		items,
		executionId,
	});

describe('Butter AI on the Starter plan (10 requests/s)', () => {
	it('40 calls leave at the plan’s rate: none refused, each dialled once', async () => {
		await sandbox.control('PUT', '/_sandbox/butter/plan', { plan: 'starter' });
		const started = Date.now();
		const { items, error } = await butterCalls(leads(40, 7_000_000), 'exec-paced');
		expect(error).toBeUndefined();
		expect(items).toHaveLength(40);
		expect(await refused('butter')).toBe(0);
		expect(await dialled('butter')).toBe(40);
		// 5 at once, then one every ~100 ms: about 3.5 s, not all at once.
		expect(Date.now() - started).toBeGreaterThan(3000);
	});

	it('two executions at once on one credential share its rate: none refused', async () => {
		await sandbox.control('PUT', '/_sandbox/butter/plan', { plan: 'starter' });
		const [a, b] = await Promise.all([
			butterCalls(leads(20, 7_100_000), 'exec-a'),
			butterCalls(leads(20, 7_200_000), 'exec-b'),
		]);
		expect([a.error, b.error]).toEqual([undefined, undefined]);
		expect(await refused('butter')).toBe(0);
		expect(await dialled('butter')).toBe(40);
	});

	it('another client on the same key: the pacer slows down on its 429s, nothing is lost', async () => {
		/** 40 calls while someone else spends half the plan's rate on the same key: POSTs refused. */
		const contended = async (credential: ICredentialDataDecryptedObject, from: number) => {
			await sandbox.control('POST', '/_sandbox/reset');
			await sandbox.control('PUT', '/_sandbox/butter/plan', { plan: 'starter' });
			let stop = false;
			const other = (async () => {
				while (!stop) {
					await fetch(`${sandbox.urls.butter}/v1/agents?limit=1`, {
						headers: { authorization: `Bearer ${SANDBOX_KEYS.butter.owner}` },
					});
					await new Promise((resolve) => setTimeout(resolve, 200));
				}
			})();
			const run = await runNode({
				node: 'butterAi',
				parameters: {
					resource: 'call',
					operation: 'create',
					agentId: { __rl: true, mode: 'id', value: BUTTER_AGENT },
					toNumber: '={{ $json.phone }}',
				} as INodeParameters,
				credentials: { butterAiApi: credential },
				items: leads(40, from),
			});
			stop = true;
			await other;
			expect(run.error).toBeUndefined();
			expect(await dialled('butter')).toBe(40);
			const posts = (await requestsOf('butter'))
				.filter((r) => r.method === 'POST')
				.map((r) => ({ at: Date.parse(r.at), refused: r.status === 429 }));
			return { posts, refused: posts.filter((p) => p.refused) };
		};
		// The same 40 calls unpaced (a rate far above the plan's), measured alongside: the
		// refusals the other client's share causes when nothing slows down.
		const unpaced = await contended(
			{ ...butterStarter(), plan: 'custom', requestsPerSecond: 1000 },
			7_300_000,
		);
		const paced = await contended(butterStarter(), 7_400_000);
		// Each 429 (Retry-After: at least 1 s here) holds every call: none arrives in that second
		// but those already on their way when the answer came back.
		for (const refusal of paced.refused) {
			const inHold = paced.posts.filter(
				(p) => p.at > refusal.at + IN_FLIGHT_MS && p.at < refusal.at + 1000 - IN_FLIGHT_MS,
			);
			expect(inHold).toEqual([]);
		}
		// And the halved rate keeps most of the rest away. Counted against the run alongside, not
		// as a fixed figure: on a loaded machine both runs meet more (or fewer) refusals.
		expect(unpaced.refused.length).toBeGreaterThanOrEqual(30);
		expect(paced.refused.length * 3).toBeLessThanOrEqual(unpaced.refused.length);
	});
});

describe('Aitelier, its per-key window scaled to one second (5 requests/s)', () => {
	it('reads paced by the credential’s rate: none refused', async () => {
		await sandbox.control('PUT', '/_sandbox/limits/aitelier', {
			perMinute: { limit: 5, windowMs: 1000 },
		});
		const { items, error } = await runNode({
			node: 'aitelier',
			parameters: { resource: 'wallet', operation: 'get' },
			credentials: {
				aitelierApi: {
					apiKey: SANDBOX_KEYS.aitelier.full,
					baseUrl: sandbox.urls.aitelier,
					requestsPerMinute: 300,
				},
			},
			items: Array.from({ length: 15 }, () => ({})),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(15);
		expect(await refused('aitelier')).toBe(0);
	});
});
