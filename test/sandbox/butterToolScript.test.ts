import { createServer, type IncomingHttpHeaders, type Server } from 'http';

import { stableHex } from '../../sandbox/ids';
import { sandboxUnderTest, SANDBOX_KEYS } from './client';

/** Tool scripts: agents invoking their tools during simulated calls (PUT /_sandbox/butter/tool-script). */
const sb = sandboxUnderTest();
const key = SANDBOX_KEYS.butter.owner;
const AGENT = `agent_${stableHex('butter-agent-0')}`; // owns +15550100001
const OTHER_AGENT = `agent_${stableHex('butter-agent-1')}`;
const SECRET = { 'X-N8N-Tool-Secret': 'tool-secret-value-42' };

interface Received {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	raw: string;
}

/**
 * The tool's endpoint: keeps every request. `/ok` answers JSON, `/text` plain text, `/broken`
 * 500, `/slow?ms=` answers after a pause (past timeout_seconds for the timeout test).
 */
async function toolEndpoint() {
	const received: Received[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://localhost');
			received.push({
				method: req.method ?? '',
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				headers: req.headers,
				raw: Buffer.concat(chunks).toString(),
			});
			const answer = () => {
				if (url.pathname === '/broken') res.writeHead(500).end('boom');
				else if (url.pathname === '/text') res.writeHead(200).end('order A-1 is shipped');
				else {
					res.writeHead(200, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ order: 'A-1', status: 'shipped' }));
				}
			};
			if (url.pathname === '/slow') setTimeout(answer, Number(url.searchParams.get('ms')));
			else answer();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
	const close = () => {
		server.closeAllConnections();
		return new Promise((resolve) => server.close(resolve));
	};
	return { base, received, close };
}

/** An address nobody listens on: a port just given up. */
async function closedPort(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return `http://127.0.0.1:${port}`;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error('timed out waiting for the simulator');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

const createTool = async (fields: Record<string, unknown>) => {
	const answer = await sb.call('POST', '/butter/v1/tools', {
		key,
		body: { name: 'lookup_order', description: 'Looks up an order', ...fields },
	});
	expect(answer.status).toBe(201);
	return answer.body.data as { id: string; name: string };
};
const enableTools = (agentId: string, names: string[]) =>
	sb.call('PATCH', `/butter/v1/agents/${agentId}`, {
		key,
		body: { enabledCustomFunctions: names },
	});
const setScript = (script: Record<string, unknown>) =>
	sb.control('PUT', '/butter/tool-script', script);
const dial = async () =>
	(
		await sb.call('POST', '/butter/v1/calls', {
			key,
			body: { agent_id: AGENT, to_number: '+15551230001' },
		})
	).body.data.id as string;
const callOf = async (id: string) =>
	(await sb.call('GET', `/butter/v1/calls/${id}`, { key })).body.data;
const completed = async (id: string) => {
	await until(async () => (await callOf(id)).status === 'completed');
	return callOf(id);
};
const ledger = async (action: string) =>
	(await sb.control('GET', `/ledger?platform=butter&action=${action}`)).body.entries as Array<{
		resourceId: string;
		details: Record<string, unknown>;
	}>;
const lookupStep = { at_ms: 0, tool: 'lookup_order', arguments: { order_id: 'A-1', qty: 2 } };

let endpoint: Awaited<ReturnType<typeof toolEndpoint>>;
beforeEach(async () => {
	endpoint = await toolEndpoint();
	await sb.control('PUT', '/limits/butter', { enabled: false });
	await sb.control('PUT', '/butter/callback-settings', { stepDelayMs: 5 });
	await enableTools(AGENT, ['lookup_order']);
});
afterEach(() => endpoint.close());

describe('Butter tool script: the request', () => {
	it('flat (default): the arguments as the JSON body, with the stored headers', async () => {
		await createTool({ webhook_url: `${endpoint.base}/ok`, headers: SECRET });
		expect((await setScript({ steps: [lookupStep] })).body).toEqual({
			steps: [lookupStep],
			agent_id: null,
			body_style: 'flat',
		});
		const id = await dial();
		const call = await completed(id);

		expect(endpoint.received).toHaveLength(1);
		const [request] = endpoint.received;
		expect(request).toMatchObject({ method: 'POST', path: '/ok' });
		expect(JSON.parse(request.raw)).toEqual({ order_id: 'A-1', qty: 2 });
		expect(request.headers['x-n8n-tool-secret']).toBe('tool-secret-value-42');
		expect(request.headers['content-type']).toBe('application/json');

		const [answered] = await ledger('tool.answered');
		expect(answered).toMatchObject({
			resourceId: id,
			details: {
				tool: 'lookup_order',
				status: 200,
				ms: expect.any(Number),
				answer: { order: 'A-1', status: 'shipped' },
				headers: ['X-N8N-Tool-Secret'],
			},
		});
		// Header names only: the secret's value never reaches the ledger.
		expect(JSON.stringify(await ledger(''))).not.toContain('tool-secret-value-42');

		// The tool line survives into the final transcript, after the agent's opening line.
		expect(call.transcript[0].speaker).toBe('agent');
		expect(call.transcript[1]).toEqual({
			speaker: 'tool',
			text: 'lookup_order: {"order":"A-1","status":"shipped"}',
		});
		expect(
			call.transcript.filter((line: { speaker: string }) => line.speaker === 'tool'),
		).toHaveLength(1);
	});

	it('wrapped: tool, arguments, call_id and agent_id in the body', async () => {
		await createTool({ webhook_url: `${endpoint.base}/ok`, http_method: 'PUT', headers: SECRET });
		await setScript({ steps: [lookupStep], body_style: 'wrapped' });
		const id = await dial();
		await completed(id);
		expect(endpoint.received).toHaveLength(1);
		expect(endpoint.received[0].method).toBe('PUT');
		expect(JSON.parse(endpoint.received[0].raw)).toEqual({
			tool: 'lookup_order',
			arguments: { order_id: 'A-1', qty: 2 },
			call_id: id,
			agent_id: AGENT,
		});
		expect(endpoint.received[0].headers['x-n8n-tool-secret']).toBe('tool-secret-value-42');
	});

	it('GET: no body, the arguments in the query (non-strings JSON-encoded); wrapped adds the call', async () => {
		await createTool({
			webhook_url: `${endpoint.base}/text?source=butter`,
			http_method: 'GET',
			headers: SECRET,
		});
		const step = { ...lookupStep, arguments: { order_id: 'A-1', qty: 2, flags: { rush: true } } };
		await setScript({ steps: [step] });
		const flat = await dial();
		const flatCall = await completed(flat);
		await setScript({ steps: [step], body_style: 'wrapped' });
		const wrapped = await dial();
		await completed(wrapped);

		expect(endpoint.received.map((r) => [r.method, r.raw, r.headers['content-type']])).toEqual([
			['GET', '', undefined],
			['GET', '', undefined],
		]);
		const query = { source: 'butter', order_id: 'A-1', qty: '2', flags: '{"rush":true}' };
		expect(endpoint.received[0].query).toEqual(query);
		expect(endpoint.received[1].query).toEqual({ ...query, call_id: wrapped, agent_id: AGENT });
		expect(endpoint.received[1].headers['x-n8n-tool-secret']).toBe('tool-secret-value-42');
		// A text answer is quoted as text.
		expect(flatCall.transcript[1]).toEqual({
			speaker: 'tool',
			text: 'lookup_order: order A-1 is shipped',
		});
	});
});

describe('Butter tool script: outcomes', () => {
	it('a tool past its timeout_seconds: timed out, and the call waited for it in progress', async () => {
		await createTool({ webhook_url: `${endpoint.base}/slow?ms=1500`, timeout_seconds: 1 });
		await setScript({ steps: [lookupStep] });
		const id = await dial();
		await until(() => endpoint.received.length === 1);
		expect((await callOf(id)).status).toBe('in-progress');
		const call = await completed(id);

		expect(await ledger('tool.timed_out')).toEqual([
			expect.objectContaining({
				resourceId: id,
				details: expect.objectContaining({ tool: 'lookup_order', timeout_seconds: 1 }),
			}),
		]);
		expect(call.transcript[1]).toEqual({
			speaker: 'tool',
			text: 'lookup_order: no answer within 1 s',
		});
		expect(call.duration_seconds).toBeGreaterThanOrEqual(1);
	});

	it('a non-2xx answer and a refused connection: failed, with the status or the error', async () => {
		await createTool({ webhook_url: `${endpoint.base}/broken` });
		await createTool({ name: 'dead_end', webhook_url: `${await closedPort()}/nobody-listens` });
		await enableTools(AGENT, ['lookup_order', 'dead_end']);
		await setScript({
			steps: [lookupStep, { at_ms: 10, tool: 'dead_end', arguments: {} }],
		});
		const id = await dial();
		const call = await completed(id);

		const failed = await ledger('tool.failed');
		expect(failed).toHaveLength(2);
		expect(failed.find((e) => e.details.tool === 'lookup_order')).toMatchObject({
			resourceId: id,
			details: { status: 500 },
		});
		expect(failed.find((e) => e.details.tool === 'dead_end')).toMatchObject({
			resourceId: id,
			details: { error: expect.stringMatching(/ECONNREFUSED/) },
		});
		const toolLines = call.transcript
			.filter((line: { speaker: string }) => line.speaker === 'tool')
			.map((line: { text: string }) => line.text);
		expect(toolLines).toEqual([
			'lookup_order: failed with HTTP 500',
			expect.stringMatching(/^dead_end: failed, .*ECONNREFUSED/),
		]);
	});

	it('a tool the agent has not enabled, or no such tool: no request, tool.unavailable', async () => {
		await createTool({ webhook_url: `${endpoint.base}/ok` });
		await enableTools(AGENT, []);
		await setScript({ steps: [lookupStep, { at_ms: 0, tool: 'no_such_tool', arguments: {} }] });
		const id = await dial();
		const call = await completed(id);

		expect(endpoint.received).toEqual([]);
		const unavailable = await ledger('tool.unavailable');
		expect(unavailable.map((e) => [e.resourceId, e.details.tool])).toEqual(
			expect.arrayContaining([
				[id, 'lookup_order'],
				[id, 'no_such_tool'],
			]),
		);
		expect(unavailable.find((e) => e.details.tool === 'lookup_order')!.details.reason).toMatch(
			/enabledCustomFunctions/,
		);
		expect(call.transcript.filter((l: { speaker: string }) => l.speaker === 'tool')).toHaveLength(
			2,
		);
	});

	it('an agent_id script plays only for that agent’s calls; the tool ID also enables it', async () => {
		const tool = await createTool({ webhook_url: `${endpoint.base}/ok` });
		await enableTools(AGENT, [tool.id]);
		await setScript({ steps: [lookupStep], agent_id: OTHER_AGENT });
		await completed(await dial());
		expect(endpoint.received).toEqual([]);

		await setScript({ steps: [lookupStep], agent_id: AGENT });
		await completed(await dial());
		expect(endpoint.received).toHaveLength(1);
	});

	it('a reset while a tool runs: nothing reaches the new organisation', async () => {
		await createTool({ webhook_url: `${endpoint.base}/slow?ms=300`, timeout_seconds: 5 });
		await setScript({ steps: [lookupStep] });
		await dial();
		await until(() => endpoint.received.length === 1);
		await sb.control('POST', '/reset');
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect((await sb.control('GET', '/ledger?platform=butter')).body.entries).toEqual([]);
		expect((await sb.control('GET', '/scheduler')).body.pending).toBe(0);
	});
});

describe('Butter tool script: the control route', () => {
	it('refuses a bad script with 400 naming the field', async () => {
		const cases: Array<[unknown, string]> = [
			[{ steps: [{ at_ms: 'soon', tool: 'lookup_order' }] }, 'steps.0.at_ms'],
			[{ steps: [{ at_ms: -1, tool: 'lookup_order' }] }, 'steps.0.at_ms'],
			[{ steps: [{ at_ms: 0, tool: '' }] }, 'steps.0.tool'],
			[{ steps: [{ at_ms: 0, tool: 'x', arguments: [1] }] }, 'steps.0.arguments'],
			[{ steps: [], body_style: 'nested' }, 'body_style'],
			[{ steps: [], agent_id: '' }, 'agent_id'],
			[{}, 'steps'],
		];
		for (const [body, field] of cases) {
			const answer = await setScript(body as Record<string, unknown>);
			expect([answer.status, answer.body.field]).toEqual([400, field]);
			expect(answer.body.error).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
		}
		const misspelt = await setScript({ steps: [{ at_ms: 0, tool: 'x', args: {} }] });
		expect(misspelt.status).toBe(400);
		expect(misspelt.body.error).toMatch(/^steps\.0: .*'args'/);
	});

	it('GET returns the script, DELETE and reset clear it', async () => {
		const script = { steps: [lookupStep], agent_id: AGENT, body_style: 'wrapped' };
		await setScript(script);
		expect((await sb.control('GET', '/butter/tool-script')).body).toEqual(script);
		const none = { steps: [], agent_id: null, body_style: 'flat' };
		expect((await sb.control('DELETE', '/butter/tool-script')).body).toEqual(none);
		expect((await sb.control('GET', '/butter/tool-script')).body).toEqual(none);

		await setScript(script);
		await sb.control('POST', '/reset');
		expect((await sb.control('GET', '/butter/tool-script')).body).toEqual(none);
	});
});
