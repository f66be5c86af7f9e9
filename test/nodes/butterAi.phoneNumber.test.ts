import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../harness/sandbox';
import { butterNode, locator } from './butter/helpers';

const sandbox = useSandbox();
const butter = butterNode(sandbox);

const SIP_PASSWORD = 'sip-Secret-4711';
const firstIntegration = async () =>
	String(((await butter.api('GET', '/v1/integrations')).body.data as IDataObject[])[0].id);

describe('Butter AI → Phone Number', () => {
	it('imports a Twilio number through an integration, fields shown by provider', async () => {
		const integrationId = await firstIntegration();
		const agentId = await butter.agentOf('pipeline');
		const { items, error } = await butter.run({
			resource: 'phoneNumber',
			operation: 'import',
			phoneNumber: '+15557654321',
			provider: 'twilio',
			integrationId: locator(integrationId),
			supportsOutbound: true,
			additionalFields: { agentId, name: 'Sales line' },
		});
		expect(error).toBeUndefined();
		const [sent] = (await butter.requests()).filter((r) => r.method === 'POST');
		expect(sent.body).toEqual({
			phone_number: '+15557654321',
			provider: 'twilio',
			integration_id: integrationId,
			supports_inbound: false,
			supports_outbound: true,
			agent_id: agentId,
			name: 'Sales line',
		});
		expect(items[0].json).toMatchObject({
			phone_number: '+15557654321',
			status: 'assigned',
			agent_id: agentId,
		});
	});

	it('imports a SIP number; the SIP password is sent but never in output, logs or errors', async () => {
		const { items, error } = await butter.run({
			resource: 'phoneNumber',
			operation: 'import',
			phoneNumber: '+15557650000',
			provider: 'sip',
			sipServerAddress: 'sip.example.com',
			supportsOutbound: true,
			sipFields: {
				sipUsername: 'trunk-user',
				sipPassword: SIP_PASSWORD,
				inboundPin: '123456',
				mediaEncryption: 'require',
			},
		});
		expect(error).toBeUndefined();
		const [sent] = (await butter.requests()).filter((r) => r.method === 'POST');
		expect(sent.body).toMatchObject({
			provider: 'sip',
			sip_server_address: 'sip.example.com',
			sip_username: 'trunk-user',
			media_encryption: 'require',
		});
		expect(JSON.stringify(items)).not.toContain(SIP_PASSWORD);
		expect(JSON.stringify(items)).not.toContain('123456');
		expect(JSON.stringify(await butter.requests())).not.toContain(SIP_PASSWORD);

		const duplicate = await butter.run({
			resource: 'phoneNumber',
			operation: 'import',
			phoneNumber: '+15557650000',
			provider: 'sip',
			sipFields: { sipPassword: SIP_PASSWORD },
		});
		expect(duplicate.error?.message).toBe('Butter AI: Phone number already exists');
		expect(JSON.stringify(duplicate.error)).not.toContain(SIP_PASSWORD);
	});

	it.each([
		[{ provider: 'sip', supportsOutbound: true }, 'SIP Server Address is required (item 1)'],
		[
			{ provider: 'sip', sipFields: { inboundPin: '12' } },
			'Inbound PIN must be 4 to 10 characters (item 1)',
		],
		[
			{ provider: 'twilio', integrationId: locator('={{ $json.integration ?? "" }}') },
			'Twilio Integration is required (item 1)',
		],
		[
			{ provider: 'twilio', phoneNumber: '555 0100' },
			'Phone Number "555 0100" is not an E.164 phone number (item 1)',
		],
	])('bad input %j is refused before sending', async (parameters, message) => {
		const { error } = await butter.run({
			resource: 'phoneNumber',
			operation: 'import',
			phoneNumber: '+15557650001',
			integrationId: locator('intg_000000000000'),
			...parameters,
		});
		expect(error?.message).toBe(message);
		expect(await butter.requests()).toHaveLength(0);
	});

	it('a text agent cannot own a phone number: the API refuses and the node explains', async () => {
		const textAgent = await butter.agentOf('text');
		const { error } = await butter.run({
			resource: 'phoneNumber',
			operation: 'import',
			phoneNumber: '+15557650002',
			provider: 'sip',
			additionalFields: { agentId: textAgent },
		});
		expect(error?.message).toBe('Butter AI: Text agents cannot be assigned phone numbers');
		expect((error as { description?: string }).description).toContain('use Chat → Send Message');
	});

	it('update sends only the given fields; unassign frees the number', async () => {
		const numbers = (await butter.api('GET', '/v1/phone-numbers')).body.data as IDataObject[];
		const assigned = numbers.find((n) => n.status === 'assigned')!;
		const { items } = await butter.run({
			resource: 'phoneNumber',
			operation: 'update',
			phoneNumberId: locator(String(assigned.id)),
			updateFields: { webhookUrl: 'https://hooks.example.com/butter', unassignAgent: true },
		});
		const [sent] = (await butter.requests()).filter((r) => r.method === 'PATCH');
		expect(sent.body).toEqual({ webhook_url: 'https://hooks.example.com/butter', agent_id: null });
		expect(items[0].json).toMatchObject({
			status: 'free',
			agent_id: null,
			webhook_url: 'https://hooks.example.com/butter',
		});
	});

	it('get many pages by cursor; get and delete one', async () => {
		const all = await butter.run({ resource: 'phoneNumber', operation: 'getAll', returnAll: true });
		expect(all.items.length).toBeGreaterThanOrEqual(3);
		const id = String(all.items[0].json.id);
		const one = await butter.run({
			resource: 'phoneNumber',
			operation: 'get',
			phoneNumberId: locator(id),
		});
		expect(one.items[0].json.id).toBe(id);
		await butter.run({ resource: 'phoneNumber', operation: 'delete', phoneNumberId: locator(id) });
		expect((await butter.api('GET', `/v1/phone-numbers/${id}`)).status).toBe(404);
	});
});
