import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../../nodes/shared/platformError';
import { defaultRetryPolicy, withRetries } from '../../nodes/shared/request/retry';
import { maskAuthValues, scrubbed, scrubbedNode } from '../../nodes/shared/scrub';
import { recordingSleep, testNode } from './fakeContext';

const TOKEN = 'twilio-auth-token-UNIT-3b9d1f7a2c5e';
const BEARER = 'sk-UNIT-bearer-8e2c4a6f0d1b';
const API_KEY = 'api-key-UNIT-extra-1f5c9e3a7b2d';

/** A node as a user filled it in: secrets as parameters, and inside JSON text. */
const typedNode: INode = {
	...testNode,
	parameters: {
		resource: 'integration',
		operation: 'create',
		name: 'Twilio main',
		accountSid: 'AC0123456789abcdef0123456789abcdef',
		authToken: TOKEN,
		additionalFields: {
			headers: JSON.stringify({ Authorization: `Bearer ${BEARER}`, 'X-Shop': 'acme' }),
			extraFieldsJson: `{\n  "region": "eu",\n  "api_key": "${API_KEY}"\n}`,
			metadata: '{"lead_id": "L-7"}',
		},
	},
};

describe('scrubbed: secrets inside JSON text', () => {
	it('masks secret-named keys inside a JSON object, keeps every other value', () => {
		const headers = JSON.stringify({
			Authorization: `Bearer ${BEARER}`,
			'X-API-Key': 'k1-UNIT',
			'x-auth-token': 't1-UNIT',
			Cookie: 'session=s1-UNIT',
			'Content-Type': 'application/json',
			'X-Shop': 'acme',
		});
		expect(JSON.parse(scrubbed(headers))).toEqual({
			Authorization: '[redacted]',
			'X-API-Key': '[redacted]',
			'x-auth-token': '[redacted]',
			Cookie: '[redacted]',
			'Content-Type': 'application/json',
			'X-Shop': 'acme',
		});
	});

	it.each([
		'api_key',
		'api-key',
		'apikey',
		'apiKey',
		'token',
		'access_token',
		'secret',
		'client_secret',
		'password',
		'pin',
		'auth',
		'authorization',
		'private_key',
	])('the key "%s" is a secret', (key) => {
		expect(JSON.parse(scrubbed(JSON.stringify({ [key]: 'v-UNIT', other: 'x' })))).toEqual({
			[key]: '[redacted]',
			other: 'x',
		});
	});

	it('reaches into arrays, nested objects and JSON text inside JSON text', () => {
		const text = JSON.stringify([
			{ name: 'a', config: { password: 'p1-UNIT', port: 5060 } },
			{ inner: JSON.stringify({ token: 't2-UNIT', keep: true }) },
		]);
		const masked = JSON.parse(scrubbed(text)) as Array<Record<string, unknown>>;
		expect(masked[0]).toEqual({ name: 'a', config: { password: '[redacted]', port: 5060 } });
		expect(JSON.parse(String(masked[1].inner))).toEqual({ token: '[redacted]', keep: true });
	});

	it('JSON text without secrets, and text that is not JSON, is left exactly as written', () => {
		const spaced = '{\n  "lead_id": "L-7",\n  "tags": ["a", "b"]\n}';
		expect(scrubbed(spaced)).toBe(spaced);
		expect(scrubbed('{not json')).toBe('{not json');
		expect(scrubbed('={{ $json.headers }}')).toBe('={{ $json.headers }}');
	});

	it('reads JSON behind n8n’s expression marker', () => {
		expect(scrubbed('={"Authorization":"Bearer abc123def456"}')).toBe(
			'={"Authorization":"[redacted]"}',
		);
	});

	it('a nesting too deep to inspect is masked rather than shown', () => {
		const deep = `${'['.repeat(200)}"${BEARER}"${']'.repeat(200)}`;
		expect(scrubbed(deep)).not.toContain(BEARER);
	});
});

describe('maskAuthValues: Bearer and Basic credentials inside any text', () => {
	it('masks the credential, keeps the scheme and the rest of the text', () => {
		expect(maskAuthValues(`call it with Bearer ${BEARER} please`)).toBe(
			'call it with Bearer [redacted] please',
		);
		expect(maskAuthValues('Authorization: Basic dXNlcjpwYXNzd29yZA==')).toBe(
			'Authorization: Basic [redacted]',
		);
		expect(maskAuthValues('bearer eyJhbGciOiJIUzI1NiJ9.e30.abc')).toBe('bearer [redacted]');
	});

	it('leaves prose alone', () => {
		for (const text of ['You sell the Basic plan', 'Bearer of good news', 'Basic understanding'])
			expect(maskAuthValues(text)).toBe(text);
	});
});

describe('scrubbedNode', () => {
	it('masks typed secrets and secrets inside JSON-text parameters, keeps the rest', () => {
		const { parameters } = scrubbedNode(typedNode);
		expect(parameters.authToken).toBe('[redacted]');
		expect(parameters.accountSid).toBe('AC0123456789abcdef0123456789abcdef');
		const fields = parameters.additionalFields as Record<string, string>;
		expect(JSON.parse(fields.headers)).toEqual({ Authorization: '[redacted]', 'X-Shop': 'acme' });
		expect(JSON.parse(fields.extraFieldsJson)).toEqual({ region: 'eu', api_key: '[redacted]' });
		expect(fields.metadata).toBe('{"lead_id": "L-7"}');
		const text = JSON.stringify(parameters);
		for (const secret of [TOKEN, BEARER, API_KEY]) expect(text).not.toContain(secret);
	});

	it('leaves the node it was given untouched', () => {
		scrubbedNode(typedNode);
		expect(typedNode.parameters.authToken).toBe(TOKEN);
	});
});

/**
 * As n8n-core raises a failed request: NodeApiError(raw node, axios error), the axios error
 * carrying the request it sent — Authorization header and body — as the cause.
 */
function coreError(code = 'HPE_INVALID_CONSTANT') {
	const axiosError = Object.assign(new Error('Parse Error: Expected HTTP/'), {
		code,
		config: {
			headers: { Authorization: `Bearer ${BEARER}` },
			data: JSON.stringify({ auth_token: TOKEN }),
		},
	});
	const error = new NodeApiError(typedNode, axiosError as unknown as JsonObject, {});
	error.context.request = { headers: { authorization: `Bearer ${BEARER}` }, body: { pin: '4242' } };
	return error;
}

/** Everything on an error, own properties and cause included, enumerable or not. */
const everythingOn = (error: Error) =>
	JSON.stringify({
		...error,
		node: (error as NodeApiError).node,
		context: (error as NodeApiError).context,
		cause: error.cause,
		causeConfig: (error.cause as { config?: unknown } | undefined)?.config,
		message: error.message,
		description: (error as NodeApiError).description,
	});

describe('asNodeError: errors n8n-core raised leave with nothing secret', () => {
	it('replaces the raw node, scrubs the context and bounds the cause, keeping class and code', () => {
		const raised = coreError();
		expect(everythingOn(raised)).toContain(TOKEN);
		const error = asNodeError(typedNode, raised);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(raised.message);
		expect(error.node.parameters.authToken).toBe('[redacted]');
		expect(error.context.request).toEqual({
			headers: { authorization: '[redacted]' },
			body: { pin: '[redacted]' },
		});
		expect((error.cause as { code?: string }).code).toBe('HPE_INVALID_CONSTANT');
		const text = everythingOn(error);
		for (const secret of [TOKEN, BEARER, API_KEY]) expect(text).not.toContain(secret);
	});

	it('a context that points back at itself is scrubbed, not followed for ever', () => {
		const raised = coreError();
		const loop: Record<string, unknown> = { token: TOKEN };
		loop.self = loop;
		loop.twice = [loop, loop];
		raised.context.loop = loop;
		const error = asNodeError(typedNode, raised);
		expect(error.context.loop).toEqual({
			token: '[redacted]',
			self: '[circular]',
			twice: ['[circular]', '[circular]'],
		});
	});

	it('a NodeOperationError is scrubbed the same way', () => {
		const error = asNodeError(testNode, new NodeOperationError(typedNode, 'rootProperty missing'));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(everythingOn(error)).not.toContain(TOKEN);
	});

	it('the retry loop lets out no raw node, whether it fails plainly or gives up', async () => {
		for (const code of ['ERR_INVALID_URL', 'HPE_INVALID_CONSTANT']) {
			const error = await withRetries(
				typedNode,
				{ name: 'Test Platform' },
				{
					send: async () => {
						throw coreError(code);
					},
					repeatable: true,
				},
				{ ...defaultRetryPolicy, sleep: recordingSleep().sleep, maxTransientRetries: 1 },
			).catch((e: Error) => e);
			const text = everythingOn(error);
			for (const secret of [TOKEN, BEARER, API_KEY]) expect(text).not.toContain(secret);
		}
	});
});
