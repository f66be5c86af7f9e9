import type { IDataObject } from 'n8n-workflow';

import { runLoadOptions } from '../harness/runListSearch';
import { useSandbox } from '../harness/sandbox';
import { butterNode, locator } from './butter/helpers';

const sandbox = useSandbox();
const butter = butterNode(sandbox);

const newTool = async (name: string) => {
	const { body } = await butter.api('POST', '/v1/tools', {
		name,
		description: `Looks up ${name}`,
		webhook_url: 'https://tools.example.com/hook',
		http_method: 'POST',
	});
	const tool = ((body as IDataObject).data ?? body) as IDataObject;
	return String(tool.id);
};

describe('Butter AI agents take tools by ID as well as by name', () => {
	it('create: picked tools are enabled under their names, with the names typed, once each', async () => {
		const orders = await newTool('check_order_status');
		const slots = await newTool('book_meeting');
		const { error } = await butter.run({
			resource: 'agent',
			operation: 'create',
			agentArchitecture: 'text',
			name: 'Orders',
			model: 'gpt-4o-mini',
			systemPrompt: 'You help with orders.',
			additionalFields: {
				enabledCustomFunctions: 'book_meeting, escalate',
				toolIds: [orders, slots],
			},
		});
		expect(error).toBeUndefined();
		const [sent] = (await butter.requests()).filter(
			(r) => r.method === 'POST' && r.path === '/v1/agents',
		);
		expect((sent.body as IDataObject).enabledCustomFunctions).toEqual([
			'book_meeting',
			'escalate',
			'check_order_status',
		]);
		expect(sent.body).not.toHaveProperty('toolIds');
	});

	it('update: picked tools replace the list', async () => {
		const tool = await newTool('lookup_invoice');
		const id = await butter.agentOf('pipeline');
		const { items, error } = await butter.run({
			resource: 'agent',
			operation: 'update',
			agentId: locator(id),
			updateFields: { toolIds: [tool] },
		});
		expect(error).toBeUndefined();
		const [sent] = (await butter.requests()).filter((r) => r.method === 'PATCH');
		expect(sent.body).toEqual({ enabledCustomFunctions: ['lookup_invoice'] });
		expect(items[0].json.enabledCustomFunctions).toEqual(['lookup_invoice']);
	});

	it('a tool that does not exist is the platform’s 404, and no agent is created', async () => {
		const { error } = await butter.run({
			resource: 'agent',
			operation: 'create',
			agentArchitecture: 'text',
			name: 'Orders',
			model: 'gpt-4o-mini',
			systemPrompt: 'You help with orders.',
			additionalFields: { toolIds: ['tool_ffffffffffff'] },
		});
		expect(error?.message).toMatch(/^Butter AI: /);
		expect((await butter.requests()).filter((r) => r.method === 'POST')).toEqual([]);
	});

	it('the picker lists the organisation’s tools by name', async () => {
		const id = await newTool('zz_last_tool');
		const options = await runLoadOptions({
			node: 'butterAi',
			method: 'getTools',
			credentials: { butterAiApi: sandbox.credentials.butterAiApi() },
		});
		expect(options).toContainEqual({ name: 'zz_last_tool', value: id });
	});
});
