import type { IDataObject, IRun } from 'n8n-workflow';

import { runNode } from '../harness/runNode';
import { platformClient, SANDBOX_KEYS, useSandbox } from '../harness/sandbox';
import { SWEEP_SECRETS } from '../reliability/secrets';
import { butterNode, locator } from './butter/helpers';

/**
 * Issue 16, point 4: a server (or a proxy in front of it) that answers bytes that are not HTTP.
 * n8n-core raises these errors itself (llhttp's HPE_* codes), so they test the package's own
 * error handling at its edge: outcome unknown where the request may have acted, and no secret
 * typed into the node on the error n8n stores.
 */
const sandbox = useSandbox();
const butter = butterNode(sandbox);

/** Secrets typed into JSON-text parameters: distinctive, so any leak is unmistakable. */
const JSON_TEXT_SECRETS = {
	bearer: 'sk-SWEEP-json-header-9c4e2a7f1b3d',
	apiKey: 'api-key-SWEEP-json-extra-5d8f0b2c6e1a',
};

const notHttpOnce = async (path: string) =>
	await sandbox.control('POST', '/_sandbox/faults', {
		platform: 'butter',
		method: 'POST',
		path,
		kind: 'not-http',
		times: 1,
	});

/**
 * What n8n keeps of a run's outcome: the error as stored in the run data (with its node) and
 * every result. (The execution stack holds the workflow's own node, parameters as typed: that is
 * the workflow, not an error.)
 */
const everythingKept = (run: { error?: unknown; run: IRun }) =>
	JSON.stringify({
		error: run.error,
		node: (run.error as { node?: unknown } | undefined)?.node,
		context: (run.error as { context?: unknown } | undefined)?.context,
		resultData: run.run.data.resultData,
	});

async function dialableAgent(): Promise<string> {
	const numbers = (await butter.api('GET', '/v1/phone-numbers?limit=100')).body
		.data as IDataObject[];
	const number = numbers.find((n) => n.agent_id && n.supports_outbound);
	if (!number) throw new Error('no seeded outbound number with an agent');
	return String(number.agent_id);
}

describe('an answer that is not HTTP', () => {
	it('after a Butter call was placed (no idempotency key): outcome unknown, dialled once', async () => {
		const agentId = await dialableAgent();
		await notHttpOnce('/v1/calls');
		const { error } = await butter.run({
			resource: 'call',
			operation: 'create',
			agentId: locator(agentId),
			toNumber: '+15551230001',
		});
		expect(error?.message).toMatch(
			/^Butter AI: outcome unknown — check before retrying \(HPE_[A-Z_]+\)$/,
		);
		expect((error as { description?: string }).description).toContain('to +15551230001');
		expect((await butter.requests()).filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(await butter.ledger('call.dialed')).toHaveLength(1);
	});

	it('a GET answered with garbage is retried within the policy and the listing completes', async () => {
		await sandbox.control('POST', '/_sandbox/faults', {
			platform: 'butter',
			method: 'GET',
			kind: 'not-http',
			times: 1,
		});
		const { items, error } = await butter.run({
			resource: 'agent',
			operation: 'getAll',
			returnAll: false,
			limit: 3,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect((await butter.requests()).map((r) => r.status)).toEqual([-1, 200]);
	});

	it('after an Aitelier call was placed: re-sent with the same Idempotency-Key, dialled once', async () => {
		await sandbox.control('POST', '/_sandbox/faults', {
			platform: 'aitelier',
			method: 'POST',
			kind: 'not-http',
			times: 1,
		});
		const { items, error } = await runNode({
			node: 'aitelier',
			parameters: {
				resource: 'call',
				operation: 'trigger',
				scenario: 'scn_outbound_demo0001',
				phone: '+15551230001',
			},
			credentials: { aitelierApi: sandbox.credentials.aitelierApi() },
		});
		expect(error).toBeUndefined();
		const aitelier = platformClient(sandbox, 'aitelier', {
			baseUrl: () => sandbox.urls.aitelier,
			key: SANDBOX_KEYS.aitelier.full,
		});
		const posts = (await aitelier.requests()).filter((r) => r.method === 'POST');
		expect(posts.map((r) => r.status)).toEqual([-1, 201]);
		expect(posts[1].headers['idempotency-key']).toBe(posts[0].headers['idempotency-key']);
		const dials = await aitelier.ledger('call.dialed');
		expect(dials).toHaveLength(1);
		expect(items[0].json.id).toBe(dials[0].resourceId);
	});

	it('Integration → Create: the Twilio auth token is on no error n8n keeps', async () => {
		await notHttpOnce('/v1/integrations');
		const run = await butter.run({
			resource: 'integration',
			operation: 'create',
			name: 'Twilio main',
			accountSid: 'AC0123456789abcdef0123456789abcdef',
			authToken: SWEEP_SECRETS.twilioToken,
		});
		expect(run.error?.message).toMatch(/^Butter AI: outcome unknown .*\(HPE_[A-Z_]+\)$/);
		const parameters = (run.error as { node?: { parameters?: IDataObject } }).node?.parameters;
		expect(parameters?.authToken).toBe('[redacted]');
		expect(parameters?.accountSid).toBe('AC0123456789abcdef0123456789abcdef');
		expect(everythingKept(run)).not.toContain(SWEEP_SECRETS.twilioToken);
	});
});

describe('secrets inside JSON-text parameters stay out of errors', () => {
	it('Tool → Create: a bearer token in the headers JSON is masked, other headers kept', async () => {
		await notHttpOnce('/v1/tools');
		const run = await butter.run({
			resource: 'tool',
			operation: 'create',
			name: 'check_order',
			description: 'Looks an order up',
			webhookUrl: 'https://shop.example.com/orders',
			parameters: '{"type":"object","properties":{}}',
			additionalFields: {
				headers: JSON.stringify({
					Authorization: `Bearer ${JSON_TEXT_SECRETS.bearer}`,
					'X-Shop': 'acme',
				}),
			},
		});
		expect(run.error?.message).toMatch(/^Butter AI: outcome unknown/);
		const parameters = (run.error as { node?: { parameters?: IDataObject } }).node?.parameters;
		const headers = JSON.parse(
			String((parameters?.additionalFields as IDataObject).headers),
		) as IDataObject;
		expect(headers).toEqual({ Authorization: '[redacted]', 'X-Shop': 'acme' });
		expect(everythingKept(run)).not.toContain(JSON_TEXT_SECRETS.bearer);
	});

	it('Integration → Create refused by the platform: an api_key in Extra Fields is masked', async () => {
		// A refusal the platform words (400 on a bad SID) reaches the error path, not only faults.
		const run = await butter.run({
			resource: 'integration',
			operation: 'create',
			name: 'Twilio main',
			accountSid: 'not-a-sid',
			authToken: SWEEP_SECRETS.twilioToken,
			additionalFields: {
				extraFieldsJson: JSON.stringify({ region: 'eu', api_key: JSON_TEXT_SECRETS.apiKey }),
			},
		});
		expect(run.error).toBeDefined();
		const parameters = (run.error as { node?: { parameters?: IDataObject } }).node?.parameters;
		const extra = JSON.parse(
			String((parameters?.additionalFields as IDataObject).extraFieldsJson),
		) as IDataObject;
		expect(extra).toEqual({ region: 'eu', api_key: '[redacted]' });
		const kept = everythingKept(run);
		expect(kept).not.toContain(JSON_TEXT_SECRETS.apiKey);
		expect(kept).not.toContain(SWEEP_SECRETS.twilioToken);
	});
});
