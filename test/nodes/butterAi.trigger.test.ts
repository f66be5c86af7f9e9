import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { signPayload } from '../../sandbox/signing';
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
		expect((await butter.api('GET', `/v1/phone-numbers/${id}`)).body.data).toMatchObject({
			webhook_url: receiver.url,
		});
		expect((await lifecycle('checkExists')).result).toBe(true);

		// Someone repoints the number: checkExists must see it.
		await butter.api('PATCH', `/v1/phone-numbers/${id}`, {
			webhook_url: 'https://elsewhere.example.com',
		});
		expect((await lifecycle('checkExists')).result).toBe(false);
		await lifecycle('create');
		expect((await lifecycle('checkExists')).result).toBe(true);

		expect((await lifecycle('delete')).result).toBe(true);
		expect((await butter.api('GET', `/v1/phone-numbers/${id}`)).body.data).toMatchObject({
			webhook_url: 'https://old.example.com/hook',
		});
		expect(receiver.staticData.registrations).toBeUndefined();
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

	it('activation fails clearly without a signing secret unless verification is off', async () => {
		const id = String((await outboundNumber()).id);
		const parameters = {
			events: ['group:completed'],
			registration: 'phoneNumbers',
			phoneNumberIds: [id],
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
	])('%s gets 401 and starts nothing', async (_, headers) => {
		const body = JSON.stringify({
			call_sid: 'call_aaaaaaaaaaaa',
			status: 'completed',
			duration: 10,
		});
		const { response, result } = await runWebhook({
			node: 'butterAiTrigger',
			parameters: { events: ['group:completed'], registration: 'manual' },
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
