import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/runNode';
import {
	type LedgerEntry,
	listOf,
	type LoggedRequest,
	SANDBOX_KEYS,
	useSandbox,
} from '../harness/sandbox';

const sandbox = useSandbox();

const trigger = (items: IDataObject[], parameters: INodeParameters = {}, continueOnFail = false) =>
	runNode({
		node: 'buildVoiceAi',
		parameters: {
			resource: 'call',
			operation: 'trigger',
			phoneNumber: '={{ $json.phone }}',
			...parameters,
		},
		credentials: { buildVoiceAiApi: sandbox.credentials.buildVoiceAiApi() },
		items,
		continueOnFail,
	});

const triggerRequests = async () =>
	listOf<LoggedRequest>(
		await sandbox.control('GET', '/_sandbox/requests?platform=buildvoiceai'),
		'requests',
	);
const dialled = async () =>
	listOf<LedgerEntry>(
		await sandbox.control('GET', '/_sandbox/ledger?platform=buildvoiceai'),
		'entries',
	).filter((e) => e.action === 'call.dialed');

describe('BuildVoiceAI → Call → Trigger', () => {
	it('sends the documented body and outputs call_id, status and the input that made it', async () => {
		const { items, error } = await trigger([{ phone: '+15551230001' }], {
			additionalFields: {
				name: 'Ada',
				email: 'ada@example.com',
				metadataJson: '{"lead_id":"L-1"}',
				metadataPairs: { pair: [{ key: 'campaign', value: 'spring' }] },
			},
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json.call_id).toMatch(/^[0-9a-f-]{36}$/);
		expect(items[0].json.status).toBe('initiated');
		const expectedBody = {
			phone_number: '+15551230001',
			name: 'Ada',
			email: 'ada@example.com',
			metadata: { lead_id: 'L-1', campaign: 'spring' },
		};
		expect(items[0].json.input).toEqual(expectedBody);

		const [sent] = await triggerRequests();
		expect(sent.method).toBe('POST');
		expect(sent.path).toMatch(/\/calls\/trigger$/);
		expect(sent.body).toEqual(expectedBody);
		expect(await dialled()).toHaveLength(1);
	});

	it('rejects a bad phone number before sending, naming the field and the item', async () => {
		const { error } = await trigger([{ phone: '+15551230001' }, { phone: '555-0199' }]);
		expect(error?.message).toBe('Phone Number "555-0199" is not an E.164 phone number (item 2)');
		// Items are sent concurrently by n8n's RoutingNode; the bad one never is.
		expect(
			(await triggerRequests()).map((r) => (r.body as { phone_number: string }).phone_number),
		).not.toContain('555-0199');
	});

	it('with Continue On Fail, the bad item carries its error and the others are dialled', async () => {
		const { items } = await trigger(
			[{ phone: '+15551230001' }, { phone: 'nope' }, { phone: '+15551230003' }],
			{ agentId: '={{ $json.phone === "+15551230003" ? "not-a-uuid" : "" }}' },
			true,
		);
		expect(items).toHaveLength(3);
		expect(items[0].json.status).toBe('initiated');
		expect(items[1].json.error).toBe('Phone Number "nope" is not an E.164 phone number (item 2)');
		expect(items[2].json.error).toBe('Agent ID "not-a-uuid" is not a UUID (item 3)');
		expect(await dialled()).toHaveLength(1);
	});

	it('the platform’s 400 for an unknown agent is a clear per-item error', async () => {
		const { error } = await trigger([{ phone: '+15551230001' }], {
			agentId: '00000000-0000-4000-8000-000000000000',
		});
		expect(error?.message).toBe('BuildVoiceAI: Agent not found');
		expect((error as { httpCode?: string }).httpCode).toBe('400');
	});

	it('a 403 for disabled API access is distinct and explained', async () => {
		await sandbox.control(
			'PUT',
			`/_sandbox/buildvoiceai/accounts/${SANDBOX_KEYS.buildVoiceAi.primary}`,
			{ apiAccess: false },
		);
		const { error } = await trigger([{ phone: '+15551230001' }]);
		expect(error?.message).toBe('BuildVoiceAI: API access is disabled for this account');
		expect((error as { description?: string }).description).toContain('Settings → API & Webhooks');
	});

	// Issue 15 (point 7): a 200 whose body says success: false used to be output as a success.
	it('a 200 saying success: false is never a success: outcome unknown, not re-sent, the platform’s words kept', async () => {
		await sandbox.control('POST', '/_sandbox/faults', {
			platform: 'buildvoiceai',
			kind: 'success-false',
			times: 1,
		});
		const { items, error } = await trigger([{ phone: '+15551230001' }]);
		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'BuildVoiceAI: outcome unknown — check before retrying (HTTP 200 with success: false: The request could not be completed)',
		);
		expect((error as { description?: string }).description).toContain('to +15551230001');
		// What happened: the platform acted once (the sandbox dialled before answering), and the
		// node sent the request once — nothing re-sent blindly.
		expect(await triggerRequests()).toHaveLength(1);
		expect(await dialled()).toHaveLength(1);
	});

	it('a 200 HTML page (a proxy’s sign-in page) is not a call placed: outcome unknown, named as not JSON', async () => {
		await sandbox.control('POST', '/_sandbox/faults', {
			platform: 'buildvoiceai',
			kind: 'html-200',
			times: 1,
		});
		const { items, error } = await trigger([{ phone: '+15551230001' }]);
		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'BuildVoiceAI: outcome unknown — check before retrying (HTTP 200 with a body that is not JSON: The answer is an HTML page, not JSON)',
		);
		expect(await triggerRequests()).toHaveLength(1);
		expect(await dialled()).toHaveLength(0);
	});

	it('an injected 500 on a POST without idempotency is not re-sent: outcome unknown', async () => {
		await sandbox.control('POST', '/_sandbox/faults', {
			platform: 'buildvoiceai',
			kind: '500-after-acting',
			times: 1,
		});
		const { error } = await trigger([{ phone: '+15551230001' }]);
		expect(error?.message).toMatch(
			/^BuildVoiceAI: outcome unknown — check before retrying \(HTTP 500/,
		);
		expect(await triggerRequests()).toHaveLength(1);
		expect(await dialled()).toHaveLength(1);
	});

	it('no agent and no default agent: the platform’s 400 says so', async () => {
		const { error } = await runNode({
			node: 'buildVoiceAi',
			parameters: { resource: 'call', operation: 'trigger', phoneNumber: '+15551230001' },
			credentials: {
				buildVoiceAiApi: {
					...sandbox.credentials.buildVoiceAiApi(),
					apiKey: SANDBOX_KEYS.buildVoiceAi.noDefaultAgent,
				},
			},
			items: [{}],
		});
		expect(error?.message).toBe(
			'BuildVoiceAI: No agent_id provided and no default agent is configured',
		);
		expect((error as { description?: string }).description).toContain('set a default agent');
	});

	it('a refused API key is a 401 naming the credential', async () => {
		const { error } = await runNode({
			node: 'buildVoiceAi',
			parameters: { resource: 'call', operation: 'trigger', phoneNumber: '+15551230001' },
			credentials: {
				buildVoiceAiApi: { ...sandbox.credentials.buildVoiceAiApi(), apiKey: 'bvai_sk_revoked' },
			},
			items: [{}],
		});
		expect(error?.message).toBe('BuildVoiceAI: Invalid API key');
		expect((error as { httpCode?: string }).httpCode).toBe('401');
		expect(JSON.stringify(error)).not.toContain('bvai_sk_revoked');
	});

	it('the per-minute limit: 429s are waited out (Retry-After) and every item is dialled once', async () => {
		await sandbox.control('PUT', '/_sandbox/limits/buildvoiceai', {
			requests: { limit: 4, windowMs: 1000 },
		});
		const phones = Array.from({ length: 9 }, (_, i) => ({
			phone: `+1555124${String(i).padStart(4, '0')}`,
		}));
		const { items, error } = await trigger(phones);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.status)).toEqual(phones.map(() => 'initiated'));
		const requests = await triggerRequests();
		expect(requests.filter((r) => r.status === 429).length).toBeGreaterThan(0);
		const calls = await dialled();
		expect(calls).toHaveLength(9);
		expect(new Set(calls.map((c) => (c.details as { phone: string }).phone)).size).toBe(9);
	});

	it('25 items against the 10-concurrent-call limit all succeed, none dialled twice', async () => {
		await sandbox.control(
			'PUT',
			`/_sandbox/buildvoiceai/accounts/${SANDBOX_KEYS.buildVoiceAi.primary}`,
			{
				callDurationMs: 400,
			},
		);
		const phones = Array.from({ length: 25 }, (_, i) => ({
			phone: `+1555125${String(i).padStart(4, '0')}`,
		}));
		const { items, error } = await trigger(phones);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(25);
		expect(items.every((i) => i.json.status === 'initiated')).toBe(true);
		const requests = await triggerRequests();
		// The limit was met; after its first refusals the pacer holds the others for the wait asked,
		// so fewer than the 15 a burst of 25 would meet are refused.
		expect(requests.filter((r) => r.status === 429).length).toBeGreaterThan(0);
		const calls = await dialled();
		expect(calls).toHaveLength(25);
		expect(new Set(calls.map((c) => (c.details as { phone: string }).phone)).size).toBe(25);
		// Each item's output is its own call.
		expect(new Set(items.map((i) => i.json.call_id)).size).toBe(25);
		expect(items.map((i) => (i.json.input as IDataObject).phone_number)).toEqual(
			phones.map((p) => p.phone),
		);
	}, 30_000);
});
