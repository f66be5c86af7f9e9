import { sandboxUnderTest, SANDBOX_KEYS } from './client';

const sb = sandboxUnderTest();
const key = SANDBOX_KEYS.butter.owner;
const parameters = {
	type: 'object',
	properties: { order_id: { type: 'string' } },
	required: ['order_id'],
};
const tool = (overrides: Record<string, unknown> = {}) => ({
	name: 'check_order_status',
	description: 'Looks up an order',
	webhook_url: 'https://api.example.com/orders',
	...overrides,
});

beforeEach(() => sb.control('PUT', '/limits/butter', { enabled: false }));

const create = (body: unknown) => sb.call('POST', '/butter/v1/tools', { key, body });

describe('Butter tools', () => {
	it('creates a tool with defaults: POST, no headers, no parameters, 10 s', async () => {
		const answer = await create(tool());
		expect(answer.status).toBe(201);
		expect(answer.body).toEqual({
			success: true,
			message: 'Tool created successfully',
			data: {
				id: expect.stringMatching(/^tool_[0-9a-f]{12}$/),
				name: 'check_order_status',
				description: 'Looks up an order',
				webhook_url: 'https://api.example.com/orders',
				http_method: 'POST',
				headers: {},
				parameters: null,
				timeout_seconds: 10,
				created_at: expect.any(String),
				updated_at: expect.any(String),
			},
		});
		const { id } = answer.body.data;
		expect((await sb.call('GET', `/butter/v1/tools/${id}`, { key })).body).toEqual({
			success: true,
			data: answer.body.data,
		});
		const { entries } = (await sb.control('GET', '/ledger?platform=butter&action=tool.created'))
			.body;
		expect(entries).toEqual([
			expect.objectContaining({ resourceId: id, details: { name: 'check_order_status' } }),
		]);
	});

	it('creates a tool with every field', async () => {
		const body = tool({
			http_method: 'GET',
			headers: { 'X-Api-Key': 'k' },
			parameters,
			timeout_seconds: 60,
		});
		const answer = await create(body);
		expect(answer.body.data).toMatchObject({
			http_method: 'GET',
			headers: { 'X-Api-Key': 'k' },
			parameters,
			timeout_seconds: 60,
		});
	});

	it.each([
		[{ name: undefined }, 'name', 'name is required'],
		[{ name: '' }, 'name', 'name must not be empty'],
		[{ name: 'check order' }, 'name', 'name may contain only letters, digits and underscores'],
		[{ name: 'check-order' }, 'name', 'name may contain only letters, digits and underscores'],
		[{ name: 'a'.repeat(51) }, 'name', 'name must be at most 50 characters'],
		[{ description: undefined }, 'description', 'description is required'],
		[{ description: 'd'.repeat(501) }, 'description', 'description must be at most 500 characters'],
		[{ webhook_url: undefined }, 'webhook_url', 'webhook_url is required'],
		[{ webhook_url: 'api.example.com' }, 'webhook_url', 'webhook_url must be an http or https URL'],
		[
			{ webhook_url: 'ftp://api.example.com' },
			'webhook_url',
			'webhook_url must be an http or https URL',
		],
		[
			{ webhook_url: `https://a.example.com/${'p'.repeat(480)}` },
			'webhook_url',
			'webhook_url must be at most 500 characters',
		],
		[
			{ http_method: 'FETCH' },
			'http_method',
			'http_method must be one of GET, POST, PUT, PATCH, DELETE',
		],
		[{ headers: { 'X-Count': 1 } }, 'headers', 'headers must be a string'],
		[{ headers: 'X-Api-Key: k' }, 'headers', 'headers must be an object'],
		[
			{ parameters: 'order_id' },
			'parameters',
			'parameters must be a JSON Schema object with "type": "object"',
		],
		[
			{ parameters: [] },
			'parameters',
			'parameters must be a JSON Schema object with "type": "object"',
		],
		[
			{ parameters: { type: 'string' } },
			'parameters',
			'parameters must be a JSON Schema object with "type": "object"',
		],
		[{ timeout_seconds: 0 }, 'timeout_seconds', 'timeout_seconds must be at least 1'],
		[{ timeout_seconds: 61 }, 'timeout_seconds', 'timeout_seconds must be at most 60'],
		[{ timeout_seconds: 1.5 }, 'timeout_seconds', 'timeout_seconds must be an integer'],
	])('refuses %j: 400 on %s', async (overrides, field, message) => {
		const answer = await create(tool(overrides));
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({
			success: false,
			error: { code: 'validation_error', field, message },
		});
	});

	it('refuses a second tool of the same name with 409 conflict', async () => {
		await create(tool());
		const answer = await create(tool({ description: 'Another' }));
		expect([answer.status, answer.body.error]).toEqual([
			409,
			{ code: 'conflict', message: 'A tool named check_order_status already exists' },
		]);
		expect((await create(tool({ name: 'Check_Order_Status' }))).status).toBe(201);
	});

	it('updates given fields with the same validation, and renames only to a free name', async () => {
		const first = (await create(tool())).body.data;
		await create(tool({ name: 'book_demo' }));
		const answer = await sb.call('PATCH', `/butter/v1/tools/${first.id}`, {
			key,
			body: { timeout_seconds: 30, parameters, name: 'check_order_status' },
		});
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			success: true,
			message: 'Tool updated successfully',
			data: { ...first, timeout_seconds: 30, parameters, updated_at: expect.any(String) },
		});
		const taken = await sb.call('PATCH', `/butter/v1/tools/${first.id}`, {
			key,
			body: { name: 'book_demo' },
		});
		expect([taken.status, taken.body.error.code]).toEqual([409, 'conflict']);
		const bad = await sb.call('PATCH', `/butter/v1/tools/${first.id}`, {
			key,
			body: { parameters: { type: 'array' } },
		});
		expect([bad.status, bad.body.error.field]).toEqual([400, 'parameters']);
		const method = await sb.call('PATCH', `/butter/v1/tools/${first.id}`, {
			key,
			body: { http_method: 'get' },
		});
		expect([method.status, method.body.error.field]).toEqual([400, 'http_method']);
		expect((await sb.call('GET', `/butter/v1/tools/${first.id}`, { key })).body.data).toMatchObject(
			{ name: 'check_order_status', parameters, timeout_seconds: 30 },
		);
		const { entries } = (await sb.control('GET', '/ledger?platform=butter&action=tool.updated'))
			.body;
		expect(entries.map((e: { details: unknown }) => e.details)).toEqual([
			{ fields: ['name', 'parameters', 'timeout_seconds'] },
		]);
	});

	it('lists by cursor, and deletes', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 5; i++) ids.push((await create(tool({ name: `tool_${i}` }))).body.data.id);
		const page = await sb.call('GET', '/butter/v1/tools?limit=2', { key });
		expect(page.body.pagination).toMatchObject({ has_more: true, page_size: 2, total_count: 5 });
		expect((await sb.call('GET', '/butter/v1/tools?limit=101', { key })).body.error).toMatchObject({
			code: 'validation_error',
			field: 'limit',
		});
		const deleted = await sb.call('DELETE', `/butter/v1/tools/${ids[0]}`, { key });
		expect(deleted.body).toEqual({
			success: true,
			message: 'Tool deleted successfully',
			data: { id: ids[0], deleted: true },
		});
		const gone = await sb.call('GET', `/butter/v1/tools/${ids[0]}`, { key });
		expect([gone.status, gone.body.error]).toEqual([
			404,
			{ code: 'not_found', message: `Tool ${ids[0]} not found` },
		]);
		expect((await sb.call('PATCH', `/butter/v1/tools/${ids[0]}`, { key, body: {} })).status).toBe(
			404,
		);
		expect((await sb.call('GET', '/butter/v1/tools', { key })).body.pagination.total_count).toBe(4);
		// Its name is free again.
		expect((await create(tool({ name: 'tool_0' }))).status).toBe(201);
		const { entries } = (await sb.control('GET', '/ledger?platform=butter&action=tool.deleted'))
			.body;
		expect(entries).toEqual([
			expect.objectContaining({ resourceId: ids[0], details: { name: 'tool_0' } }),
		]);
	});
});
