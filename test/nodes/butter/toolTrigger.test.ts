import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runWebhook, runWebhookMethod } from '../../harness/runWebhook';
import { useSandbox } from '../../harness/sandbox';
import { activeTrigger, waitUntil } from '../../harness/triggerReceiver';
import { butterNode } from './helpers';

/*
 * The Butter AI Tool Trigger against the sandbox: the tool it registers (schema, URL, secret
 * header, agents), drift repaired, exactly its own things removed, and invocations accepted only
 * with the secret header.
 */

const sandbox = useSandbox();
const butter = butterNode(sandbox);
const SECRET_HEADER = 'x-n8n-tool-secret';
const credentials = () => ({ butterAiApi: sandbox.credentials.butterAiApi() });
const closers: Array<() => Promise<void>> = [];
beforeEach(async () => {
	await sandbox.control('PUT', '/_sandbox/limits/butter', { enabled: false });
});
afterEach(async () => {
	await Promise.all(closers.splice(0).map((close) => close()));
});

const AGENTS = ['agent_abc123', 'agent_b7'];

const lookupOrder = (overrides: INodeParameters = {}): INodeParameters => ({
	toolName: 'lookup_order',
	toolDescription: "Look up an order's delivery status by its order number",
	agentIds: AGENTS,
	parametersMode: 'list',
	toolParameters: {
		parameter: [
			{ name: 'order_id', type: 'string', description: 'The order number', required: true },
			{ name: 'items', type: 'array', description: 'Items asked about', required: false },
			{ name: 'express', type: 'boolean', description: '', required: false },
		],
	},
	httpMethod: 'POST',
	timeoutSeconds: 8,
	responseMode: 'lastNode',
	responseData: 'firstEntryJson',
	...overrides,
});

const tools = async () =>
	(await butter.api('GET', '/v1/tools?limit=100')).body.data as IDataObject[];
const agent = async (id: string) =>
	(await butter.api('GET', `/v1/agents/${id}`)).body.data as IDataObject;
const enabled = async (id: string) => (await agent(id)).enabledCustomFunctions as string[];

async function activated(parameters: INodeParameters) {
	const trigger = await activeTrigger({
		node: 'butterAiToolTrigger',
		parameters,
		credentials: credentials(),
		onClose: (close) => closers.push(close),
	});
	const { result } = await trigger.lifecycle('checkExists');
	expect(result).toBe(false);
	await trigger.lifecycle('create');
	return trigger;
}

const seededAgentsExist = async () => {
	for (const id of AGENTS) expect((await agent(id)).id).toBe(id);
};

describe('registration on activation', () => {
	test('creates the tool with its URL, JSON Schema, timeout and a secret header, enabled on the agents', async () => {
		await seededAgentsExist();
		const { receiver } = await activated(lookupOrder());
		const [tool] = await tools();
		expect(tool).toMatchObject({
			name: 'lookup_order',
			description: "Look up an order's delivery status by its order number",
			webhook_url: `${receiver.webhookBaseUrl}/hook-1/tool`,
			http_method: 'POST',
			timeout_seconds: 8,
			parameters: {
				type: 'object',
				properties: {
					order_id: { type: 'string', description: 'The order number' },
					items: { type: 'array', description: 'Items asked about', items: { type: 'string' } },
					express: { type: 'boolean' },
				},
				required: ['order_id'],
			},
		});
		const secret = (tool.headers as IDataObject)['X-N8n-Tool-Secret'];
		expect(typeof secret).toBe('string');
		expect(String(secret).length).toBeGreaterThanOrEqual(43);
		expect(receiver.staticData).toMatchObject({ toolId: tool.id, secret, attachedAgents: AGENTS });
		for (const id of AGENTS) expect(await enabled(id)).toContain('lookup_order');
	});

	test('a raw JSON Schema is registered as given', async () => {
		const schema = {
			type: 'object',
			properties: { slot: { type: 'string', enum: ['morning', 'afternoon'] } },
			required: ['slot'],
		};
		await activated(
			lookupOrder({
				parametersMode: 'json',
				parametersSchema: JSON.stringify(schema),
				agentIds: [],
			}),
		);
		expect((await tools())[0].parameters).toEqual(schema);
	});

	test.each([
		[{ toolName: 'lookup order' }, /Tool Name "lookup order" is not a valid tool name/],
		[{ toolDescription: '' }, /Description must be 1 to 500 characters/],
		[{ timeoutSeconds: 61 }, /Timeout \(Seconds\) must be a whole number from 1 to 60/],
		[
			{ toolParameters: { parameter: [{ name: 'order id', type: 'string' }] } },
			/row 1's Name "order id" is not a valid argument name/,
		],
		[
			{ parametersMode: 'json', parametersSchema: '{"type":"string"}' },
			/must have "type": "object"/,
		],
		[{ agentIds: ['../admin'] }, /Agents "..\/admin" is not a valid ID/],
	])(
		'bad settings are refused by name before anything is sent (%p)',
		async (overrides, message) => {
			const before = (await butter.requests()).length;
			await expect(
				runWebhookMethod({
					node: 'butterAiToolTrigger',
					parameters: lookupOrder(overrides as INodeParameters),
					credentials: credentials(),
					method: 'create',
				}),
			).rejects.toThrow(message);
			expect((await butter.requests()).length).toBe(before);
		},
	);

	test("a tool of the same name that is not this trigger's is refused, and left alone", async () => {
		await butter.api('POST', '/v1/tools', {
			name: 'lookup_order',
			description: 'The CRM team’s tool',
			webhook_url: 'https://crm.example/tools/lookup',
		});
		await expect(
			runWebhookMethod({
				node: 'butterAiToolTrigger',
				parameters: lookupOrder(),
				credentials: credentials(),
				method: 'create',
			}),
		).rejects.toThrow(
			/already has a tool named "lookup_order", and it is not this trigger's \(it calls https:\/\/crm.example\)/,
		);
		const all = await tools();
		expect(all).toHaveLength(1);
		expect(all[0].webhook_url).toBe('https://crm.example/tools/lookup');
		for (const id of AGENTS) expect(await enabled(id)).not.toContain('lookup_order');
	});

	test('a failure half-way undoes what was done: an unknown agent leaves no tool and no agent changed', async () => {
		await expect(
			runWebhookMethod({
				node: 'butterAiToolTrigger',
				parameters: lookupOrder({ agentIds: ['agent_abc123', 'agent_missing999'] }),
				credentials: credentials(),
				method: 'create',
			}),
		).rejects.toThrow();
		expect(await tools()).toHaveLength(0);
		expect(await enabled('agent_abc123')).not.toContain('lookup_order');
	});
	test('two tool triggers activated at once on one agent both end up enabled on it', async () => {
		const [a, b] = await Promise.all(
			['lookup_order', 'book_slot'].map(async (toolName) => {
				const trigger = await activeTrigger({
					node: 'butterAiToolTrigger',
					parameters: lookupOrder({ toolName }),
					credentials: credentials(),
					onClose: (close) => closers.push(close),
				});
				await trigger.lifecycle('create');
				return trigger;
			}),
		);
		for (const id of AGENTS)
			expect((await enabled(id)).sort()).toEqual(['book_slot', 'lookup_order']);
		await Promise.all([a.lifecycle('delete'), b.lifecycle('delete')]);
		for (const id of AGENTS) expect(await enabled(id)).toEqual([]);
		expect(await tools()).toEqual([]);
	});
});

describe('checkExists repairs drift', () => {
	test('an edited tool and a detached agent are put back; the secret is unchanged', async () => {
		const { receiver, lifecycle } = await activated(lookupOrder());
		const [tool] = await tools();
		await butter.api('PATCH', `/v1/tools/${String(tool.id)}`, {
			description: 'changed by hand',
			webhook_url: 'https://elsewhere.example/hook',
			headers: {},
		});
		const others = (await enabled('agent_b7')).filter((name) => name !== 'lookup_order');
		await butter.api('PATCH', '/v1/agents/agent_b7', { enabledCustomFunctions: others });

		const { result } = await lifecycle('checkExists');
		expect(result).toBe(true);
		const [repaired] = await tools();
		expect(repaired.id).toBe(tool.id);
		expect(repaired.description).toBe(tool.description);
		expect(repaired.webhook_url).toBe(`${receiver.webhookBaseUrl}/hook-1/tool`);
		expect((repaired.headers as IDataObject)['X-N8n-Tool-Secret']).toBe(receiver.staticData.secret);
		expect(await enabled('agent_b7')).toContain('lookup_order');
	});

	test('a tool deleted in Butter AI makes checkExists say no, so n8n creates it again', async () => {
		const { receiver, lifecycle } = await activated(lookupOrder());
		await butter.api('DELETE', `/v1/tools/${String(receiver.staticData.toolId)}`);
		expect((await lifecycle('checkExists')).result).toBe(false);
		await lifecycle('create');
		expect((await tools()).map((t) => t.name)).toEqual(['lookup_order']);
	});

	test('an unchanged tool is checked with reads only', async () => {
		const { lifecycle } = await activated(lookupOrder());
		const before = (await butter.requests()).length;
		expect((await lifecycle('checkExists')).result).toBe(true);
		const sent = (await butter.requests()).slice(before);
		expect(sent.length).toBeGreaterThan(0);
		expect(sent.every((r) => r.method === 'GET')).toBe(true);
	});
});

describe('deactivation removes exactly what activation made', () => {
	test("its tool and its agents' entries go; another tool and names the agent had stay", async () => {
		await butter.api('POST', '/v1/tools', {
			name: 'book_slot',
			description: 'Someone else’s tool',
			webhook_url: 'https://crm.example/tools/book',
		});
		await butter.api('PATCH', '/v1/agents/agent_abc123', {
			enabledCustomFunctions: ['book_slot'],
		});
		const { receiver, lifecycle } = await activated(lookupOrder());
		expect(await enabled('agent_abc123')).toEqual(['book_slot', 'lookup_order']);

		const ours = String(receiver.staticData.toolId);
		await lifecycle('delete');
		expect((await tools()).map((t) => t.name)).toEqual(['book_slot']);
		expect(await enabled('agent_abc123')).toEqual(['book_slot']);
		expect(await enabled('agent_b7')).not.toContain('lookup_order');
		expect(receiver.staticData).toEqual({});
		const deletes = (await butter.requests()).filter((r) => r.method === 'DELETE');
		expect(deletes.map((r) => r.path)).toEqual([`/v1/tools/${ours}`]);
	});

	test('a second deactivation, or one after the tool was deleted by hand, is quiet', async () => {
		const { receiver, lifecycle } = await activated(lookupOrder());
		await butter.api('DELETE', `/v1/tools/${String(receiver.staticData.toolId)}`);
		await lifecycle('delete');
		await lifecycle('delete');
		expect(await tools()).toHaveLength(0);
	});
});

describe('invocations', () => {
	const invoke = async (
		staticData: IDataObject,
		request: {
			method?: string;
			body?: unknown;
			headers?: Record<string, string>;
			query?: IDataObject;
		},
		parameters: INodeParameters = lookupOrder(),
		mode: 'webhook' | 'manual' = 'webhook',
	) =>
		await runWebhook({
			node: 'butterAiToolTrigger',
			parameters,
			credentials: credentials(),
			staticData,
			mode,
			request: {
				method: request.method,
				rawBody: request.body === undefined ? '' : JSON.stringify(request.body),
				headers: { 'content-type': 'application/json', ...request.headers },
				query: request.query,
			},
		});
	const registered = { toolId: 'tool_1', toolName: 'lookup_order', secret: 'a'.repeat(43) };
	const withSecret = { [SECRET_HEADER]: registered.secret };

	test('the arguments as the JSON body start the workflow with one item', async () => {
		const { result, response } = await invoke(
			{ ...registered },
			{ body: { order_id: 'A-1' }, headers: { ...withSecret, 'x-trace': 't1' } },
		);
		expect(response.ended).toBe(false);
		const [[item]] = result.workflowData ?? [[]];
		expect(item.json).toMatchObject({
			tool: 'lookup_order',
			parameters: { order_id: 'A-1' },
			timeout_seconds: 8,
			request: { method: 'POST', body: { order_id: 'A-1' } },
		});
		const json = item.json as IDataObject;
		expect(Date.parse(String(json.answer_deadline)) - Date.parse(String(json.received_at))).toBe(
			8000,
		);
		const headers = (json.request as IDataObject).headers as IDataObject;
		expect(headers['x-trace']).toBe('t1');
		expect(JSON.stringify(json)).not.toContain(registered.secret);
	});

	test('an envelope with call and agent IDs is unwrapped (arguments as an object or a JSON string)', async () => {
		for (const args of [{ order_id: 'B-2' }, JSON.stringify({ order_id: 'B-2' })]) {
			const { result } = await invoke(
				{ ...registered },
				{
					body: {
						tool: 'lookup_order',
						arguments: args,
						call_id: 'call_123',
						agent_id: 'agent_abc123',
					},
					headers: withSecret,
				},
			);
			expect(result.workflowData?.[0][0].json).toMatchObject({
				parameters: { order_id: 'B-2' },
				call_id: 'call_123',
				agent_id: 'agent_abc123',
			});
		}
	});

	test('GET carries the arguments in the query string; a missing required one is named', async () => {
		const { result } = await invoke(
			{ ...registered },
			{ method: 'GET', query: { express: 'true' }, headers: withSecret },
			lookupOrder({ httpMethod: 'GET' }),
		);
		expect(result.workflowData?.[0][0].json).toMatchObject({
			parameters: { express: 'true' },
			missing_parameters: ['order_id'],
			request: { method: 'GET' },
		});
	});

	test.each([
		['no secret header', {}, /no X-N8n-Tool-Secret header/],
		['a wrong secret', { [SECRET_HEADER]: 'b'.repeat(43) }, /does not match/],
		['a secret one character short', { [SECRET_HEADER]: 'a'.repeat(42) }, /does not match/],
	])('%s → 401 and nothing started; the reason only while testing', async (_, headers, reason) => {
		const production = await invoke({ ...registered }, { body: { order_id: 'A-1' }, headers });
		expect(production.response).toMatchObject({ statusCode: 401, ended: true });
		expect(production.result.workflowData).toBeUndefined();
		expect(JSON.stringify(production.response.body)).not.toMatch(reason);

		const test = await invoke(
			{ ...registered },
			{ body: { order_id: 'A-1' }, headers },
			lookupOrder(),
			'manual',
		);
		expect(test.response.statusCode).toBe(401);
		expect(JSON.stringify(test.response.body)).toMatch(reason);
	});

	test('before registration every invocation is refused', async () => {
		const { response, result } = await invoke(
			{},
			{ body: { order_id: 'A-1' }, headers: withSecret },
		);
		expect(response.statusCode).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});
});

describe('a simulated call uses the registered tool', () => {
	const CALLER = 'agent_3637c49e9834';

	test.each(['flat', 'wrapped'])(
		'the agent invokes it with the secret header (%s body); the answer lands in the transcript',
		async (bodyStyle) => {
			await sandbox.control('PUT', '/_sandbox/butter/callback-settings', { stepDelayMs: 5 });
			const { receiver } = await activated(lookupOrder({ agentIds: [CALLER] }));
			await sandbox.control('PUT', '/_sandbox/butter/tool-script', {
				steps: [{ at_ms: 10, tool: 'lookup_order', arguments: { order_id: 'A-1' } }],
				body_style: bodyStyle,
			});
			const placed = await butter.api('POST', '/v1/calls', {
				agent_id: CALLER,
				to_number: '+15551230001',
			});
			const callId = String(
				(placed.body.data as IDataObject).id ?? (placed.body.data as IDataObject).call_id,
			);
			await waitUntil(async () => {
				const call = (await butter.api('GET', `/v1/calls/${callId}`)).body.data as IDataObject;
				return call.status === 'completed';
			}, 'the call to complete');

			expect(receiver.deliveries).toHaveLength(1);
			expect(receiver.deliveries[0].status).toBe(200);
			expect(receiver.startedItems()).toEqual([
				expect.objectContaining({
					tool: 'lookup_order',
					parameters: { order_id: 'A-1' },
					...(bodyStyle === 'wrapped' ? { call_id: callId, agent_id: CALLER } : {}),
				}),
			]);
			const call = (await butter.api('GET', `/v1/calls/${callId}`)).body.data as IDataObject;
			const toolLines = (call.transcript as IDataObject[]).filter(
				(line) => line.speaker === 'tool',
			);
			expect(toolLines).toHaveLength(1);
			expect(String(toolLines[0].text)).toMatch(/^lookup_order: /);
		},
	);

	test('after deactivation the agent no longer has the tool: nothing reaches the workflow', async () => {
		await sandbox.control('PUT', '/_sandbox/butter/callback-settings', { stepDelayMs: 5 });
		const { receiver, lifecycle } = await activated(lookupOrder({ agentIds: [CALLER] }));
		await lifecycle('delete');
		await sandbox.control('PUT', '/_sandbox/butter/tool-script', {
			steps: [{ at_ms: 10, tool: 'lookup_order', arguments: { order_id: 'A-1' } }],
		});
		const placed = await butter.api('POST', '/v1/calls', {
			agent_id: CALLER,
			to_number: '+15551230001',
		});
		const callId = String(
			(placed.body.data as IDataObject).id ?? (placed.body.data as IDataObject).call_id,
		);
		await waitUntil(async () => {
			const call = (await butter.api('GET', `/v1/calls/${callId}`)).body.data as IDataObject;
			return call.status === 'completed';
		}, 'the call to complete');
		expect(receiver.deliveries).toHaveLength(0);
		const entries = (await butter.ledger()).filter((e) => e.action === 'tool.unavailable');
		expect(entries).toHaveLength(1);
	});
});
