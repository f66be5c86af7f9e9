import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { signPayload } from '../../sandbox/signing';
import { runWebhook, runWebhookMethod } from '../harness/runWebhook';
import { SANDBOX_KEYS, useSandbox } from '../harness/sandbox';
import { activeTrigger, waitUntil } from '../harness/triggerReceiver';
import { aitelierNode } from './aitelier/helpers';

const sandbox = useSandbox();
const aitelier = aitelierNode(sandbox);
const credentials = (apiKey?: string) => ({
	aitelierApi: { ...sandbox.credentials.aitelierApi(), ...(apiKey ? { apiKey } : {}) },
});
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
	await Promise.all(closers.splice(0).map((close) => close()));
});

const trigger = (parameters: INodeParameters) =>
	activeTrigger({
		node: 'aitelierTrigger',
		parameters,
		credentials: credentials(),
		onClose: (close) => closers.push(close),
	});

const subscriptionList = async () =>
	(await sandbox.control<{ subscriptions: IDataObject[] }>('GET', '/_sandbox/aitelier/webhooks'))
		.subscriptions;

describe('Aitelier Trigger — its own subscription', () => {
	it('create registers the URL and events, keeping id and secret; checkExists finds it; delete removes it', async () => {
		const { receiver, lifecycle } = await trigger({
			events: ['call.completed', 'batch.completed'],
		});
		expect((await lifecycle('checkExists')).result).toBe(false);
		await lifecycle('create');
		const [subscription] = await subscriptionList();
		expect(subscription).toMatchObject({
			url: receiver.url,
			events: ['batch.completed', 'call.completed'],
			active: true,
		});
		expect(receiver.staticData).toMatchObject({
			webhookId: subscription.id,
			secret: subscription.secret,
		});
		const [post] = (await aitelier.requests()).filter((r) => r.method === 'POST');
		expect(post.headers['idempotency-key']).toMatch(/^n8n-hook-/);

		expect((await lifecycle('checkExists')).result).toBe(true);
		await lifecycle('delete');
		expect(await subscriptionList()).toHaveLength(0);
		expect(receiver.staticData.webhookId).toBeUndefined();
		expect((await lifecycle('delete')).result).toBe(true);
	});

	it('checkExists repairs stale data: a vanished subscription is forgotten; an orphan for the URL is deleted', async () => {
		const { receiver, lifecycle } = await trigger({ events: ['call.completed'] });
		await lifecycle('create');
		const id = String(receiver.staticData.webhookId);
		await aitelier.api('DELETE', `/webhooks/${id}`);
		expect((await lifecycle('checkExists')).result).toBe(false);
		expect(receiver.staticData.webhookId).toBeUndefined();

		// Static data lost (e.g. workflow re-imported) while the subscription remains: its secret is unknowable.
		await lifecycle('create');
		delete receiver.staticData.webhookId;
		delete receiver.staticData.secret;
		expect((await lifecycle('checkExists')).result).toBe(false);
		expect(await subscriptionList()).toHaveLength(0);
	});

	it('checkExists brings the subscription’s events in line with the selection', async () => {
		const first = await trigger({ events: ['call.completed'] });
		await first.lifecycle('create');
		const changed = await first.lifecycle('checkExists', {
			events: ['call.failed', 'session.ended'],
		});
		expect(changed.result).toBe(true);
		expect((await subscriptionList())[0].events).toEqual(['call.failed', 'session.ended']);
	});

	it('without webhooks:manage, activation fails naming the scope', async () => {
		await expect(
			runWebhookMethod({
				node: 'aitelierTrigger',
				parameters: { events: ['call.completed'] },
				credentials: credentials(SANDBOX_KEYS.aitelier.readOnly),
				method: 'create',
			}),
		).rejects.toThrow('webhooks:manage');
	});
});

describe('Aitelier Trigger — signed deliveries', () => {
	beforeEach(async () => {
		await sandbox.control('PUT', '/_sandbox/aitelier/simulation', {
			stepDelayMs: 2,
			batchRowIntervalMs: 1,
		});
	});

	it('a call placed by the node starts the workflow on its selected events, verified with the stored secret', async () => {
		const { receiver, lifecycle } = await trigger({ events: ['call.started', 'call.completed'] });
		await lifecycle('create');
		await aitelier.run({
			resource: 'call',
			operation: 'trigger',
			scenario: 'scn_outbound_demo0001',
			phone: '+15551230001',
		});
		await waitUntil(
			() => receiver.startedItems().some((e) => e.event === 'call.completed'),
			'call.completed',
		);
		const events = receiver.startedItems().map((e) => e.event);
		expect(events).toEqual(['call.started', 'call.completed']);
		const completed = receiver.startedItems()[1];
		expect(completed).toMatchObject({
			event: 'call.completed',
			event_id: expect.stringMatching(/^evt_/),
		});
		expect((completed.data as IDataObject).phone).toBe('+15551230001');
		expect(receiver.deliveries.every((d) => d.status === 200)).toBe(true);
	});

	it('a batch built from items reports batch.completed', async () => {
		const { receiver, lifecycle } = await trigger({ events: ['batch.completed'] });
		await lifecycle('create');
		await aitelier.run(
			{
				resource: 'batch',
				operation: 'create',
				source: 'items',
				scenario: 'scn_outbound_demo0001',
				phoneField: 'phone',
			},
			{ items: [{ phone: '+15551230001' }, { phone: '+15551230002' }] },
		);
		await waitUntil(() => receiver.startedItems().length === 1, 'batch.completed', 20_000);
		expect(receiver.startedItems()[0]).toMatchObject({
			event: 'batch.completed',
			data: expect.objectContaining({ total_rows: 2 }),
		});
	});

	it.each([
		['a wrong secret', 'whsec_d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldA=='],
		['no secret stored', undefined],
	])('%s: 401, nothing started', async (_, secret) => {
		const body = JSON.stringify({
			id: 'evt_000000000001',
			type: 'call.completed',
			created_at: new Date().toISOString(),
			data: {},
		});
		const headers = {
			'content-type': 'application/json',
			...signPayload(body, { scheme: 'standardWebhooks', secret: 'whsec_dGhlLXJlYWwtb25l' }),
		};
		const { response, result } = await runWebhook({
			node: 'aitelierTrigger',
			parameters: { events: ['call.completed'] },
			credentials: credentials(),
			request: { rawBody: body, headers },
			staticData: secret ? { webhookId: 'wh_x', secret } : {},
		});
		expect(response.statusCode).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});

	it('a tampered body is refused, an unselected event acknowledged', async () => {
		const secret = 'whsec_dGhlLXJlYWwtb25l';
		const body = JSON.stringify({ id: 'evt_000000000002', type: 'session.ended', data: {} });
		const headers = {
			'content-type': 'application/json',
			...signPayload(body, { scheme: 'standardWebhooks', secret }),
		};
		const tampered = await runWebhook({
			node: 'aitelierTrigger',
			parameters: { events: ['session.ended'] },
			credentials: credentials(),
			request: { rawBody: body.replace('session', 'sessioN'), headers },
			staticData: { webhookId: 'wh_x', secret },
		});
		expect(tampered.response.statusCode).toBe(401);
		const unselected = await runWebhook({
			node: 'aitelierTrigger',
			parameters: { events: ['call.completed'] },
			credentials: credentials(),
			request: { rawBody: body, headers },
			staticData: { webhookId: 'wh_x', secret },
		});
		expect(unselected.response.ended).toBe(false);
		expect(unselected.result).toEqual({
			webhookResponse: { received: true, ignored: 'event not selected' },
		});
	});
});

describe('Aitelier Trigger — automatic verification, any event, duplicates', () => {
	const deliver = (url: string, secret: string, body: IDataObject) =>
		sandbox.control<{ delivered: boolean; attempts: Array<{ status?: number }> }>(
			'POST',
			'/_sandbox/webhooks/deliver',
			{
				url,
				secret,
				scheme: 'standardWebhooks',
				payload: {
					id: `evt_${Math.random().toString(16).slice(2, 14)}`,
					type: 'call.completed',
					created_at: new Date().toISOString(),
					data: { id: 'ses_1' },
				},
				...body,
			},
		);
	const activated = async (parameters: INodeParameters) => {
		const active = await trigger(parameters);
		await active.lifecycle('create');
		return { ...active, secret: String(active.receiver.staticData.secret) };
	};

	it.each([
		['Standard Webhooks', { scheme: 'standardWebhooks' }],
		['Stripe-style t=,v1=', { scheme: 'stripe' }],
		[
			'X-Signature (hex)',
			{ scheme: 'hmacSha256', hmac: { header: 'X-Signature', encoding: 'hex' } },
		],
		[
			'X-Hub-Signature-256: sha256=<hex>',
			{
				scheme: 'hmacSha256',
				hmac: { header: 'X-Hub-Signature-256', encoding: 'hex', prefix: 'sha256=' },
			},
		],
	])(
		'with no scheme chosen, a delivery signed %s with the subscription secret starts the workflow',
		async (_label, sender) => {
			const { receiver, secret } = await activated({ events: ['call.completed'] });
			const sent = await deliver(receiver.url, secret, sender);
			expect(sent.delivered).toBe(true);
			expect(receiver.startedItems()).toEqual([
				expect.objectContaining({ event: 'call.completed' }),
			]);
		},
	);

	it('Any Event subscribes to every known type and starts on a type this node does not know', async () => {
		const { receiver, secret } = await activated({ events: ['*'] });
		const [subscription] = await subscriptionList();
		expect(subscription.events).toEqual([
			'batch.completed',
			'batch.started',
			'call.completed',
			'call.failed',
			'call.started',
			'session.ended',
		]);
		const payload = { id: 'evt_unknown00001', type: 'session.transferred', data: { to: 'ops' } };
		await deliver(receiver.url, secret, { payload });
		expect(receiver.startedItems()).toEqual([
			{
				event: 'session.transferred',
				event_id: 'evt_unknown00001',
				delivery_id: expect.stringMatching(/^msg_/),
				created_at: null,
				data: { to: 'ops' },
				raw: payload,
			},
		]);
	});

	it('a new node’s default Events include Any Event', async () => {
		const { receiver, secret } = await activated({});
		await deliver(receiver.url, secret, { payload: { id: 'evt_1', type: 'wallet.low', data: {} } });
		expect(receiver.startedItems().map((e) => e.event)).toEqual(['wallet.low']);
	});

	it('a verified duplicate (same event id, new message id as a retry) gets 200 and starts nothing', async () => {
		const { receiver, secret } = await activated({ events: ['call.completed'] });
		const payload = { id: 'evt_dup000000001', type: 'call.completed', data: {} };
		await deliver(receiver.url, secret, { payload });
		await deliver(receiver.url, secret, { payload });
		await deliver(receiver.url, secret, {
			payload,
			scheme: 'hmacSha256',
			hmac: { header: 'X-Signature', encoding: 'hex' },
		});
		expect(receiver.deliveries.map((d) => [d.status, d.started.length])).toEqual([
			[200, 1],
			[200, 0],
			[200, 0],
		]);
		expect(receiver.startedItems()[0].event_id).toBe('evt_dup000000001');
	});

	it('no stored secret: the reason in test mode, a terse 401 in production', async () => {
		const body = JSON.stringify({ id: 'evt_x', type: 'call.completed', data: {} });
		const headers = {
			'content-type': 'application/json',
			...signPayload(body, { scheme: 'standardWebhooks', secret: 'whsec_dGhlLXJlYWwtb25l' }),
		};
		const run = (mode: 'manual' | 'webhook') =>
			runWebhook({
				node: 'aitelierTrigger',
				parameters: { events: ['call.completed'] },
				credentials: credentials(),
				request: { rawBody: body, headers },
				mode,
			});
		expect((await run('manual')).response).toMatchObject({
			statusCode: 401,
			body: {
				error: 'Webhook signature verification failed',
				reason: 'no signing secret configured',
			},
		});
		expect((await run('webhook')).response.body).toEqual({
			error: 'Webhook signature verification failed',
		});
	});
});
