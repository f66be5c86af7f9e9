import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { signPayload } from '../../sandbox/signing';
import { captureLogs } from '../harness/captureLogs';
import { runWebhook, runWebhookMethod } from '../harness/runWebhook';
import { useSandbox } from '../harness/sandbox';
import { activeTrigger, waitUntil } from '../harness/triggerReceiver';
import { butterNode, locator } from './butter/helpers';

const sandbox = useSandbox();
const butter = butterNode(sandbox);
const SECRET = 'butter-sandbox-webhook-secret';
const credentials = (signingSecret = SECRET) => ({
	butterAiApi: { ...sandbox.credentials.butterAiApi(), signingSecret },
});
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
	await Promise.all(closers.splice(0).map((close) => close()));
});

/** The seeded outbound number and its agent, which the trigger will listen to. */
async function outboundNumber(): Promise<IDataObject> {
	const numbers = (await butter.api('GET', '/v1/phone-numbers?limit=100')).body
		.data as IDataObject[];
	return numbers.find((n) => n.agent_id && n.supports_outbound)!;
}

const activeButterTrigger = (parameters: INodeParameters) =>
	activeTrigger({
		node: 'butterAiTrigger',
		parameters,
		credentials: credentials(),
		onClose: (close) => closers.push(close),
	});

/** The URL this activation registered: the receiver's, with the token kept in static data. */
const tokenisedUrl = (receiver: { url: string; staticData: IDataObject }) =>
	`${receiver.url}?token=${String(receiver.staticData.urlToken)}`;

/** The status callback URL a number holds in the sandbox right now. */
const callbackUrlOf = async (id: string) =>
	((await butter.api('GET', `/v1/phone-numbers/${id}`)).body.data as IDataObject).webhook_url;

const placeCall = async (agentId: string, to: string) =>
	butter.run({ resource: 'call', operation: 'create', agentId: locator(agentId), toNumber: to });

describe('Butter AI Trigger — lifecycle on phone numbers', () => {
	it('activation points the picked number here, checkExists reads it, deactivation restores the old URL', async () => {
		const number = await outboundNumber();
		const id = String(number.id);
		await butter.api('PATCH', `/v1/phone-numbers/${id}`, {
			webhook_url: 'https://old.example.com/hook',
		});
		const { receiver, lifecycle } = await activeButterTrigger({
			events: ['group:completed'],
			registration: 'phoneNumbers',
			phoneNumberIds: [id],
		});

		expect((await lifecycle('checkExists')).result).toBe(false);
		expect((await lifecycle('create')).result).toBe(true);
		// The default verification: the URL registered carries this activation's token.
		expect((await butter.api('GET', `/v1/phone-numbers/${id}`)).body.data).toMatchObject({
			webhook_url: tokenisedUrl(receiver),
		});
		expect((await lifecycle('checkExists')).result).toBe(true);

		// Someone repoints the number: checkExists sees it, and create does not take it back.
		await butter.api('PATCH', `/v1/phone-numbers/${id}`, {
			webhook_url: 'https://elsewhere.example.com',
		});
		expect((await lifecycle('checkExists')).result).toBe(false);
		await expect(lifecycle('create')).rejects.toThrow('set after this workflow registered on it');
		// Someone puts the old URL back: create takes it again, and deactivation restores it.
		await butter.api('PATCH', `/v1/phone-numbers/${id}`, {
			webhook_url: 'https://old.example.com/hook',
		});
		expect((await lifecycle('checkExists')).result).toBe(false);
		await lifecycle('create');
		expect((await lifecycle('checkExists')).result).toBe(true);

		expect((await lifecycle('delete')).result).toBe(true);
		expect((await butter.api('GET', `/v1/phone-numbers/${id}`)).body.data).toMatchObject({
			webhook_url: 'https://old.example.com/hook',
		});
		expect(receiver.staticData.registrations).toBeUndefined();
		expect(receiver.staticData.urlToken).toBeUndefined();
	});

	it('deactivation leaves a number alone that was repointed since, and skips deleted numbers', async () => {
		const numbers = (await butter.api('GET', '/v1/phone-numbers?limit=100')).body
			.data as IDataObject[];
		const [a, b] = numbers.map((n) => String(n.id));
		const { lifecycle } = await activeButterTrigger({
			events: ['group:failed'],
			registration: 'phoneNumbers',
			phoneNumberIds: [a, b],
		});
		await lifecycle('create');
		await butter.api('PATCH', `/v1/phone-numbers/${a}`, {
			webhook_url: 'https://new-owner.example.com',
		});
		await butter.api('DELETE', `/v1/phone-numbers/${b}`);
		expect((await lifecycle('delete')).result).toBe(true);
		expect((await butter.api('GET', `/v1/phone-numbers/${a}`)).body.data).toMatchObject({
			webhook_url: 'https://new-owner.example.com',
		});
	});

	it('activation with a signing scheme fails clearly without a signing secret unless verification is off', async () => {
		const id = String((await outboundNumber()).id);
		const parameters = {
			events: ['group:completed'],
			registration: 'phoneNumbers',
			phoneNumberIds: [id],
			verification: 'sharedSecret',
		};
		await expect(
			runWebhookMethod({
				node: 'butterAiTrigger',
				parameters,
				credentials: credentials(''),
				method: 'create',
			}),
		).rejects.toThrow('The Butter AI credential has no Webhook Signing Secret');
		const off = await runWebhookMethod({
			node: 'butterAiTrigger',
			parameters: { ...parameters, verification: 'none' },
			credentials: credentials(''),
			method: 'create',
		});
		expect(off.result).toBe(true);
	});
});

describe('Butter AI Trigger — status callbacks from the call simulator', () => {
	beforeEach(async () => {
		await sandbox.control('PUT', '/_sandbox/butter/callback-settings', { stepDelayMs: 5 });
	});

	it('starts the workflow for the selected groups, in order, with one normalised shape', async () => {
		const number = await outboundNumber();
		const { receiver, lifecycle } = await activeButterTrigger({
			events: ['group:started', 'group:completed', 'group:failed'],
			registration: 'phoneNumbers',
			phoneNumberIds: [String(number.id)],
		});
		await lifecycle('create');
		await sandbox.control('PUT', '/_sandbox/butter/outcomes', { '+15551230002': 'busy' });
		const ok = await placeCall(String(number.agent_id), '+15551230001');
		const busy = await placeCall(String(number.agent_id), '+15551230002');
		await waitUntil(
			() => receiver.startedItems().filter((e) => e.event !== 'call.started').length === 2,
			'both calls ended',
		);

		const of = (call: typeof ok) =>
			receiver
				.startedItems()
				.filter((e) => e.call_id === call.items[0].json.id)
				.map((e) => e.status);
		expect(of(ok)).toEqual(['queued', 'initiated', 'ringing', 'in-progress', 'completed']);
		expect(of(busy)).toEqual(['queued', 'initiated', 'ringing', 'busy']);
		const completed = receiver.startedItems().find((e) => e.status === 'completed')!;
		expect(completed).toMatchObject({
			event: 'call.completed',
			to_number: '+15551230001',
			direction: 'outbound',
		});
		expect((completed.raw as IDataObject).call_sid).toBe(ok.items[0].json.id);
		expect(receiver.deliveries.every((d) => d.status === 200)).toBe(true);
	});

	it('unselected statuses are acknowledged with 200 and start nothing', async () => {
		const number = await outboundNumber();
		const { receiver, lifecycle } = await activeButterTrigger({
			events: ['completed'],
			registration: 'phoneNumbers',
			phoneNumberIds: [String(number.id)],
		});
		await lifecycle('create');
		await placeCall(String(number.agent_id), '+15551230001');
		await waitUntil(() => receiver.deliveries.length === 5, 'five callbacks');
		expect(receiver.deliveries.map((d) => [d.status, d.started.length])).toEqual([
			[200, 0],
			[200, 0],
			[200, 0],
			[200, 0],
			[200, 1],
		]);
	});

	it('HMAC-signed callbacks verify with the HMAC option', async () => {
		await sandbox.control('PUT', '/_sandbox/butter/callback-settings', {
			scheme: 'hmacSha256',
			secret: SECRET,
			hmac: { header: 'X-Butter-Signature', encoding: 'hex' },
		});
		const number = await outboundNumber();
		const { receiver, lifecycle } = await activeButterTrigger({
			events: ['group:completed'],
			registration: 'phoneNumbers',
			phoneNumberIds: [String(number.id)],
			verification: 'hmacSha256',
			hmacHeader: 'X-Butter-Signature',
		});
		await lifecycle('create');
		await placeCall(String(number.agent_id), '+15551230001');
		await waitUntil(() => receiver.startedItems().length === 1, 'completed callback');
		expect(receiver.deliveries.every((d) => d.status === 200)).toBe(true);
	});

	it.each([
		['a wrong shared secret', { 'X-Butter-Secret': 'guess' }],
		['no secret header', {}],
	])('Shared secret chosen: %s gets 401 and starts nothing', async (_, headers) => {
		const body = JSON.stringify({
			call_sid: 'call_aaaaaaaaaaaa',
			status: 'completed',
			duration: 10,
		});
		const { response, result } = await runWebhook({
			node: 'butterAiTrigger',
			parameters: {
				events: ['group:completed'],
				registration: 'manual',
				verification: 'sharedSecret',
			},
			credentials: credentials(),
			request: { rawBody: body, headers: { 'content-type': 'application/json', ...headers } },
		});
		expect(response.statusCode).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});

	it('the right shared secret header is accepted (manual registration)', async () => {
		const body = JSON.stringify({
			call_sid: 'call_aaaaaaaaaaaa',
			status: 'no-answer',
			duration: 0,
			error_code: 'no-answer',
		});
		const headers = {
			'content-type': 'application/json',
			...signPayload(body, {
				scheme: 'sharedSecret',
				secret: SECRET,
				sharedSecretHeader: 'X-Webhook-Secret',
			}),
		};
		const { result } = await runWebhook({
			node: 'butterAiTrigger',
			parameters: {
				events: ['group:failed'],
				registration: 'manual',
				verification: 'sharedSecret',
				verificationHeader: 'X-Webhook-Secret',
			},
			credentials: credentials(),
			request: { rawBody: body, headers },
		});
		expect(result.workflowData?.[0][0].json).toMatchObject({
			event: 'call.failed',
			status: 'no-answer',
			error_code: 'no-answer',
		});
	});
});

describe('Butter AI Trigger — secret token in the callback URL (the default)', () => {
	const TOKEN = 'tok_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
	const callback = (status = 'completed', callSid = 'call_0123456789ab') =>
		JSON.stringify({ call_sid: callSid, status, duration: 12, error_code: null });
	const deliver = (
		query: IDataObject,
		options: { body?: string; staticData?: IDataObject; workflowId?: string } = {},
	) =>
		runWebhook({
			node: 'butterAiTrigger',
			parameters: { events: ['group:completed', 'group:failed'], registration: 'phoneNumbers' },
			// No signing secret: Butter issues none, and the default needs none.
			credentials: credentials(''),
			request: {
				rawBody: options.body ?? callback(),
				headers: { 'content-type': 'application/json' },
				query,
			},
			staticData: options.staticData ?? { urlToken: TOKEN },
			workflowId: options.workflowId,
		});

	it('a callback carrying the token starts the workflow; the token is in no output', async () => {
		const { result, response } = await deliver({ token: TOKEN });
		expect(response.ended).toBe(false);
		const [item] = result.workflowData![0];
		expect(item.json).toMatchObject({
			event: 'call.completed',
			call_id: 'call_0123456789ab',
			delivery_id: 'call_0123456789ab:completed',
		});
		expect(JSON.stringify(result)).not.toContain(TOKEN);
	});

	it.each([
		['no token', {}],
		['an empty token', { token: '' }],
		['a wrong token of the same length', { token: TOKEN.replace(/a$/, 'b') }],
		['a prefix of the token', { token: TOKEN.slice(0, 20) }],
		['the token with more after it', { token: `${TOKEN}x` }],
		['the token twice', { token: [TOKEN, TOKEN] }],
		['the token under another name', { secret: TOKEN }],
	])('%s: 401 and nothing started, the token in no answer', async (_, query) => {
		const { result, response } = await deliver(query as IDataObject);
		expect(response.statusCode).toBe(401);
		expect(result.workflowData).toBeUndefined();
		expect(JSON.stringify([result, response])).not.toContain(TOKEN);
	});

	it('while the editor listens for a test event the 401 says why; in production it stays terse; n8n’s log always says why', async () => {
		const logs = captureLogs();
		const test = await runWebhook({
			node: 'butterAiTrigger',
			parameters: { events: ['group:completed'], registration: 'phoneNumbers' },
			credentials: credentials(''),
			request: { rawBody: callback(), headers: { 'content-type': 'application/json' }, query: {} },
			staticData: { urlToken: TOKEN },
			mode: 'manual',
		});
		expect(test.response.statusCode).toBe(401);
		expect(test.response.body).toEqual({
			error: 'Webhook signature verification failed',
			reason: 'no ?token= in the URL',
		});
		const production = await deliver({ token: TOKEN.replace(/a$/, 'b') });
		expect(production.response.body).toEqual({ error: 'Webhook signature verification failed' });
		const warnings = logs.filter((line) => line.level === 'warn').map((line) => line.message);
		expect(warnings).toEqual([
			expect.stringContaining('no ?token= in the URL'),
			expect.stringContaining('the URL token does not match'),
		]);
		expect(JSON.stringify(logs)).not.toContain(TOKEN);
	});

	it('Any Status starts the workflow for a status Butter adds later, as sent; without it the status is logged and ignored', async () => {
		const logs = captureLogs();
		const body = JSON.stringify({
			call_sid: 'call_0123456789ab',
			status: 'voicemail',
			duration: 3,
		});
		const anyStatus = await runWebhook({
			node: 'butterAiTrigger',
			parameters: { events: ['group:completed', '*'], registration: 'phoneNumbers' },
			credentials: credentials(''),
			request: {
				rawBody: body,
				headers: { 'content-type': 'application/json' },
				query: { token: TOKEN },
			},
			staticData: { urlToken: TOKEN },
		});
		expect(anyStatus.result.workflowData?.[0][0].json).toMatchObject({
			event: 'voicemail',
			status: 'voicemail',
			call_id: 'call_0123456789ab',
			raw: { status: 'voicemail' },
		});
		const groupsOnly = await deliver({ token: TOKEN }, { body });
		expect(groupsOnly.result.workflowData).toBeUndefined();
		expect(groupsOnly.result.webhookResponse).toEqual({
			received: true,
			ignored: 'unknown status',
		});
		expect(logs.filter((line) => line.level === 'info').map((line) => line.message)).toEqual([
			expect.stringContaining('"voicemail"'),
			expect.stringContaining('"voicemail"'),
		]);
	});

	it('before any activation (no token issued), every callback gets 401', async () => {
		const { result, response } = await deliver({ token: TOKEN }, { staticData: {} });
		expect(response.statusCode).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});

	it('activation needs no signing secret, issues a fresh ≥ 128-bit token each time and registers it', async () => {
		const id = String((await outboundNumber()).id);
		const { receiver, lifecycle } = await activeTrigger({
			node: 'butterAiTrigger',
			parameters: {
				events: ['group:completed'],
				registration: 'phoneNumbers',
				phoneNumberIds: [id],
			},
			credentials: credentials(''),
			onClose: (close) => closers.push(close),
		});
		expect((await lifecycle('create')).result).toBe(true);
		const first = String(receiver.staticData.urlToken);
		// 32 random bytes as base64url: 43 characters, 256 bits.
		expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const registered = new URL(String(await callbackUrlOf(id)));
		expect(registered.href).toBe(`${receiver.url}?token=${first}`);
		expect(registered.searchParams.get('token')).toBe(first);

		await lifecycle('delete');
		await lifecycle('create');
		const second = String(receiver.staticData.urlToken);
		expect(second).not.toBe(first);
		expect(await callbackUrlOf(id)).toBe(`${receiver.url}?token=${second}`);
	});

	it('a registration from before tokens (the bare URL) is not "pointing here": it is repaired, and deactivation still restores', async () => {
		const id = String((await outboundNumber()).id);
		const { receiver, lifecycle } = await activeButterTrigger({
			events: ['group:completed'],
			registration: 'phoneNumbers',
			phoneNumberIds: [id],
		});
		// What an earlier version left: the bare URL on the number, the previous URL remembered.
		await butter.api('PATCH', `/v1/phone-numbers/${id}`, { webhook_url: receiver.url });
		receiver.staticData.registrations = { [id]: 'https://old.example.com/hook' };

		expect((await lifecycle('checkExists')).result).toBe(false);
		await lifecycle('create');
		expect(await callbackUrlOf(id)).toBe(tokenisedUrl(receiver));
		expect((await lifecycle('checkExists')).result).toBe(true);
		// A URL with an older token is not this activation's either.
		await butter.api('PATCH', `/v1/phone-numbers/${id}`, {
			webhook_url: `${receiver.url}?token=an-older-token`,
		});
		expect((await lifecycle('checkExists')).result).toBe(false);
		await lifecycle('create');
		expect((await lifecycle('checkExists')).result).toBe(true);

		await lifecycle('delete');
		expect(await callbackUrlOf(id)).toBe('https://old.example.com/hook');
	});

	it("a bare URL this trigger left behind is not restored as someone else's", async () => {
		const id = String((await outboundNumber()).id);
		const { receiver, lifecycle } = await activeButterTrigger({
			events: ['group:completed'],
			registration: 'phoneNumbers',
			phoneNumberIds: [id],
		});
		await butter.api('PATCH', `/v1/phone-numbers/${id}`, { webhook_url: receiver.url });
		await lifecycle('create');
		await lifecycle('delete');
		expect(await callbackUrlOf(id)).toBeNull();
	});

	it('unsigned callbacks of a call placed in the sandbox reach the workflow; a POST to the bare URL gets 401', async () => {
		await sandbox.control('PUT', '/_sandbox/butter/callback-settings', { stepDelayMs: 5 });
		const number = await outboundNumber();
		const { receiver, lifecycle } = await activeTrigger({
			node: 'butterAiTrigger',
			parameters: {
				events: ['group:completed'],
				registration: 'phoneNumbers',
				phoneNumberIds: [String(number.id)],
			},
			credentials: credentials(''),
			onClose: (close) => closers.push(close),
		});
		await lifecycle('create');
		const call = await placeCall(String(number.agent_id), '+15551230001');
		await waitUntil(() => receiver.startedItems().length === 1, 'completed callback');
		expect(receiver.deliveries.map((d) => d.status)).toEqual([200, 200, 200, 200, 200]);
		// As Butter documents them: no signature or secret header at all.
		expect(
			receiver.deliveries.flatMap((d) =>
				Object.keys(d.headers).filter((name) => /secret|signature|^webhook-/i.test(name)),
			),
		).toEqual([]);
		expect(receiver.startedItems()[0]).toMatchObject({
			call_id: call.items[0].json.id,
			delivery_id: `${String(call.items[0].json.id)}:completed`,
		});
		const token = String(receiver.staticData.urlToken);
		expect(JSON.stringify(receiver.startedItems())).not.toContain(token);

		const forged = await fetch(receiver.url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: callback('completed', 'call_forged000001'),
		});
		expect(forged.status).toBe(401);
		expect(await forged.text()).not.toContain(token);
		expect(receiver.startedItems()).toHaveLength(1);
	});
});

describe('Butter AI Trigger — manual registration with a URL token', () => {
	const MANUAL_TOKEN = '4f9c2a7e1b3d5f60718293a4b5c6d7e8';
	const manual = (urlToken?: string) => ({
		events: ['group:completed'],
		registration: 'manual',
		...(urlToken === undefined ? {} : { urlToken }),
	});

	it.each([
		['no URL Token', undefined],
		['a short one', 'short-token-123'],
		['one that needs URL encoding', `${'x'.repeat(32)}&more=1`],
	])('activation with %s fails, saying what to set and never echoing it', async (_, urlToken) => {
		const error = await runWebhookMethod({
			node: 'butterAiTrigger',
			parameters: manual(urlToken),
			credentials: credentials(''),
			method: 'create',
		}).catch((thrown: unknown) => thrown as Error & { description?: string });
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toBe('The URL Token is missing or too weak');
		const description = String((error as { description?: string }).description);
		expect(description).toContain('?token=');
		if (urlToken) expect(JSON.stringify(error) + description).not.toContain(urlToken);
	});

	it('activation with a strong URL Token needs no signing secret and changes nothing remotely', async () => {
		const before = (await butter.requests()).length;
		const run = await runWebhookMethod({
			node: 'butterAiTrigger',
			parameters: manual(MANUAL_TOKEN),
			credentials: credentials(''),
			method: 'create',
		});
		expect(run.result).toBe(true);
		expect(run.staticData.urlToken).toBeUndefined();
		expect((await butter.requests()).slice(before)).toEqual([]);
	});

	it.each([
		['the URL Token starts the workflow', MANUAL_TOKEN, true],
		['another token gets 401', MANUAL_TOKEN.replace(/8$/, '9'), false],
		['no token gets 401', undefined, false],
	])('a callback carrying %s', async (_, token, started) => {
		const { result, response } = await runWebhook({
			node: 'butterAiTrigger',
			parameters: manual(MANUAL_TOKEN),
			credentials: credentials(''),
			request: {
				rawBody: JSON.stringify({ call_sid: 'call_0123456789ab', status: 'completed' }),
				headers: { 'content-type': 'application/json' },
				query: token === undefined ? {} : { token },
			},
		});
		expect(response.statusCode).toBe(started ? undefined : 401);
		expect(result.workflowData?.[0].length).toBe(started ? 1 : undefined);
		expect(JSON.stringify([result, response])).not.toContain(MANUAL_TOKEN);
	});
});

describe('Butter AI Trigger — repeated callbacks', () => {
	const TOKEN = 'tok_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
	const send = (status: string, staticData: IDataObject, workflowId: string) =>
		runWebhook({
			node: 'butterAiTrigger',
			parameters: { events: ['group:started', 'group:completed'], registration: 'phoneNumbers' },
			credentials: credentials(''),
			request: {
				rawBody: JSON.stringify({ call_sid: 'call_00000000dup1', status, duration: 3 }),
				headers: { 'content-type': 'application/json' },
				query: { token: TOKEN },
			},
			staticData,
			workflowId,
		});

	it('the same call and status again is answered 200 and starts nothing; the next status starts', async () => {
		const staticData: IDataObject = { urlToken: TOKEN };
		const first = await send('ringing', staticData, 'wf-butter-dup');
		expect(first.result.workflowData?.[0][0].json.delivery_id).toBe('call_00000000dup1:ringing');

		const again = await send('ringing', staticData, 'wf-butter-dup');
		expect(again.response.ended).toBe(false);
		expect(again.result.workflowData).toBeUndefined();
		expect(again.result.webhookResponse).toMatchObject({ received: true });

		// After a restart the in-process memory is gone; static data still knows the callback.
		const afterRestart = await send('ringing', staticData, 'wf-butter-dup-restarted');
		expect(afterRestart.result.workflowData).toBeUndefined();

		const next = await send('completed', staticData, 'wf-butter-dup');
		expect(next.result.workflowData?.[0][0].json).toMatchObject({
			status: 'completed',
			delivery_id: 'call_00000000dup1:completed',
		});
	});

	it('a callback posted twice to the registered URL starts one execution, both answered 200', async () => {
		const number = await outboundNumber();
		const { receiver, lifecycle } = await activeButterTrigger({
			events: ['group:completed'],
			registration: 'phoneNumbers',
			phoneNumberIds: [String(number.id)],
		});
		await lifecycle('create');
		const url = String(await callbackUrlOf(String(number.id)));
		const body = JSON.stringify({ call_sid: 'call_00000000dup2', status: 'completed' });
		const post = () =>
			fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
		expect([(await post()).status, (await post()).status]).toEqual([200, 200]);
		expect(receiver.deliveries.map((d) => d.started.length)).toEqual([1, 0]);
	});

	it('signing schemes dedupe too: a re-signed retry of an accepted callback starts nothing', async () => {
		const body = JSON.stringify({ call_sid: 'call_00000000dup3', status: 'completed' });
		const staticData: IDataObject = {};
		const deliverSigned = () =>
			runWebhook({
				node: 'butterAiTrigger',
				parameters: {
					events: ['group:completed'],
					registration: 'manual',
					verification: 'hmacSha256',
					hmacHeader: 'X-Butter-Signature',
				},
				credentials: credentials(),
				request: {
					rawBody: body,
					headers: {
						'content-type': 'application/json',
						...signPayload(body, {
							scheme: 'hmacSha256',
							secret: SECRET,
							hmac: { header: 'X-Butter-Signature', encoding: 'hex' },
						}),
					},
				},
				staticData,
				workflowId: 'wf-butter-dup-signed',
			});
		expect((await deliverSigned()).result.workflowData?.[0]).toHaveLength(1);
		const retry = await deliverSigned();
		expect(retry.response.ended).toBe(false);
		expect(retry.result.workflowData).toBeUndefined();
	});
});
