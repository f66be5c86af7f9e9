import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { signPayload } from '../../sandbox/signing';
import { captureLogs } from '../harness/captureLogs';
import { runNode } from '../harness/runNode';
import { runWebhook, runWebhookMethod } from '../harness/runWebhook';
import { SANDBOX_KEYS, useSandbox } from '../harness/sandbox';
import { startTriggerReceiver, waitUntil } from '../harness/triggerReceiver';

const sandbox = useSandbox();
const SECRET = 'whsec_c2FuZGJveC1idWlsZHZvaWNlYWktc2VjcmV0'; // base64 of a fixed test key
const ACCOUNT = `/_sandbox/buildvoiceai/accounts/${SANDBOX_KEYS.buildVoiceAi.primary}`;
const receivers: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
	await Promise.all(receivers.splice(0).map((r) => r.close()));
});

const credential = (signingSecret = SECRET) => ({
	buildVoiceAiApi: { ...sandbox.credentials.buildVoiceAiApi(), signingSecret },
});

async function receiver(
	parameters: INodeParameters = {},
	signingSecret = SECRET,
	mode: 'webhook' | 'manual' = 'webhook',
) {
	const started = await startTriggerReceiver({
		node: 'buildVoiceAiTrigger',
		parameters: { events: ['call.started', 'call.completed', 'call.failed'], ...parameters },
		credentials: credential(signingSecret),
		mode,
	});
	receivers.push(started);
	return started;
}

const saveWebhook = (url: string, extra: IDataObject = {}) =>
	sandbox.control<IDataObject>('PUT', `${ACCOUNT}/webhook`, { url, secret: SECRET, ...extra });

async function triggerCalls(phones: string[], metadataJson = '{}') {
	const { items, error } = await runNode({
		node: 'buildVoiceAi',
		parameters: {
			resource: 'call',
			operation: 'trigger',
			phoneNumber: '={{ $json.phone }}',
			additionalFields: { metadataJson },
		},
		credentials: { buildVoiceAiApi: sandbox.credentials.buildVoiceAiApi() },
		items: phones.map((phone) => ({ phone })),
	});
	expect(error).toBeUndefined();
	return items.map((item) => item.json);
}

const completedPayload = (callId = 'c0ffee00-0000-4000-8000-000000000001') => ({
	event: 'call.completed',
	call_id: callId,
	agent_id: '3f0b6a52-8c1e-4d7a-9b2f-0e6c1d2a4b5c',
	phone_number: '+15551230001',
	duration_seconds: 42,
	metadata: { lead_id: 'L-9' },
});

const deliver = (url: string, body: IDataObject) =>
	sandbox.control<{ delivered: boolean; attempts: Array<{ status?: number }> }>(
		'POST',
		'/_sandbox/webhooks/deliver',
		{
			url,
			scheme: 'standardWebhooks',
			secret: SECRET,
			payload: completedPayload(),
			...body,
		},
	);

describe('BuildVoiceAI Trigger — sandbox call → signed webhook → trigger output', () => {
	beforeEach(async () => {
		await sandbox.control('PUT', ACCOUNT, { callDurationMs: 150, startDelayMs: 10 });
	});

	it('each triggered call starts the workflow on call.started, then call.completed or call.failed', async () => {
		const hook = await receiver();
		await saveWebhook(hook.url);
		await sandbox.control('PUT', '/_sandbox/buildvoiceai/outcomes', {
			'+15551230002': 'failed',
			'+15551230003': 'no-answer',
		});

		const calls = await triggerCalls(
			['+15551230001', '+15551230002', '+15551230003'],
			'{"campaign":"spring"}',
		);
		await waitUntil(() => hook.deliveries.length === 6, 'six signed deliveries');

		expect(hook.deliveries.map((d) => d.status)).toEqual([200, 200, 200, 200, 200, 200]);
		const events = hook.startedItems();
		const byCall = (callId: unknown) =>
			events.filter((e) => e.call_id === callId).map((e) => e.event);
		expect(byCall(calls[0].call_id)).toEqual(['call.started', 'call.completed']);
		expect(byCall(calls[1].call_id)).toEqual(['call.started', 'call.failed']);
		expect(byCall(calls[2].call_id)).toEqual(['call.started', 'call.failed']);

		const completed = events.find((e) => e.event === 'call.completed')!;
		expect(completed).toMatchObject({
			received_event: 'call.completed',
			test: false,
			status: 'completed',
			phone_number: '+15551230001',
			direction: 'outbound',
			metadata: { campaign: 'spring' },
		});
		expect(completed.duration_seconds).toBeGreaterThan(0);
		expect((completed.raw as IDataObject).event).toBe('call.completed');
		expect(
			events.find((e) => e.call_id === calls[2].call_id && e.event === 'call.failed')?.status,
		).toBe('no-answer');
	});

	it.each([
		['standardWebhooks', {}, {}],
		['stripe', {}, {}],
		[
			'hmacSha256',
			{ hmac: { header: 'X-BVA-Signature', encoding: 'hex' } },
			{ hmacHeader: 'X-BVA-Signature' },
		],
		[
			'sharedSecret',
			{ sharedSecretHeader: 'X-BVA-Secret' },
			{ verificationHeader: 'X-BVA-Secret' },
		],
	])(
		'a placed call reaches the trigger signed with the %s scheme',
		async (scheme, senderOptions, nodeOptions) => {
			const hook = await receiver({ verification: scheme, ...nodeOptions });
			await saveWebhook(hook.url, { scheme, ...senderOptions });
			const [call] = await triggerCalls(['+15551230001']);
			await waitUntil(() => hook.deliveries.length === 2, 'two deliveries');
			expect(hook.deliveries.map((d) => d.status)).toEqual([200, 200]);
			expect(hook.startedItems().map((e) => [e.event, e.call_id])).toEqual([
				['call.started', call.call_id],
				['call.completed', call.call_id],
			]);
		},
	);

	it('the newer names call_started / call_ended are normalised, call_ended split by status', async () => {
		const hook = await receiver();
		await saveWebhook(hook.url, { eventStyle: 'underscore' });
		await sandbox.control('PUT', '/_sandbox/buildvoiceai/outcomes', { '+15551230002': 'busy' });

		const calls = await triggerCalls(['+15551230001', '+15551230002']);
		await waitUntil(() => hook.deliveries.length === 4, 'four deliveries');
		const events = hook.startedItems();
		const of = (i: number) => events.filter((e) => e.call_id === calls[i].call_id);
		expect(of(0).map((e) => [e.received_event, e.event])).toEqual([
			['call_started', 'call.started'],
			['call_ended', 'call.completed'],
		]);
		expect(of(1).map((e) => [e.received_event, e.event, e.status])).toEqual([
			['call_started', 'call.started', 'in-progress'],
			['call_ended', 'call.failed', 'busy'],
		]);
	});

	it('an unselected event gets 200 and starts nothing', async () => {
		const hook = await receiver({ events: ['call.completed'] });
		await saveWebhook(hook.url);
		await triggerCalls(['+15551230001']);
		await waitUntil(() => hook.deliveries.length === 2, 'two deliveries');
		expect(hook.deliveries.map((d) => [d.status, d.started.length])).toEqual([
			[200, 0],
			[200, 1],
		]);
		expect(hook.startedItems().map((e) => e.event)).toEqual(['call.completed']);
	});

	it('test events start nothing unless included', async () => {
		const off = await receiver();
		await saveWebhook(off.url);
		const sent = await sandbox.control<{ delivered: boolean }>('POST', `${ACCOUNT}/test-event`);
		expect(sent.delivered).toBe(true);
		expect(off.deliveries.map((d) => [d.status, d.started.length])).toEqual([[200, 0]]);

		const on = await receiver({ includeTestEvents: true });
		await saveWebhook(on.url);
		await sandbox.control('POST', `${ACCOUNT}/test-event`);
		expect(on.startedItems()).toEqual([
			expect.objectContaining({ event: 'test', test: true, call_id: null }),
		]);
	});
});

describe('BuildVoiceAI Trigger — verification', () => {
	it.each([
		['standardWebhooks', {}, {}],
		['stripe', {}, {}],
		[
			'hmacSha256',
			{ hmac: { header: 'X-BVA-Signature', encoding: 'base64', prefix: 'sha256=' } },
			{
				hmacHeader: 'X-BVA-Signature',
				hmacEncoding: 'base64',
				hmacPrefix: 'sha256=',
			},
		],
		[
			'sharedSecret',
			{ sharedSecretHeader: 'X-BVA-Secret' },
			{ verificationHeader: 'X-BVA-Secret' },
		],
	])(
		'accepts a correctly signed delivery with the %s scheme',
		async (scheme, senderOptions, nodeOptions) => {
			const hook = await receiver({ verification: scheme, ...nodeOptions });
			const sent = await deliver(hook.url, { scheme, ...senderOptions });
			expect(sent.delivered).toBe(true);
			expect(hook.startedItems()).toEqual([
				expect.objectContaining({
					event: 'call.completed',
					call_id: completedPayload().call_id,
					metadata: { lead_id: 'L-9' },
				}),
			]);
		},
	);

	it.each(['tamperBody', 'wrongSecret', 'staleTimestamp', 'dropSignature'])(
		'a %s delivery gets 401 and starts nothing',
		async (mutate) => {
			const hook = await receiver();
			const sent = await deliver(hook.url, { mutate });
			expect(sent.delivered).toBe(false);
			expect(hook.deliveries.map((d) => [d.status, d.started.length])).toEqual([[401, 0]]);
		},
	);

	// Issue 15 changed this from "401 the second time": a platform's retry must not look like a failure.
	it('a replayed delivery (same id, same signature) gets 200 the second time and starts nothing', async () => {
		const hook = await receiver();
		const body = JSON.stringify(completedPayload());
		const headers = {
			'content-type': 'application/json',
			...signPayload(body, { scheme: 'standardWebhooks', secret: SECRET }),
		};
		const first = await fetch(hook.url, { method: 'POST', headers, body });
		const replay = await fetch(hook.url, { method: 'POST', headers, body });
		expect([first.status, replay.status]).toEqual([200, 200]);
		expect(await replay.json()).toEqual({ received: true, ignored: 'duplicate delivery' });
		expect(hook.startedItems()).toHaveLength(1);
	});

	it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])(
		'a delivery missing %s gets 401',
		async (missing) => {
			const hook = await receiver();
			const body = JSON.stringify(completedPayload());
			const headers: Record<string, string> = {
				'content-type': 'application/json',
				...signPayload(body, { scheme: 'standardWebhooks', secret: SECRET }),
			};
			delete headers[missing];
			const answer = await fetch(hook.url, { method: 'POST', headers, body });
			expect(answer.status).toBe(401);
			expect(await answer.json()).toEqual({ error: 'Webhook signature verification failed' });
			expect(hook.startedItems()).toHaveLength(0);
		},
	);

	it('with no signing secret in the credential every delivery is refused', async () => {
		const hook = await receiver({}, '');
		await sandbox.control('PUT', '/_sandbox/webhook-settings', { maxAttempts: 1, baseDelayMs: 0 });
		await deliver(hook.url, {});
		expect(hook.deliveries.map((d) => d.status)).toEqual([401]);
	});

	it('verification Off accepts an unsigned delivery — only when chosen explicitly', async () => {
		const request = {
			rawBody: JSON.stringify(completedPayload()),
			headers: { 'content-type': 'application/json' },
		};
		const params = { events: ['call.completed'] };
		const byDefault = await runWebhook({
			node: 'buildVoiceAiTrigger',
			parameters: params,
			credentials: credential(),
			request,
		});
		expect(byDefault.response.statusCode).toBe(401);
		const off = await runWebhook({
			node: 'buildVoiceAiTrigger',
			parameters: { ...params, verification: 'none' },
			credentials: credential(''),
			request,
		});
		expect(off.result.workflowData?.[0]).toHaveLength(1);
	});

	it('an unknown event name is acknowledged and starts nothing', async () => {
		const hook = await receiver();
		await deliver(hook.url, { payload: { event: 'agent.updated', agent_id: 'x' } });
		expect(hook.deliveries.map((d) => [d.status, d.started.length])).toEqual([[200, 0]]);
	});
});

describe('BuildVoiceAI Trigger — lifecycle (no registration API)', () => {
	const method = (
		name: 'checkExists' | 'create' | 'delete',
		parameters: INodeParameters = {},
		secret = SECRET,
	) =>
		runWebhookMethod({
			node: 'buildVoiceAiTrigger',
			parameters,
			credentials: credential(secret),
			method: name,
		});

	it('checkExists reports nothing registered, create and delete touch nothing remote', async () => {
		expect((await method('checkExists')).result).toBe(false);
		expect((await method('create')).result).toBe(true);
		expect((await method('delete')).result).toBe(true);
		const requests = await sandbox.control<{ requests: unknown[] }>(
			'GET',
			'/_sandbox/requests?platform=buildvoiceai',
		);
		expect(requests.requests).toHaveLength(0);
	});

	it('activation fails clearly when verification is on and the credential has no signing secret', async () => {
		await expect(method('create', {}, '')).rejects.toThrow(
			'The BuildVoiceAI credential has no Webhook Signing Secret',
		);
		expect((await method('create', { verification: 'none' }, '')).result).toBe(true);
	});
});

describe('BuildVoiceAI Trigger — automatic verification (the default)', () => {
	beforeEach(async () => {
		await sandbox.control('PUT', ACCOUNT, { callDurationMs: 150, startDelayMs: 10 });
	});

	it.each([
		['Standard Webhooks', { scheme: 'standardWebhooks' }, {}],
		['Stripe-style t=,v1=', { scheme: 'stripe' }, {}],
		[
			'X-Signature (hex)',
			{ scheme: 'hmacSha256', hmac: { header: 'X-Signature', encoding: 'hex' } },
			{},
		],
		[
			'X-Webhook-Signature (base64)',
			{ scheme: 'hmacSha256', hmac: { header: 'X-Webhook-Signature', encoding: 'base64' } },
			{},
		],
		[
			'X-Hub-Signature-256: sha256=<hex>',
			{
				scheme: 'hmacSha256',
				hmac: { header: 'X-Hub-Signature-256', encoding: 'hex', prefix: 'sha256=' },
			},
			{},
		],
		[
			'a configured platform header',
			{ scheme: 'hmacSha256', hmac: { header: 'X-BVA-Signature', encoding: 'hex' } },
			{ hmacHeader: 'X-BVA-Signature' },
		],
	])(
		'a placed call signed %s reaches the trigger with no scheme chosen',
		async (_label, sender, node) => {
			const hook = await receiver(node);
			await saveWebhook(hook.url, sender);
			const [call] = await triggerCalls(['+15551230001']);
			await waitUntil(() => hook.deliveries.length === 2, 'two deliveries');
			expect(hook.deliveries.map((d) => d.status)).toEqual([200, 200]);
			expect(hook.startedItems().map((e) => [e.event, e.call_id])).toEqual([
				['call.started', call.call_id],
				['call.completed', call.call_id],
			]);
		},
	);

	it('a plain shared secret is refused unless chosen explicitly', async () => {
		const hook = await receiver();
		await sandbox.control('PUT', '/_sandbox/webhook-settings', { maxAttempts: 1, baseDelayMs: 0 });
		const sent = await deliver(hook.url, { scheme: 'sharedSecret' });
		expect(sent.attempts.map((a) => a.status)).toEqual([401]);
		expect(hook.startedItems()).toHaveLength(0);
	});

	it('a wrong secret: the 401 says why while listening for a test event, and stays terse in production', async () => {
		const listening = await receiver({}, SECRET, 'manual');
		const production = await receiver({}, SECRET, 'webhook');
		const body = JSON.stringify(completedPayload());
		const headers = {
			'content-type': 'application/json',
			...signPayload(body, { scheme: 'standardWebhooks', secret: 'whsec_d3Jvbmctc2VjcmV0' }),
		};
		const test = await fetch(listening.url, { method: 'POST', headers, body });
		expect(test.status).toBe(401);
		expect(await test.json()).toEqual({
			error: 'Webhook signature verification failed',
			reason: 'no scheme matched the secret (tried: Standard Webhooks)',
		});
		const live = await fetch(production.url, { method: 'POST', headers, body });
		expect(live.status).toBe(401);
		expect(await live.json()).toEqual({ error: 'Webhook signature verification failed' });
		expect([...listening.startedItems(), ...production.startedItems()]).toHaveLength(0);
	});

	it('an unsigned delivery in test mode names the headers seen; a stale one its age', async () => {
		const hook = await receiver({}, SECRET, 'manual');
		const body = JSON.stringify(completedPayload());
		const unsigned = await fetch(hook.url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' },
			body,
		});
		expect(((await unsigned.json()) as IDataObject).reason).toMatch(
			/^no signature header found; headers seen: .*content-type.*x-request-id/,
		);
		const now = Math.floor(Date.now() / 1000);
		const stale = await fetch(hook.url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				...signPayload(body, { scheme: 'standardWebhooks', secret: SECRET, timestamp: now - 412 }),
			},
			body,
		});
		expect(((await stale.json()) as IDataObject).reason).toMatch(
			/^timestamp 41[234] s old \(window 300 s\)$/,
		);
	});

	it('a refused delivery is logged with the reason and header names — never values or the secret', async () => {
		const logs = captureLogs();
		const hook = await receiver();
		await sandbox.control('PUT', '/_sandbox/webhook-settings', { maxAttempts: 1, baseDelayMs: 0 });
		await deliver(hook.url, { mutate: 'wrongSecret' });
		const warnings = logs.filter((line) => line.level === 'warn');
		expect(warnings).toHaveLength(1);
		expect(warnings[0].message).toContain('no scheme matched the secret');
		expect(warnings[0].metadata.headersSeen).toEqual(expect.stringContaining('webhook-signature'));
		const [attempt] = hook.deliveries;
		const logged = JSON.stringify(logs);
		for (const value of [
			attempt.headers['webhook-signature'],
			attempt.headers['webhook-id'],
			SECRET,
			'lead_id',
		])
			expect(logged).not.toContain(String(value));
	});
});

describe('BuildVoiceAI Trigger — any event, duplicates, delivery id', () => {
	it('an unknown event name starts the workflow when Any Event is selected, as sent, with the raw payload', async () => {
		const logs = captureLogs();
		const hook = await receiver({ events: ['call.completed', '*'] });
		const payload = { event: 'call.transferred', call_id: 'c-77', to: '+15551230009' };
		const sent = await deliver(hook.url, { payload });
		expect(sent.delivered).toBe(true);
		const [item] = hook.startedItems();
		expect(item).toMatchObject({ event: 'call.transferred', received_event: 'call.transferred' });
		expect(item.raw).toEqual(payload);
		expect(logs.find((line) => line.level === 'info')?.message).toContain('"call.transferred"');
	});

	it('without Any Event an unknown name is still answered 200 — and logged with its name', async () => {
		const logs = captureLogs();
		const hook = await receiver({ events: ['call.completed'] });
		await deliver(hook.url, { payload: { event: 'agent.updated' } });
		expect(hook.deliveries.map((d) => [d.status, d.started.length])).toEqual([[200, 0]]);
		expect(logs.some((line) => line.message.includes('"agent.updated"'))).toBe(true);
	});

	it('a new node’s default Events include Any Event', async () => {
		const { result } = await runWebhook({
			node: 'buildVoiceAiTrigger',
			parameters: { verification: 'none' },
			credentials: credential(''),
			request: {
				rawBody: JSON.stringify({ event: 'call_transcribed', call_id: 'c-1' }),
				headers: { 'content-type': 'application/json' },
			},
		});
		expect(result.workflowData?.[0][0].json).toMatchObject({ event: 'call_transcribed' });
	});

	it('a verified duplicate (same webhook-id, re-signed as a retry) gets 200 and starts nothing; the item carries delivery_id', async () => {
		const hook = await receiver();
		const body = JSON.stringify(completedPayload());
		const send = async (timestamp: number) =>
			await fetch(hook.url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					...signPayload(body, {
						scheme: 'standardWebhooks',
						secret: SECRET,
						webhookId: 'msg_retry_1',
						timestamp,
					}),
				},
				body,
			});
		const now = Math.floor(Date.now() / 1000);
		expect((await send(now - 5)).status).toBe(200);
		expect((await send(now)).status).toBe(200);
		expect(hook.deliveries.map((d) => d.started.length)).toEqual([1, 0]);
		expect(hook.startedItems()[0].delivery_id).toBe('msg_retry_1');
	});

	it('a payload event_id identifies duplicates under a scheme without ids', async () => {
		const hook = await receiver();
		const payload = { ...completedPayload(), event_id: 'evt_bvai_1' };
		const hmac = { header: 'X-Signature', encoding: 'hex' };
		await deliver(hook.url, { scheme: 'hmacSha256', hmac, payload });
		await deliver(hook.url, { scheme: 'hmacSha256', hmac, payload });
		expect(hook.deliveries.map((d) => [d.status, d.started.length])).toEqual([
			[200, 1],
			[200, 0],
		]);
		expect(hook.startedItems()[0].delivery_id).toBe('evt_bvai_1');
	});

	it('a stale replay of an accepted delivery still gets 401', async () => {
		const hook = await receiver();
		const body = JSON.stringify(completedPayload());
		const headers = {
			'content-type': 'application/json',
			...signPayload(body, {
				scheme: 'standardWebhooks',
				secret: SECRET,
				timestamp: Math.floor(Date.now() / 1000) - 290,
			}),
		};
		expect((await fetch(hook.url, { method: 'POST', headers, body })).status).toBe(200);
		const later = await fetch(hook.url, {
			method: 'POST',
			headers: { ...headers, 'webhook-timestamp': String(Math.floor(Date.now() / 1000) - 400) },
			body,
		});
		expect(later.status).toBe(401);
	});
});
