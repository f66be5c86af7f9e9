import type { IDataObject } from 'n8n-workflow';

import { runListSearch } from '../harness/runListSearch';
import { runWebhookMethod } from '../harness/runWebhook';
import { testCredential } from '../harness/testCredential';
import { runNode } from '../harness/runNode';
import { useSandbox } from '../harness/sandbox';
import { aitelierNode } from './aitelier/helpers';
import { butterNode, locator } from './butter/helpers';

const sandbox = useSandbox();
const aitelier = aitelierNode(sandbox);
const butter = butterNode(sandbox);

interface StorageVisit {
	method: string;
	path: string;
	authorization: boolean;
}
const storageVisits = async () =>
	(await sandbox.control<{ visits: StorageVisit[] }>('GET', '/_sandbox/storage/visits')).visits;
const storageUrl = async () =>
	(await sandbox.control<{ url: string }>('GET', '/_sandbox/storage/visits')).url;
const fileUrls = (mode: string) =>
	sandbox.control('PUT', '/_sandbox/aitelier/simulation', { fileUrls: mode });
const fault = (platform: string, kind: string, extra: IDataObject = {}) =>
	sandbox.control('POST', '/_sandbox/faults', { platform, kind, times: 1, ...extra });

const firstSession = async () =>
	String(((await aitelier.api('GET', '/sessions?limit=1')).body.data as IDataObject[])[0].id);

describe('downloads: the API key stays on the API host', () => {
	it('a recording URL on the API host that redirects to storage: fetched there without the key', async () => {
		await fileUrls('api-redirect');
		const { items, error } = await aitelier.run({
			resource: 'session',
			operation: 'getRecording',
			sessionId: await firstSession(),
			download: true,
		});
		expect(error).toBeUndefined();
		const bytes = Buffer.from(items[0].binary!.data.data, 'base64');
		expect(bytes.subarray(0, 4).toString()).toBe('RIFF');
		const visits = await storageVisits();
		expect(visits.map((visit) => [visit.path.split('/')[1], visit.authorization])).toEqual([
			['objects', false],
		]);
	});

	it('a presigned storage URL handed out directly: fetched without the key', async () => {
		await fileUrls('storage');
		const { items, error } = await aitelier.run({
			resource: 'session',
			operation: 'getRecording',
			sessionId: await firstSession(),
			download: true,
		});
		expect(error).toBeUndefined();
		expect(String(items[0].json.url).startsWith(await storageUrl())).toBe(true);
		expect((await storageVisits()).map((visit) => visit.authorization)).toEqual([false]);
	});

	it('an invoice PDF that redirects to storage: downloaded, the key not sent there', async () => {
		await fileUrls('api-redirect');
		const list = await aitelier.run({ resource: 'invoice', operation: 'getAll', limit: 1 });
		const { items, error } = await aitelier.run({
			resource: 'invoice',
			operation: 'download',
			invoiceId: String(list.items[0].json.id),
		});
		expect(error).toBeUndefined();
		expect(Buffer.from(items[0].binary!.data.data, 'base64').toString('latin1')).toMatch(/^%PDF-/);
		expect((await storageVisits()).map((visit) => visit.authorization)).toEqual([false]);
	});
});

describe('API requests: a redirect to another origin is refused, never followed with the key', () => {
	it('an operation (Agent → Get Many): refused, naming the host; storage saw nothing', async () => {
		await fault('butter', 'redirect-cross-origin', { method: 'GET' });
		const { error } = await butter.run({ resource: 'agent', operation: 'getAll', limit: 5 });
		const host = new URL(await storageUrl()).origin;
		expect(error?.message).toBe(
			`Butter AI: redirected the request to ${host}, which is not the API's host`,
		);
		expect((error as { description?: string }).description).toContain('set the Base URL');
		expect(await storageVisits()).toEqual([]);
	});

	it('a call (BuildVoiceAI → Call → Trigger): refused, nothing dialled, storage saw nothing', async () => {
		await fault('buildvoiceai', 'redirect-cross-origin', { method: 'POST' });
		const { error } = await runNode({
			node: 'buildVoiceAi',
			parameters: { resource: 'call', operation: 'trigger', phoneNumber: '+15557100001' },
			credentials: { buildVoiceAiApi: sandbox.credentials.buildVoiceAiApi() },
		});
		expect(error?.message).toContain('which is not the API');
		expect(await storageVisits()).toEqual([]);
		const ledger = await sandbox.control<{ entries: IDataObject[] }>(
			'GET',
			'/_sandbox/ledger?platform=buildvoiceai',
		);
		expect(ledger.entries.filter((entry) => entry.action === 'call.dialed')).toEqual([]);
	});

	it('an editor picker (Butter agents): refused, storage saw nothing', async () => {
		await fault('butter', 'redirect-cross-origin', { method: 'GET' });
		await expect(
			runListSearch({
				node: 'butterAi',
				method: 'searchAgents',
				credentials: { butterAiApi: sandbox.credentials.butterAiApi() },
			}),
		).rejects.toThrow("which is not the API's host");
		expect(await storageVisits()).toEqual([]);
	});

	it('a trigger lifecycle (Aitelier subscription): refused, storage saw nothing', async () => {
		await fault('aitelier', 'redirect-cross-origin', { method: 'GET' });
		await expect(
			runWebhookMethod({
				node: 'aitelierTrigger',
				method: 'checkExists',
				parameters: { events: ['call.completed'] },
				credentials: { aitelierApi: sandbox.credentials.aitelierApi() },
				staticData: { subscriptionId: 'wh_missing000001' },
			}),
		).rejects.toThrow("which is not the API's host");
		expect(await storageVisits()).toEqual([]);
	});
});

describe('the credential test', () => {
	it.each([
		['butterAiApi', 'butter'],
		['buildVoiceAiApi', 'buildvoiceai'],
		['aitelierApi', 'aitelier'],
	] as const)(
		'%s: a redirect to another origin fails the test; the key is not sent there',
		async (name, platform) => {
			await fault(platform, 'redirect-cross-origin');
			const result = await testCredential(name, sandbox.credentials[name]());
			expect(result.status).toBe('Error');
			expect(await storageVisits()).toEqual([]);
		},
	);
});

describe('a redirect within the API host is followed', () => {
	it('a GET redirected to the same origin returns the answer', async () => {
		await fault('butter', 'redirect-same-origin', { method: 'GET' });
		const { items, error } = await butter.run({ resource: 'agent', operation: 'getAll', limit: 2 });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		const gets = (await butter.requests()).filter((r) => r.method === 'GET');
		expect(gets.map((r) => r.status)).toEqual([307, 200]);
	});

	it('a call POST answered 307 on the same origin is placed once, with the key', async () => {
		await fault('butter', 'redirect-same-origin', { method: 'POST' });
		const numbers = (await butter.api('GET', '/v1/phone-numbers?limit=100')).body
			.data as IDataObject[];
		const agent = String(numbers.find((n) => n.agent_id && n.supports_outbound)?.agent_id);
		const { items, error } = await butter.run({
			resource: 'call',
			operation: 'create',
			agentId: locator(agent),
			toNumber: '+15557100002',
		});
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('queued');
		expect(await butter.ledger('call.dialed')).toHaveLength(1);
	});
});
