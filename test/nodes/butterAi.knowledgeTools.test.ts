import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { useSandbox } from '../harness/sandbox';
import { butterNode, locator } from './butter/helpers';

const sandbox = useSandbox();
const butter = butterNode(sandbox);

const pdfItem = (
	bytes: string,
	fileName = 'pricing.pdf',
	mimeType = 'application/pdf',
): INodeExecutionData => ({
	json: {},
	binary: {
		data: {
			data: Buffer.from(bytes).toString('base64'),
			mimeType,
			fileName,
			fileExtension: fileName.split('.').pop(),
		},
	},
});

describe('Butter AI → Knowledge Base', () => {
	it('adds a document from a binary property as multipart/form-data', async () => {
		const agentId = await butter.agentOf('pipeline');
		const { items, error } = await butter.run(
			{
				resource: 'knowledgeBase',
				operation: 'create',
				name: 'Pricing',
				source: 'binary',
				additionalFields: { agentId },
			},
			{ fullItems: [pdfItem('%PDF-1.4 fake pricing table')] },
		);
		expect(error).toBeUndefined();
		const [sent] = (await butter.requests()).filter((r) => r.method === 'POST');
		expect(sent.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(sent.body).toMatchObject({
			name: 'Pricing',
			agent_id: agentId,
			files: { file: { filename: 'pricing.pdf', contentType: 'application/pdf', size: 27 } },
		});
		expect(items[0].json).toMatchObject({ name: 'Pricing', type: 'file', agent_id: agentId });
		expect(String(items[0].json.documentation_id)).toMatch(/^doc_[0-9a-f]{12,}$/);
	});

	it('adds a document from text', async () => {
		const { items } = await butter.run({
			resource: 'knowledgeBase',
			operation: 'create',
			name: 'FAQ',
			source: 'text',
			text: 'Q: Hours? A: 9-5.',
		});
		const [sent] = (await butter.requests()).filter((r) => r.method === 'POST');
		expect(sent.body).toMatchObject({ name: 'FAQ', text: 'Q: Hours? A: 9-5.', files: {} });
		expect(items[0].json.type).toBe('text');
	});

	it.each([
		[{ source: 'binary', binaryPropertyName: 'missing' }, [pdfItem('x')], /missing/],
		[
			{ source: 'binary' },
			[pdfItem('x', 'photo.png', 'image/png')],
			/Input Binary Field "data" holds a image\/png file \(item 1\)/,
		],
		[{ source: 'text', text: '   ' }, undefined, /^Text is required \(item 1\)$/],
		[
			{ source: 'text', text: 'x', name: '={{ $json.missing ?? "" }}' },
			undefined,
			/^Name is required \(item 1\)$/,
		],
	])('refuses %j before sending', async (parameters, fullItems, message) => {
		const { error } = await butter.run(
			{ resource: 'knowledgeBase', operation: 'create', name: 'Doc', ...parameters },
			fullItems ? { fullItems } : {},
		);
		expect(error?.message).toMatch(message);
		expect(await butter.requests()).toHaveLength(0);
	});

	it('get many, get and delete a document', async () => {
		const created = await butter.run({
			resource: 'knowledgeBase',
			operation: 'create',
			name: 'Temp',
			source: 'text',
			text: 'temp',
		});
		const id = String(created.items[0].json.id);
		const all = await butter.run({
			resource: 'knowledgeBase',
			operation: 'getAll',
			returnAll: true,
		});
		expect(all.items.map((i) => i.json.id)).toContain(id);
		const one = await butter.run({
			resource: 'knowledgeBase',
			operation: 'get',
			documentId: locator(id),
		});
		expect(one.items[0].json.name).toBe('Temp');
		await butter.run({ resource: 'knowledgeBase', operation: 'delete', documentId: locator(id) });
		expect((await butter.api('GET', `/v1/knowledge-base/${id}`)).status).toBe(404);
	});
});

describe('Butter AI → Tool', () => {
	const schema = {
		type: 'object',
		properties: { order_id: { type: 'string' } },
		required: ['order_id'],
	};

	it('creates a tool with its JSON Schema parameters and headers', async () => {
		const { items, error } = await butter.run({
			resource: 'tool',
			operation: 'create',
			name: 'check_order_status',
			description: 'Look up an order',
			webhookUrl: 'https://api.example.com/orders',
			parameters: JSON.stringify(schema),
			additionalFields: { httpMethod: 'GET', headers: '{"X-Shop":"acme"}', timeoutSeconds: 15 },
		});
		expect(error).toBeUndefined();
		const [sent] = (await butter.requests()).filter((r) => r.method === 'POST');
		expect(sent.body).toEqual({
			name: 'check_order_status',
			description: 'Look up an order',
			webhook_url: 'https://api.example.com/orders',
			parameters: schema,
			http_method: 'GET',
			headers: { 'X-Shop': 'acme' },
			timeout_seconds: 15,
		});
		expect(String(items[0].json.id)).toMatch(/^tool_[0-9a-f]{12,}$/);
	});

	it.each([
		[
			{ parameters: '{"type": "object", ' },
			/^Parameters \(JSON Schema\) is not valid JSON \(item 1\)$/,
		],
		[
			{ parameters: '{"type":"array"}' },
			/^Parameters \(JSON Schema\) must be a schema with "type": "object" \(item 1\)$/,
		],
		[{ parameters: '{"type":"object","required":"order_id"}' }, /"required" must be an array/],
		[{ name: 'check order!' }, /^Name "check order!" is not a valid tool name \(item 1\)$/],
		[{ webhookUrl: 'ftp://x' }, /^Webhook URL "ftp:\/\/x" is not an http\(s\) URL \(item 1\)$/],
		[
			{ additionalFields: { timeoutSeconds: 90 } },
			/^Timeout \(Seconds\) must be a whole number from 1 to 60 \(item 1\)$/,
		],
	])('refuses %j before sending', async (parameters, message) => {
		const { error } = await butter.run({
			resource: 'tool',
			operation: 'create',
			name: 'ok_name',
			description: 'd',
			webhookUrl: 'https://api.example.com/x',
			parameters: JSON.stringify(schema),
			...parameters,
		});
		expect(error?.message).toMatch(message);
		expect(await butter.requests()).toHaveLength(0);
	});

	it('update sends only the given fields, validated; get many lists it', async () => {
		const created = await butter.run({
			resource: 'tool',
			operation: 'create',
			name: 'book_meeting',
			description: 'Book',
			webhookUrl: 'https://api.example.com/book',
			parameters: JSON.stringify(schema),
		});
		const id = String(created.items[0].json.id);
		const { items } = await butter.run({
			resource: 'tool',
			operation: 'update',
			toolId: locator(id),
			updateFields: { timeoutSeconds: 30 },
		});
		const [patch] = (await butter.requests()).filter((r) => r.method === 'PATCH');
		expect(patch.body).toEqual({ timeout_seconds: 30 });
		expect(items[0].json.timeout_seconds).toBe(30);
		const all = await butter.run({ resource: 'tool', operation: 'getAll', returnAll: true });
		expect(all.items.map((i) => i.json.id)).toContain(id);
		const one = await butter.run({ resource: 'tool', operation: 'get', toolId: locator(id) });
		expect(one.items[0].json).toMatchObject({ id, name: 'book_meeting', timeout_seconds: 30 });
		const [get] = (await butter.requests()).filter(
			(r) => r.method === 'GET' && r.path === `/v1/tools/${id}`,
		);
		expect(get).toBeDefined();
		await butter.run({ resource: 'tool', operation: 'delete', toolId: locator(id) });
		expect((await butter.api('GET', `/v1/tools/${id}`)).status).toBe(404);
	});
});

describe('Butter AI → Integration and Chat', () => {
	const TOKEN = 'twilio-auth-token-0f9e8d';

	it('creates a Twilio integration; the auth token never comes back', async () => {
		const { items, error } = await butter.run({
			resource: 'integration',
			operation: 'create',
			name: 'Main Twilio',
			accountSid: 'AC0123456789abcdef0123456789abcdef',
			authToken: TOKEN,
		});
		expect(error).toBeUndefined();
		const [sent] = (await butter.requests()).filter((r) => r.method === 'POST');
		expect(sent.body).toEqual({
			name: 'Main Twilio',
			credentials: {
				provider: 'twilio',
				account_sid: 'AC0123456789abcdef0123456789abcdef',
				auth_token: '[redacted]',
			},
		});
		expect(items[0].json).toMatchObject({
			name: 'Main Twilio',
			provider: 'twilio',
			category: 'telephony',
			status: 'active',
		});
		expect(JSON.stringify(items)).not.toContain(TOKEN);
		const all = await butter.run({ resource: 'integration', operation: 'getAll', returnAll: true });
		expect(JSON.stringify(all.items)).not.toContain(TOKEN);
		const id = String(items[0].json.id);
		await butter.run({ resource: 'integration', operation: 'delete', integrationId: locator(id) });
		expect(
			(await butter.api('GET', '/v1/integrations?limit=100')).body.data as IDataObject[],
		).not.toContainEqual(expect.objectContaining({ id }));
	});

	it('a bad Twilio SID from the platform is an error without the token in it', async () => {
		const { error } = await butter.run({
			resource: 'integration',
			operation: 'create',
			name: 'Bad',
			accountSid: 'XX1',
			authToken: TOKEN,
		});
		expect(error?.message).toMatch(/^Butter AI: /);
		expect(JSON.stringify(error)).not.toContain(TOKEN);
	});

	it('chats with a text agent and continues the conversation', async () => {
		const agentId = await butter.agentOf('text');
		const first = await butter.run({
			resource: 'chat',
			operation: 'sendMessage',
			agentId: locator(agentId),
			message: 'Hello',
		});
		expect(first.error).toBeUndefined();
		const conversation = String(first.items[0].json.conversation_id);
		expect(conversation).toMatch(/^conv_[0-9a-f]{12,}$/);
		const second = await butter.run({
			resource: 'chat',
			operation: 'sendMessage',
			agentId: locator(agentId),
			message: 'Opening hours?',
			additionalFields: { conversationId: conversation },
		});
		expect(second.items[0].json).toMatchObject({ conversation_id: conversation, message_count: 4 });
		expect(typeof second.items[0].json.reply).toBe('string');
	});

	it('a voice agent cannot chat: a clear platform error', async () => {
		const { error } = await butter.run({
			resource: 'chat',
			operation: 'sendMessage',
			agentId: locator(await butter.agentOf('pipeline')),
			message: 'Hello',
		});
		expect(error?.message).toBe('Butter AI: Chat is only available for text agents');
	});
});
