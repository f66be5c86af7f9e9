import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/runNode';
import { type LedgerEntry, listOf, type LoggedRequest, useSandbox } from '../harness/sandbox';

/**
 * The executor's decisions on real socket failures, as n8n-core's HTTP stack reports them:
 * connection resets and client timeouts.
 */
const sandbox = useSandbox();

const requestsOf = async (platform: string) =>
	listOf<LoggedRequest>(
		await sandbox.control('GET', `/_sandbox/requests?platform=${platform}`),
		'requests',
	);
const dialsOf = async (platform: string) =>
	listOf<LedgerEntry>(
		await sandbox.control('GET', `/_sandbox/ledger?platform=${platform}`),
		'entries',
	);

const buildVoiceAiCall = (extra: INodeParameters = {}) =>
	runNode({
		node: 'buildVoiceAi',
		parameters: { resource: 'call', operation: 'trigger', phoneNumber: '+15551230001', ...extra },
		credentials: { buildVoiceAiApi: sandbox.credentials.buildVoiceAiApi() },
	});

const aitelierCall = (extra: INodeParameters = {}) =>
	runNode({
		node: 'aitelier',
		parameters: {
			resource: 'call',
			operation: 'trigger',
			scenario: 'scn_outbound_demo0001',
			phone: '+15551230001',
			...extra,
		},
		credentials: { aitelierApi: sandbox.credentials.aitelierApi() },
	});

describe('request executor on real connection failures', () => {
	it('a reset on a GET is retried and the listing completes', async () => {
		await sandbox.control('POST', '/_sandbox/faults', {
			platform: 'butter',
			kind: 'reset',
			times: 1,
		});
		const { items, error } = await runNode({
			node: 'butterAi',
			parameters: { resource: 'agent', operation: 'getAll', returnAll: false, limit: 10 },
			credentials: { butterAiApi: sandbox.credentials.butterAiApi() },
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(10);
		expect((await requestsOf('butter')).map((r) => r.status)).toEqual([-1, 200]);
	});

	it('a reset after a BuildVoiceAI call was placed is not re-sent: outcome unknown, one dial', async () => {
		await sandbox.control('POST', '/_sandbox/faults', {
			platform: 'buildvoiceai',
			kind: 'reset-after-acting',
			times: 1,
		});
		const { error } = await buildVoiceAiCall();
		expect(error?.message).toBe(
			'BuildVoiceAI: outcome unknown — check before retrying (ECONNRESET)',
		);
		expect(await requestsOf('buildvoiceai')).toHaveLength(1);
		expect(await dialsOf('buildvoiceai')).toHaveLength(1);
	});

	it('an answer slower than the node’s timeout on a POST without a key is not re-sent', async () => {
		await sandbox.control('POST', '/_sandbox/faults', {
			platform: 'buildvoiceai',
			kind: 'slow',
			slowMs: 1500,
			times: 1,
		});
		const { error } = await buildVoiceAiCall({ requestOptions: { timeout: 300 } });
		expect(error?.message).toMatch(
			/^BuildVoiceAI: outcome unknown — check before retrying \(E[A-Z]+\)$/,
		);
		expect(await requestsOf('buildvoiceai')).toHaveLength(1);
	});

	it('an Aitelier timeout is retried with the same Idempotency-Key: the call is dialled once', async () => {
		await sandbox.control('POST', '/_sandbox/faults', {
			platform: 'aitelier',
			kind: 'slow',
			slowMs: 1500,
			times: 1,
		});
		const { items, error } = await aitelierCall({ requestOptions: { timeout: 300 } });
		expect(error).toBeUndefined();
		const requests = await requestsOf('aitelier');
		expect(requests).toHaveLength(2);
		expect(requests[1].headers['idempotency-key']).toBe(requests[0].headers['idempotency-key']);
		const dials = await dialsOf('aitelier');
		expect(dials).toHaveLength(1);
		expect(items[0].json.id).toBe(dials[0].resourceId);
	});
});

describe('secrets stay out of errors', () => {
	it('a GET that keeps failing at the socket gives up with an error that holds no API key', async () => {
		await sandbox.control('POST', '/_sandbox/faults', { platform: 'butter', kind: 'reset' });
		const credentials = sandbox.credentials.butterAiApi();
		const { error, run } = await runNode({
			node: 'butterAi',
			parameters: { resource: 'agent', operation: 'getAll', returnAll: false, limit: 5 },
			credentials: { butterAiApi: credentials },
		});
		// The first send and 8 safe re-sends with backoff (~1 minute) before it gives up.
		expect(error?.description).toMatch(/still refused after 9 attempts/);
		expect((await requestsOf('butter')).length).toBe(9);
		const serialised = JSON.stringify({ error, run: run.data });
		expect(serialised).not.toContain(credentials.apiKey);
	}, 120_000);
});
