import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../harness/sandbox';
import { butterNode, locator } from './butter/helpers';

const sandbox = useSandbox();
const butter = butterNode(sandbox);

/** A voice agent that owns an outbound number, so calls need no From number. */
async function dialableAgent(): Promise<string> {
	const numbers = (await butter.api('GET', '/v1/phone-numbers?limit=100')).body
		.data as IDataObject[];
	const number = numbers.find((n) => n.agent_id && n.supports_outbound);
	if (!number) throw new Error('no seeded outbound number with an agent');
	return String(number.agent_id);
}

describe('Butter AI → Call', () => {
	it('create: sends agent, number and metadata; outputs the queued call', async () => {
		const agentId = await dialableAgent();
		const { items, error } = await butter.run({
			resource: 'call',
			operation: 'create',
			agentId: locator(agentId),
			toNumber: '+15551230001',
			additionalFields: { metadata: '{"lead_id":"L-7"}' },
		});
		expect(error).toBeUndefined();
		const [sent] = (await butter.requests()).filter((r) => r.method === 'POST');
		expect(sent.body).toEqual({
			agent_id: agentId,
			to_number: '+15551230001',
			metadata: { lead_id: 'L-7' },
		});
		expect(items[0].json).toMatchObject({
			status: 'queued',
			direction: 'outbound',
			to_number: '+15551230001',
		});
		expect(String(items[0].json.id)).toMatch(/^call_[0-9a-f]{12,}$/);
	});

	it('a text agent cannot place calls: the platform says so and the hint points to Chat', async () => {
		const { error } = await butter.run({
			resource: 'call',
			operation: 'create',
			agentId: locator(await butter.agentOf('text')),
			toNumber: '+15551230001',
		});
		expect(error?.message).toBe('Butter AI: Text agents cannot place or receive voice calls');
		expect((error as { description?: string }).description).toContain('Chat → Send Message');
		expect(await butter.ledger('call.dialed')).toHaveLength(0);
	});

	it('bad numbers and IDs are per-item errors before sending', async () => {
		const agentId = await dialableAgent();
		const { items } = await butter.run(
			{
				resource: 'call',
				operation: 'create',
				agentId: locator(agentId),
				toNumber: '={{ $json.to }}',
				additionalFields: { fromPhoneNumberId: '={{ $json.from }}' },
			},
			{
				items: [
					{ to: '+15551230001', from: '' },
					{ to: '0171 555', from: '' },
					// Issue 15: any safe-shaped ID is accepted now (`phon_nope` reaches the API); a path is not.
					{ to: '+15551230003', from: 'phon/../nope' },
				],
				continueOnFail: true,
			},
		);
		expect(items[0].json.status).toBe('queued');
		expect(items[1].json.error).toBe('To Number "0171 555" is not an E.164 phone number (item 2)');
		expect(items[2].json.error).toBe(
			'From Phone Number ID "phon/../nope" is not a phone number ID (item 3)',
		);
		expect(await butter.ledger('call.dialed')).toHaveLength(1);
	});

	it('get many: Return All walks every cursor page with the largest page size', async () => {
		const { items, error } = await butter.run({
			resource: 'call',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(250);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(items.length);
		const pages = (await butter.requests()).filter((r) => r.path === '/v1/calls');
		expect(pages).toHaveLength(Math.ceil(items.length / 100));
		expect(pages.every((p) => p.query.limit === '100')).toBe(true);
	});

	it('get many: Limit stops early and filters travel as query parameters', async () => {
		const { items } = await butter.run({
			resource: 'call',
			operation: 'getAll',
			limit: 7,
			filters: { direction: 'inbound' },
		});
		expect(items).toHaveLength(7);
		expect(items.every((i) => i.json.direction === 'inbound')).toBe(true);
		const [page] = (await butter.requests()).filter((r) => r.path === '/v1/calls');
		expect(page.query).toMatchObject({ limit: '7', direction: 'inbound' });
	});

	it('get: one call with its cost, usage and transcript', async () => {
		const list = await butter.run({
			resource: 'call',
			operation: 'getAll',
			limit: 1,
			filters: { status: 'completed' },
		});
		const id = String(list.items[0].json.id);
		const { items } = await butter.run({ resource: 'call', operation: 'get', callId: id });
		expect(items[0].json).toMatchObject({ id, status: 'completed' });
		expect(items[0].json).toHaveProperty('cost');
		expect(items[0].json).toHaveProperty('transcript');
	});

	it('200 calls against the Starter limit (10 requests/s): none fails, none is dialled twice', async () => {
		const agentId = await dialableAgent();
		const leads = Array.from({ length: 200 }, (_, i) => ({
			to: `+1555200${String(i).padStart(4, '0')}`,
		}));
		const { items, error } = await butter.run(
			{
				resource: 'call',
				operation: 'create',
				agentId: locator(agentId),
				toNumber: '={{ $json.to }}',
			},
			{ items: leads },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(200);
		expect(items.every((i) => i.json.status === 'queued')).toBe(true);
		const dialled = await butter.ledger('call.dialed');
		expect(dialled).toHaveLength(200);
		expect(new Set(dialled.map((d) => (d.details as { to: string }).to)).size).toBe(200);
		expect((await butter.requests()).some((r) => r.status === 429)).toBe(true);
	}, 120_000);
});
