import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { runListSearch } from '../harness/runListSearch';
import { runNode } from '../harness/runNode';
import { runWebhookMethod } from '../harness/runWebhook';
import { type LedgerEntry, listOf, useSandbox } from '../harness/sandbox';
import { CAMPAIGNS, type CampaignPlatform, failureOf, UNKNOWN_OUTCOME } from './campaign';
import { table, writeSection } from './report';

/*
 * Hostile servers and retries: redirects, answers that are not HTTP, lists that never end,
 * "Retry execution" after a campaign failed half-way, and two triggers after one number —
 * each through n8n's real engine against the sandbox, each figure asserted as well as written.
 */

const sandbox = useSandbox();
jest.setTimeout(300_000);
const PLATFORMS: CampaignPlatform[] = ['butter', 'buildvoiceai', 'aitelier'];
const rows: Record<string, Array<Array<string | number>>> = {
	redirects: [],
	notHttp: [],
	cursors: [],
	retry: [],
	registrations: [],
};

const credentialsOf = (platform: CampaignPlatform) => {
	const name = CAMPAIGNS[platform].credential;
	return {
		[name]: (sandbox.credentials as Record<string, () => ICredentialDataDecryptedObject>)[name](),
	};
};
const fault = (rule: IDataObject) => sandbox.control('POST', '/_sandbox/faults', rule);
const storage = async () =>
	await sandbox.control<{ url: string; visits: Array<{ authorization: boolean }> }>(
		'GET',
		'/_sandbox/storage/visits',
	);
const dialCounts = async (platform: CampaignPlatform) => {
	const counts = new Map<string, number>();
	for (const entry of listOf<LedgerEntry>(
		await sandbox.control('GET', `/_sandbox/ledger?platform=${platform}`),
		'entries',
	).filter((e) => e.action === 'call.dialed'))
		counts.set(String(entry.details.phone), (counts.get(String(entry.details.phone)) ?? 0) + 1);
	return counts;
};
const posts = async (platform: CampaignPlatform) =>
	listOf<{ method: string }>(
		await sandbox.control('GET', `/_sandbox/requests?platform=${platform}`),
		'requests',
	).filter((r) => r.method === 'POST').length;
const leads = (count: number, base: number) =>
	Array.from({ length: count }, (_, i) => ({ phone: `+1555${String(base + i).padStart(7, '0')}` }));

beforeEach(async () => {
	for (const platform of PLATFORMS)
		await sandbox.control('PUT', `/_sandbox/limits/${platform}`, { enabled: false });
});

afterAll(async () => {
	await writeSection(
		'hostile',
		'6. Hostile servers and retries — no key leaves its host, nothing dialled twice',
		`
### Redirects

Every authenticated request (operations, pickers, trigger lifecycles, downloads) is sent with
n8n's automatic redirects off; the package follows a redirect itself only within the API's own
origin and refuses one that leaves it, naming only the other origin. Files behind a redirect to
storage are fetched there without the key. The sandbox's storage host (its own port, an
S3-style presigned store that refuses a request carrying \`Authorization\`) logs every visit.

${table(['case', 'outcome', 'storage visits', 'with Authorization'], rows.redirects)}

### Answers that are not HTTP

Every call's answer is raw bytes (\`SSH-2.0-…\`) after the platform acted: the client fails with
an \`HPE_*\` parser code, not a status.

${table(['platform', 'calls', 'requests', 'succeeded', '"outcome unknown" (had dialled)', 'dialled twice'], rows.notHttp)}

### Lists that never end

The server answers each next page with the cursor it was asked with.

${table(['list', 'requests before stopping', 'error'], rows.cursors)}

### Retry execution after a campaign failed half-way

Half of a campaign's calls are refused before anything is dialled (402, out of credit); the node
fails, as n8n's "Retry execution" then runs it again with the same items in a new execution.
Butter AI and BuildVoiceAI skip what the duplicate guard (n8n's deduplication store) holds as
placed; Aitelier's default Idempotency-Key is the request's own, so the platform answers the
placed ones with their first answer.

${table(['platform', 'leads', 'dialled by the failed run', 'placed by the retry', 'skipped / replayed by the retry', 'dialled exactly once', 'dialled twice', 'never dialled'], rows.retry)}

### Competing trigger registrations

Two workflows' Butter AI Triggers pick the same phone number, whose callback URL was the user's
CRM.

${table(['step', 'what happened', 'the number points at'], rows.registrations)}
`,
	);
});

describe('redirects', () => {
	it('no request with the key follows a redirect off the API host; downloads go without it', async () => {
		const record = async (name: string, run: () => Promise<string>) => {
			await sandbox.control('POST', '/_sandbox/reset');
			const outcome = await run();
			const { visits } = await storage();
			rows.redirects.push([
				name,
				outcome,
				visits.length,
				visits.filter((v) => v.authorization).length,
			]);
			expect(visits.filter((v) => v.authorization)).toEqual([]);
			return visits.length;
		};
		const refused = (message: string | undefined) => {
			expect(message).toContain("which is not the API's host");
			return 'refused, naming the other origin';
		};

		for (const platform of PLATFORMS) {
			const visits = await record(
				`${CAMPAIGNS[platform].label} call, 302 to another origin`,
				async () => {
					await fault({ platform, kind: 'redirect-cross-origin', method: 'POST', times: 1 });
					const { error } = await runNode({
						node: CAMPAIGNS[platform].node,
						parameters: { ...(await CAMPAIGNS[platform].parameters(sandbox)), ...{} },
						credentials: credentialsOf(platform),
						items: leads(1, 6_000_000),
					});
					const outcome = refused(error?.message);
					expect([...(await dialCounts(platform)).values()]).toEqual([]);
					return `${outcome}; nothing dialled`;
				},
			);
			expect(visits).toBe(0);
		}
		expect(
			await record('Butter AI Agent → Get Many, 302 to another origin', async () => {
				await fault({ platform: 'butter', kind: 'redirect-cross-origin', method: 'GET' });
				const { error } = await runNode({
					node: 'butterAi',
					parameters: { resource: 'agent', operation: 'getAll', limit: 5 },
					credentials: credentialsOf('butter'),
				});
				return refused(error?.message);
			}),
		).toBe(0);
		expect(
			await record('Butter AI agent picker (editor), 302 to another origin', async () => {
				await fault({ platform: 'butter', kind: 'redirect-cross-origin', method: 'GET' });
				const error = await runListSearch({
					node: 'butterAi',
					method: 'searchAgents',
					credentials: credentialsOf('butter'),
				}).catch((e: Error) => e);
				return refused((error as Error).message);
			}),
		).toBe(0);
		expect(
			await record(
				'Aitelier Trigger activation (its subscription), 302 to another origin',
				async () => {
					await fault({ platform: 'aitelier', kind: 'redirect-cross-origin' });
					const error = await runWebhookMethod({
						node: 'aitelierTrigger',
						method: 'create',
						parameters: { events: ['call.completed'] },
						credentials: credentialsOf('aitelier'),
					}).catch((e: Error) => e);
					return refused((error as Error).message);
				},
			),
		).toBe(0);
		for (const mode of ['api-redirect', 'storage']) {
			const visits = await record(
				mode === 'storage'
					? 'Aitelier recording, a presigned URL on the storage host'
					: 'Aitelier recording, its API URL 302 to the storage host',
				async () => {
					await sandbox.control('PUT', '/_sandbox/aitelier/simulation', { fileUrls: mode });
					const sessions = await runNode({
						node: 'aitelier',
						parameters: { resource: 'session', operation: 'getAll', limit: 1 },
						credentials: credentialsOf('aitelier'),
					});
					const { items, error } = await runNode({
						node: 'aitelier',
						parameters: {
							resource: 'session',
							operation: 'getRecording',
							sessionId: String(sessions.items[0].json.id),
							download: true,
						},
						credentials: credentialsOf('aitelier'),
					});
					expect(error).toBeUndefined();
					expect(Buffer.from(items[0].binary!.data.data, 'base64').subarray(0, 4).toString()).toBe(
						'RIFF',
					);
					return 'downloaded from storage';
				},
			);
			expect(visits).toBe(1);
		}
		expect(
			await record('Butter AI Agent → Get Many, 307 within the API host', async () => {
				await fault({ platform: 'butter', kind: 'redirect-same-origin', method: 'GET', times: 1 });
				const { items, error } = await runNode({
					node: 'butterAi',
					parameters: { resource: 'agent', operation: 'getAll', limit: 2 },
					credentials: credentialsOf('butter'),
				});
				expect(error).toBeUndefined();
				expect(items).toHaveLength(2);
				return 'followed: the agents listed';
			}),
		).toBe(0);
	});
});

describe('answers that are not HTTP', () => {
	it.each(PLATFORMS)(
		'%s: garbage after acting is "outcome unknown" or a keyed re-send — never a second dial',
		async (platform) => {
			await fault({ platform, kind: 'not-http', method: 'POST', times: 20 });
			const calls = leads(20, 6_100_000);
			const { items } = await runNode({
				node: CAMPAIGNS[platform].node,
				parameters: await CAMPAIGNS[platform].parameters(sandbox),
				credentials: credentialsOf(platform),
				items: calls,
				continueOnFail: true,
			});
			const counts = await dialCounts(platform);
			const failures = items.map(failureOf).filter((m): m is string => m !== undefined);
			const unknown = failures.filter((m) => m.includes(UNKNOWN_OUTCOME) && m.includes('HPE_'));
			const twice = [...counts.values()].filter((n) => n > 1).length;
			const requests = await posts(platform);
			rows.notHttp.push([
				CAMPAIGNS[platform].label,
				calls.length,
				requests,
				items.length - failures.length,
				unknown.length,
				twice,
			]);
			expect(twice).toBe(0);
			expect(counts.size).toBe(20);
			if (CAMPAIGNS[platform].idempotent) {
				expect(failures).toEqual([]);
				expect(requests).toBe(40);
			} else {
				expect(unknown).toHaveLength(20);
				expect(requests).toBe(20);
			}
		},
	);
});

describe('lists that never end', () => {
	it.each([
		[
			'Butter AI Agent → Get Many (cursor style)',
			'butter',
			'butterAi',
			{ resource: 'agent', operation: 'getAll', returnAll: true },
			'agents',
		],
		[
			'Aitelier Session → Get Many',
			'aitelier',
			'aitelier',
			{ resource: 'session', operation: 'getAll', returnAll: true },
			'sessions',
		],
	] as Array<[string, CampaignPlatform, string, INodeParameters, string]>)(
		'%s: a cursor that sends the reader back is an error, not an endless walk',
		async (name, platform, node, parameters, resource) => {
			await sandbox.control('POST', '/_sandbox/seed', { platform, resource, count: 300 });
			if (platform === 'butter')
				await sandbox.control('PUT', '/_sandbox/butter/list-style', { style: 'cursor' });
			await fault({ platform, kind: 'cursor-loop', method: 'GET' });
			const { error } = await runNode({ node, parameters, credentials: credentialsOf(platform) });
			const requests = listOf<{ method: string }>(
				await sandbox.control('GET', `/_sandbox/requests?platform=${platform}`),
				'requests',
			).filter((r) => r.method === 'GET').length;
			rows.cursors.push([name, requests, error?.message ?? '(none)']);
			expect(error?.message).toContain('repeated a cursor');
			expect(requests).toBeLessThanOrEqual(3);
		},
	);
});

describe('Retry execution after a campaign failed half-way', () => {
	it.each(PLATFORMS)(
		'%s: 200 leads, half refused, then retried: every lead dialled exactly once',
		async (platform) => {
			const campaign = leads(200, 6_200_000);
			const parameters = await CAMPAIGNS[platform].parameters(sandbox);
			await fault({ platform, kind: '402', method: 'POST', times: 100 });
			const run = (executionId: string) =>
				runNode({
					node: CAMPAIGNS[platform].node,
					parameters,
					credentials: credentialsOf(platform),
					items: campaign,
					executionId,
					keepGuardStore: executionId !== 'exec-first',
				});
			const failed = await run('exec-first');
			expect(failed.error?.message).toContain('Insufficient credit');
			const afterFailure = [...(await dialCounts(platform)).values()].reduce((a, b) => a + b, 0);
			const postsBefore = await posts(platform);
			const retried = await run('exec-retry');
			expect(retried.error).toBeUndefined();
			const counts = await dialCounts(platform);
			const skipped = retried.items.filter((item) => item.json.skipped).length;
			const retryPosts = (await posts(platform)) - postsBefore;
			const once = campaign.filter((lead) => counts.get(lead.phone) === 1).length;
			const twice = campaign.filter((lead) => (counts.get(lead.phone) ?? 0) > 1).length;
			const never = campaign.filter((lead) => !counts.has(lead.phone)).length;
			const placedByRetry = counts.size - afterFailure;
			rows.retry.push([
				CAMPAIGNS[platform].label,
				campaign.length,
				afterFailure,
				placedByRetry,
				CAMPAIGNS[platform].idempotent
					? `${retryPosts - placedByRetry} replayed`
					: `${skipped} skipped`,
				once,
				twice,
				never,
			]);
			expect(afterFailure).toBe(100);
			expect([once, twice, never]).toEqual([200, 0, 0]);
		},
	);
});

describe('competing trigger registrations', () => {
	it('a second workflow is refused the number; the user’s URL comes back at the end', async () => {
		const CRM = 'https://crm.example/hook';
		const butter = async (method: string, path: string, body?: unknown) =>
			(await (
				await fetch(`${sandbox.urls.butter}${path}`, {
					method,
					headers: {
						authorization: `Bearer ${String(sandbox.credentials.butterAiApi().apiKey)}`,
						'content-type': 'application/json',
					},
					body: body === undefined ? undefined : JSON.stringify(body),
				})
			).json()) as { data: IDataObject };
		const numbers = (await butter('GET', '/v1/phone-numbers?limit=100'))
			.data as unknown as IDataObject[];
		const id = String(numbers[0].id);
		await butter('PATCH', `/v1/phone-numbers/${id}`, { webhook_url: CRM });
		const pointsAt = async () => {
			const url = String((await butter('GET', `/v1/phone-numbers/${id}`)).data.webhook_url);
			return url === CRM
				? 'the CRM'
				: url.includes('/hook-a/')
					? 'workflow A'
					: url.includes('/hook-b/')
						? 'workflow B'
						: url;
		};
		const workflow = (webhookId: string) => {
			const staticData: IDataObject = {};
			return (method: 'checkExists' | 'create' | 'delete') =>
				runWebhookMethod({
					node: 'butterAiTrigger',
					method,
					parameters: {
						events: ['group:completed'],
						registration: 'phoneNumbers',
						phoneNumberIds: [id],
					},
					credentials: credentialsOf('butter'),
					staticData,
					webhookBaseUrl: 'https://n8n.example.com/webhook',
					webhookId,
					workflowId: `wf-${webhookId}`,
				});
		};
		const activate = async (lifecycle: ReturnType<typeof workflow>) => {
			if (!(await lifecycle('checkExists')).result) await lifecycle('create');
		};
		const a = workflow('hook-a');
		const b = workflow('hook-b');

		await activate(a);
		rows.registrations.push([
			'workflow A activates',
			'registered; the CRM URL remembered',
			await pointsAt(),
		]);
		expect(await pointsAt()).toBe('workflow A');

		const refusal = await activate(b).then(
			() => undefined,
			(e: Error) => e,
		);
		rows.registrations.push([
			'workflow B activates on the same number',
			`refused: "${String(refusal?.message).slice(0, 90)}…"`,
			await pointsAt(),
		]);
		expect(refusal?.message).toContain('https://n8n.example.com/webhook/hook-a/');
		expect(await pointsAt()).toBe('workflow A');

		await activate(a);
		rows.registrations.push([
			'n8n restarts: A activates again',
			'nothing changed',
			await pointsAt(),
		]);
		expect(await pointsAt()).toBe('workflow A');

		await a('delete');
		rows.registrations.push([
			'workflow A deactivates',
			'the remembered URL written back',
			await pointsAt(),
		]);
		expect(await pointsAt()).toBe('the CRM');
	});
});
