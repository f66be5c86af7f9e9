import {
	BUTTER_DEMO_AGENT,
	BUTTER_TOOL_ORDERS_WEBHOOK_ID,
	BUTTER_TOOL_SLOTS_WEBHOOK_ID,
	DEMO_TOOL_SCRIPT,
	EXAMPLE_WORKFLOWS,
	productionWebhookUrl,
} from '../../runner/setup';
import { baseUrls } from '../../sandbox';
import { SANDBOX_KEYS } from '../../sandbox/keys';
import {
	control,
	type E2eEnvironment,
	executeWorkflow,
	executionRun,
	executionsOf,
	failureOf,
	jsonOf,
	settled,
	startEnvironment,
	stopEnvironment,
	waitFor,
} from './helpers';

/**
 * The Butter AI Tool Trigger in a running n8n: the two tool examples published, registering their
 * tools on the demo agent; a simulated call by that agent invokes both, and the workflows'
 * answers (last node; Answer Agent node) land in the call's transcript. A wrong secret gets 401
 * and starts nothing; an answer after the timeout is said in the execution; deactivation removes
 * exactly that workflow's tool.
 */

jest.setTimeout(300_000);

const LATE_ANSWER = 'e2eToolLateAnsw1';
const TOOLS = ['lookup_order', 'check_availability', 'slow_lookup'];

let env: E2eEnvironment | undefined;
const started = () => env as E2eEnvironment;
const toolUrl = (hook: string) => productionWebhookUrl(started().n8n!.url, hook, 'tool');

/** The sandbox's Butter API with the owner's key, as any client. */
async function butter<T = Record<string, unknown>>(method: string, path: string, body?: unknown) {
	const answer = await fetch(`${baseUrls(started().sandbox.url).butter}${path}`, {
		method,
		headers: {
			authorization: `Bearer ${SANDBOX_KEYS.butter.owner}`,
			'content-type': 'application/json',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: answer.status, body: (await answer.json()) as { data: T } };
}

const tools = async () =>
	(await butter<Array<Record<string, unknown>>>('GET', '/v1/tools?limit=100')).body.data;
const toolNamed = async (name: string) => (await tools()).find((tool) => tool.name === name);
const agentFunctions = async () => {
	const answer = await butter<Record<string, unknown>>('GET', `/v1/agents/${BUTTER_DEMO_AGENT}`);
	if (answer.status !== 200) throw new Error(`GET agent → ${answer.status}`);
	return (answer.body.data.enabledCustomFunctions ?? []) as string[];
};

beforeAll(async () => {
	env = await startEnvironment({
		workflows: ['tool-late-answer.json'],
		// Rate limits are not under test here: activation and this file's own reads are not paced
		// together (a 429 to a read of this file would be a failure of the test, not of the node).
		prepareSandbox: async (ready) => {
			await control(ready, 'PUT', '/limits/butter', { enabled: false });
		},
		publishLive: [
			EXAMPLE_WORKFLOWS.butterToolOrders,
			EXAMPLE_WORKFLOWS.butterToolSlots,
			LATE_ANSWER,
		],
	});
	// Publishing answers before n8n has registered: wait until every tool is on the agent.
	await waitFor(
		agentFunctions,
		(names) => TOOLS.every((name) => names.includes(name)),
		'the three tools to be registered and enabled',
	);
	await control(env, 'PUT', '/butter/callback-settings', { stepDelayMs: 50 });
});
afterAll(async () => stopEnvironment(env));

describe('registration', () => {
	test('each published tool trigger created its tool with its URL and secret header, on the demo agent', async () => {
		const orders = await toolNamed('lookup_order');
		expect(orders).toMatchObject({
			webhook_url: toolUrl(BUTTER_TOOL_ORDERS_WEBHOOK_ID),
			http_method: 'POST',
			timeout_seconds: 10,
			parameters: { type: 'object', required: ['order_id'] },
		});
		expect(Object.keys(orders?.headers as object)).toEqual(['X-N8n-Tool-Secret']);
		expect((await toolNamed('check_availability'))?.webhook_url).toBe(
			toolUrl(BUTTER_TOOL_SLOTS_WEBHOOK_ID),
		);
		expect(await agentFunctions()).toEqual(expect.arrayContaining(TOOLS));
	});
});

describe('a live call asks the agent’s tools', () => {
	test('"Butter AI — call a lead": the answers of both workflows are in the call’s transcript', async () => {
		await control(started(), 'PUT', '/butter/tool-script', DEMO_TOOL_SCRIPT);
		const ordersBefore = (await executionsOf(started(), EXAMPLE_WORKFLOWS.butterToolOrders)).length;
		const run = await executeWorkflow(started(), EXAMPLE_WORKFLOWS.butterCall);
		expect(failureOf(run)).toBe('');
		const [call] = jsonOf(run, 'Butter AI');
		const callId = String(call.id ?? call.call_id);
		const done = await waitFor(
			async () => (await butter<Record<string, unknown>>('GET', `/v1/calls/${callId}`)).body.data,
			(detail) => detail.status === 'completed',
			'the call to complete',
		);
		const toolLines = (done.transcript as Array<{ speaker: string; text: string }>).filter(
			(line) => line.speaker === 'tool',
		);
		expect(toolLines.map((line) => line.text)).toEqual([
			'lookup_order: {"result":"Order A-1 is shipped and arrives tomorrow."}',
			'check_availability: {"result":"On Friday we can see the caller at 10:00 or 14:00."}',
		]);
		const orders = await waitFor(
			() => executionsOf(started(), EXAMPLE_WORKFLOWS.butterToolOrders),
			settled(ordersBefore + 1),
			'the order status execution',
		);
		expect(orders.filter((e) => e.status === 'success')).toHaveLength(ordersBefore + 1);
		const [slots] = await waitFor(
			() => executionsOf(started(), EXAMPLE_WORKFLOWS.butterToolSlots),
			settled(1),
			'the free slots execution',
		);
		const slotsRun = await executionRun(started(), slots.id);
		expect(jsonOf(slotsRun, 'Free Slots Tool')[0]).toMatchObject({
			tool: 'check_availability',
			parameters: { day: 'Friday' },
		});
		expect(jsonOf(slotsRun, 'Answer Agent')[0]).toMatchObject({ answer_late: false });
	});
});

describe('only Butter AI, with the secret, starts the workflow', () => {
	test.each([
		['no secret header', {}],
		['a wrong secret', { 'x-n8n-tool-secret': 'x'.repeat(43) }],
	])('%s → 401, and no execution', async (_, headers) => {
		const before = (await executionsOf(started(), EXAMPLE_WORKFLOWS.butterToolOrders)).length;
		const answer = await fetch(toolUrl(BUTTER_TOOL_ORDERS_WEBHOOK_ID), {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: JSON.stringify({ order_id: 'A-1' }),
		});
		expect(answer.status).toBe(401);
		expect(await answer.text()).not.toContain('Order A-1');
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(await executionsOf(started(), EXAMPLE_WORKFLOWS.butterToolOrders)).toHaveLength(before);
	});

	test('with the registered secret, the answer is the last node’s output', async () => {
		const secret = String(
			((await toolNamed('lookup_order'))?.headers as Record<string, string>)['X-N8n-Tool-Secret'],
		);
		const answer = await fetch(toolUrl(BUTTER_TOOL_ORDERS_WEBHOOK_ID), {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-n8n-tool-secret': secret },
			body: JSON.stringify({ order_id: 'a-3' }),
		});
		expect(answer.status).toBe(200);
		expect(await answer.json()).toEqual({ result: 'Order A-3 is delivered on Monday.' });
	});
});

describe('an answer after the timeout', () => {
	test('the agent hears "no answer", and the execution says the answer came too late', async () => {
		await control(started(), 'PUT', '/butter/tool-script', {
			agent_id: BUTTER_DEMO_AGENT,
			steps: [{ at_ms: 10, tool: 'slow_lookup', arguments: { order_id: 'A-2' } }],
		});
		// Placed directly: the example's Duplicate Guard rightly skips the same lead a second time.
		const placed = await butter<Record<string, unknown>>('POST', '/v1/calls', {
			agent_id: BUTTER_DEMO_AGENT,
			to_number: '+15551230077',
		});
		const callId = String(placed.body.data.id ?? placed.body.data.call_id);
		const done = await waitFor(
			async () => (await butter<Record<string, unknown>>('GET', `/v1/calls/${callId}`)).body.data,
			(detail) => detail.status === 'completed',
			'the call to complete',
		);
		expect(
			(done.transcript as Array<{ speaker: string; text: string }>).filter(
				(l) => l.speaker === 'tool',
			),
		).toEqual([{ speaker: 'tool', text: 'slow_lookup: no answer within 1 s' }]);
		const [late] = await waitFor(
			() => executionsOf(started(), LATE_ANSWER),
			settled(1),
			'the slow execution to finish',
		);
		const lateRun = await executionRun(started(), late.id);
		const answerRun = lateRun.data.resultData.runData['Answer Agent'][0] as unknown as {
			hints?: Array<{ message: string; type: string }>;
		};
		expect(answerRun.hints).toEqual([
			expect.objectContaining({
				type: 'warning',
				message: expect.stringMatching(
					/after the agent stopped waiting .*the caller did not hear this answer/,
				),
			}),
		]);
		expect(jsonOf(lateRun, 'Answer Agent')[0]).toMatchObject({ answer_late: true });
	});
});

describe('deactivation', () => {
	test('removes exactly the deactivated workflow’s tool and its place on the agent', async () => {
		const others = (await tools()).filter((tool) => tool.name !== 'lookup_order');
		await started().rest!.post(
			`/rest/workflows/${EXAMPLE_WORKFLOWS.butterToolOrders}/deactivate`,
			{},
		);
		await waitFor(
			async () => (await tools()).map((tool) => tool.name),
			(names) => !names.includes('lookup_order'),
			'lookup_order to be deleted',
		);
		expect(await tools()).toEqual(others);
		const functions = await agentFunctions();
		expect(functions).not.toContain('lookup_order');
		expect(functions).toEqual(expect.arrayContaining(['check_availability', 'slow_lookup']));
		const deletes = (
			await control<{ requests: Array<{ method: string; path: string }> }>(
				started(),
				'GET',
				'/requests?platform=butter',
			)
		).requests.filter((r) => r.method === 'DELETE');
		expect(deletes).toHaveLength(1);
	});
});
