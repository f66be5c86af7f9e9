import { stableHex } from '../../sandbox/ids';
import { sandboxUnderTest, SANDBOX_KEYS } from './client';

const sb = sandboxUnderTest();
const key = SANDBOX_KEYS.butter.owner;
const agentId = (i: number) => `agent_${stableHex(`butter-agent-${i}`)}`;
const INTEGRATION = `intg_${stableHex('butter-integration-0')}`;
const SEEDED = {
	twilioMain: `phon_${stableHex('butter-phone-0')}`,
	sip: `phon_${stableHex('butter-phone-1')}`,
	twilioRealtime: `phon_${stableHex('butter-phone-2')}`,
};
const PIPELINE = agentId(3);
const TEXT_AGENT = agentId(2);
const SIP_PASSWORD = 'sip-pass-never-echo-7731';
const PIN = '90817263';

const twilio = (overrides: Record<string, unknown> = {}) => ({
	phone_number: '+15551110001',
	provider: 'twilio',
	integration_id: INTEGRATION,
	...overrides,
});
const sip = (overrides: Record<string, unknown> = {}) => ({
	phone_number: '+15551110002',
	provider: 'sip',
	supports_inbound: true,
	supports_outbound: true,
	sip_trunk_name: 'trunk-a',
	sip_username: 'alice',
	sip_password: SIP_PASSWORD,
	sip_server_address: 'sip.example.com',
	inbound_room_name: 'room-a',
	inbound_pin: PIN,
	...overrides,
});

beforeEach(() => sb.control('PUT', '/limits/butter', { enabled: false }));

const importNumber = (body: unknown) => sb.call('POST', '/butter/v1/phone-numbers', { key, body });

describe('Butter phone numbers: import', () => {
	it('imports a Twilio number assigned to an agent: 201 and the documented fields', async () => {
		const answer = await importNumber(
			twilio({
				agent_id: PIPELINE,
				supports_outbound: true,
				webhook_url: 'https://hooks.example.com/butter',
				name: 'Sales',
			}),
		);
		expect(answer.status).toBe(201);
		expect(answer.body).toEqual({
			success: true,
			message: 'Phone number imported successfully',
			data: {
				id: expect.stringMatching(/^phon_[0-9a-f]{12}$/),
				phone_number: '+15551110001',
				provider: 'twilio',
				name: 'Sales',
				status: 'assigned',
				agent_id: PIPELINE,
				supports_inbound: false,
				supports_outbound: true,
				webhook_url: 'https://hooks.example.com/butter',
				integration_id: INTEGRATION,
				created_at: expect.any(String),
				updated_at: expect.any(String),
			},
		});
		const { id } = answer.body.data;
		expect((await sb.call('GET', `/butter/v1/phone-numbers/${id}`, { key })).body).toEqual({
			success: true,
			data: answer.body.data,
		});
		const { entries } = (
			await sb.control('GET', '/ledger?platform=butter&action=phone_number.imported')
		).body;
		expect(entries).toEqual([
			expect.objectContaining({
				resourceId: id,
				details: { phone_number: '+15551110001', provider: 'twilio', agent_id: PIPELINE },
			}),
		]);
	});

	it('imports a free SIP number: secrets become *_set flags, media encryption defaults to allow', async () => {
		const answer = await importNumber(sip());
		expect(answer.status).toBe(201);
		expect(answer.body.data).toEqual({
			id: expect.any(String),
			phone_number: '+15551110002',
			provider: 'sip',
			name: null,
			status: 'free',
			agent_id: null,
			supports_inbound: true,
			supports_outbound: true,
			webhook_url: null,
			sip_trunk_name: 'trunk-a',
			sip_username: 'alice',
			sip_password_set: true,
			sip_server_address: 'sip.example.com',
			inbound_room_name: 'room-a',
			inbound_pin_set: true,
			media_encryption: 'allow',
			created_at: expect.any(String),
			updated_at: expect.any(String),
		});
		const bare = await importNumber({
			phone_number: '+15551110003',
			provider: 'sip',
			media_encryption: 'require',
		});
		expect(bare.body.data).toMatchObject({
			sip_password_set: false,
			inbound_pin_set: false,
			media_encryption: 'require',
			supports_outbound: false,
		});
	});

	it('never echoes the SIP password or inbound PIN: not in answers, lists, details or the ledger', async () => {
		const { id } = (await importNumber(sip())).body.data;
		await sb.call('PATCH', `/butter/v1/phone-numbers/${id}`, {
			key,
			body: { sip_password: `${SIP_PASSWORD}-2`, inbound_pin: '55554444' },
		});
		const seen = [
			(await sb.call('GET', '/butter/v1/phone-numbers', { key })).body,
			(await sb.call('GET', `/butter/v1/phone-numbers/${id}`, { key })).body,
			(await sb.call('PATCH', `/butter/v1/phone-numbers/${id}`, { key, body: { name: 'x' } })).body,
			(await sb.control('GET', '/ledger?platform=butter')).body,
		];
		for (const answer of seen) {
			const text = JSON.stringify(answer);
			for (const secret of [SIP_PASSWORD, PIN, '55554444', 'seeded-sip-password', '482913'])
				expect(text).not.toContain(secret);
			expect(text).not.toMatch(/"(sip_password|inbound_pin)":/);
		}
	});

	it.each([
		[{ phone_number: undefined }, 'phone_number', 'phone_number is required'],
		[
			{ phone_number: '5551110001' },
			'phone_number',
			'phone_number must be in E.164 format, e.g. +15551230001',
		],
		[{ provider: undefined }, 'provider', 'provider is required'],
		[{ provider: 'vonage' }, 'provider', 'provider must be one of twilio, sip'],
		[
			{ integration_id: undefined },
			'integration_id',
			'integration_id is required for twilio numbers',
		],
		[{ supports_inbound: 'yes' }, 'supports_inbound', 'supports_inbound must be a boolean'],
		[
			{ webhook_url: 'ftp://hooks.example.com' },
			'webhook_url',
			'webhook_url must be an http or https URL',
		],
		[{ webhook_url: 'not a url' }, 'webhook_url', 'webhook_url must be an http or https URL'],
		[{ name: 'x'.repeat(101) }, 'name', 'name must be at most 100 characters'],
	])('refuses twilio %j: 400 on %s', async (overrides, field, message) => {
		const answer = await importNumber(twilio(overrides));
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({
			success: false,
			error: { code: 'validation_error', field, message },
		});
	});

	it.each([
		[
			{ sip_server_address: undefined },
			'sip_server_address',
			'sip_server_address is required when supports_outbound is true',
		],
		[{ inbound_pin: '123' }, 'inbound_pin', 'inbound_pin must be 4 to 10 characters'],
		[{ inbound_pin: '12345678901' }, 'inbound_pin', 'inbound_pin must be 4 to 10 characters'],
		[
			{ media_encryption: 'maybe' },
			'media_encryption',
			'media_encryption must be one of disable, allow, require',
		],
		[{ sip_password: 42 }, 'sip_password', 'sip_password must be a string'],
	])('refuses sip %j: 400 on %s', async (overrides, field, message) => {
		const answer = await importNumber(sip(overrides));
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({
			success: false,
			error: { code: 'validation_error', field, message },
		});
	});

	it('accepts a SIP number without a server address when it is inbound only', async () => {
		expect(
			(await importNumber(sip({ sip_server_address: undefined, supports_outbound: false }))).status,
		).toBe(201);
	});

	it('answers 404 for an unknown integration or agent, 400 text_agent_voice_only for a text agent, 409 for a duplicate', async () => {
		const integration = await importNumber(twilio({ integration_id: 'intg_000000000000' }));
		expect([integration.status, integration.body.error]).toEqual([
			404,
			{ code: 'not_found', message: 'Integration intg_000000000000 not found' },
		]);
		const agent = await importNumber(twilio({ agent_id: 'agent_000000000000' }));
		expect([agent.status, agent.body.error]).toEqual([
			404,
			{ code: 'not_found', message: 'Agent agent_000000000000 not found' },
		]);
		const text = await importNumber(twilio({ agent_id: TEXT_AGENT }));
		expect([text.status, text.body.error]).toEqual([
			400,
			{ code: 'text_agent_voice_only', message: 'Text agents cannot be assigned phone numbers' },
		]);
		const duplicate = await importNumber(twilio({ phone_number: '+15550100001' }));
		expect([duplicate.status, duplicate.body.error]).toEqual([
			409,
			{ code: 'conflict', message: 'Phone number already exists' },
		]);
		expect((await importNumber(twilio())).status).toBe(201);
		expect((await importNumber(sip({ phone_number: '+15551110001' }))).status).toBe(409);
		const { entries } = (
			await sb.control('GET', '/ledger?platform=butter&action=phone_number.imported')
		).body;
		expect(entries).toHaveLength(1);
	});
});

describe('Butter phone numbers: list, update, delete', () => {
	it('lists the three seeded numbers and filters by agent, provider and status', async () => {
		const all = await sb.call('GET', '/butter/v1/phone-numbers', { key });
		expect(all.body.pagination).toEqual({
			next_cursor: null,
			has_more: false,
			page_size: 20,
			total_count: 3,
		});
		expect(all.body.data.map((n: { id: string }) => n.id).sort()).toEqual(
			Object.values(SEEDED).sort(),
		);
		const ids = async (query: string) =>
			(await sb.call('GET', `/butter/v1/phone-numbers?${query}`, { key })).body.data.map(
				(n: { id: string }) => n.id,
			);
		expect(await ids('provider=sip')).toEqual([SEEDED.sip]);
		expect(await ids('status=free')).toEqual([SEEDED.sip]);
		expect((await ids('status=assigned')).sort()).toEqual(
			[SEEDED.twilioMain, SEEDED.twilioRealtime].sort(),
		);
		expect(await ids(`agent_id=${agentId(0)}`)).toEqual([SEEDED.twilioMain]);
		expect(await ids(`agent_id=${agentId(1)}`)).toEqual([SEEDED.twilioRealtime]);
		const bad = await sb.call('GET', '/butter/v1/phone-numbers?status=busy', { key });
		expect([bad.status, bad.body.error.field, bad.body.error.code]).toEqual([
			400,
			'status',
			'validation_error',
		]);
		expect(
			(await sb.call('GET', '/butter/v1/phone-numbers?limit=101', { key })).body.error,
		).toMatchObject({ field: 'limit' });
	});

	it('updates only the given fields; agent_id null frees the number', async () => {
		const freed = await sb.call('PATCH', `/butter/v1/phone-numbers/${SEEDED.twilioMain}`, {
			key,
			body: { agent_id: null, webhook_url: 'https://hooks.example.com/a', supports_inbound: false },
		});
		expect(freed.status).toBe(200);
		expect(freed.body).toMatchObject({
			success: true,
			message: 'Phone number updated successfully',
			data: {
				status: 'free',
				agent_id: null,
				webhook_url: 'https://hooks.example.com/a',
				supports_inbound: false,
				supports_outbound: true,
			},
		});
		const assigned = await sb.call('PATCH', `/butter/v1/phone-numbers/${SEEDED.twilioMain}`, {
			key,
			body: { agent_id: PIPELINE },
		});
		expect(assigned.body.data).toMatchObject({
			status: 'assigned',
			agent_id: PIPELINE,
			webhook_url: 'https://hooks.example.com/a',
		});
		const { entries } = (
			await sb.control('GET', '/ledger?platform=butter&action=phone_number.updated')
		).body;
		expect(entries.map((e: { details: unknown }) => e.details)).toEqual([
			{ fields: ['agent_id', 'supports_inbound', 'webhook_url'] },
			{ fields: ['agent_id'] },
		]);
	});

	it('updates SIP settings: clearing the password unsets it, setting the PIN sets it', async () => {
		const answer = await sb.call('PATCH', `/butter/v1/phone-numbers/${SEEDED.sip}`, {
			key,
			body: { sip_password: null, media_encryption: 'disable', sip_username: 'bob' },
		});
		expect(answer.body.data).toMatchObject({
			sip_password_set: false,
			inbound_pin_set: true,
			media_encryption: 'disable',
			sip_username: 'bob',
		});
	});

	it.each([
		[{ phone_number: '+15559999999' }, 400, 'validation_error', 'phone_number'],
		[{ provider: 'sip' }, 400, 'validation_error', 'provider'],
		[{ agent_id: TEXT_AGENT }, 400, 'text_agent_voice_only', undefined],
		[{ agent_id: 'agent_000000000000' }, 404, 'not_found', undefined],
		[{ integration_id: 'intg_000000000000' }, 404, 'not_found', undefined],
		[{ webhook_url: 'mailto:x@example.com' }, 400, 'validation_error', 'webhook_url'],
		[{ supports_outbound: 1 }, 400, 'validation_error', 'supports_outbound'],
	])(
		'refuses %j on a Twilio number (%i %s) and changes nothing',
		async (body, status, code, field) => {
			const before = (
				await sb.call('GET', `/butter/v1/phone-numbers/${SEEDED.twilioMain}`, { key })
			).body.data;
			const answer = await sb.call('PATCH', `/butter/v1/phone-numbers/${SEEDED.twilioMain}`, {
				key,
				body,
			});
			expect(answer.status).toBe(status);
			expect(answer.body.error.code).toBe(code);
			expect(answer.body.error.field).toBe(field);
			expect(
				(await sb.call('GET', `/butter/v1/phone-numbers/${SEEDED.twilioMain}`, { key })).body.data,
			).toEqual(before);
		},
	);

	it('refuses removing the SIP server of an outbound SIP number, and a short PIN', async () => {
		const server = await sb.call('PATCH', `/butter/v1/phone-numbers/${SEEDED.sip}`, {
			key,
			body: { sip_server_address: null },
		});
		expect([server.status, server.body.error.field]).toEqual([400, 'sip_server_address']);
		const pin = await sb.call('PATCH', `/butter/v1/phone-numbers/${SEEDED.sip}`, {
			key,
			body: { inbound_pin: '12' },
		});
		expect([pin.status, pin.body.error.field]).toEqual([400, 'inbound_pin']);
		const inboundOnly = await sb.call('PATCH', `/butter/v1/phone-numbers/${SEEDED.sip}`, {
			key,
			body: { sip_server_address: null, supports_outbound: false },
		});
		expect(inboundOnly.body.data).toMatchObject({
			sip_server_address: null,
			supports_outbound: false,
		});
	});

	it('deletes a number', async () => {
		const answer = await sb.call('DELETE', `/butter/v1/phone-numbers/${SEEDED.sip}`, { key });
		expect(answer.body).toEqual({
			success: true,
			message: 'Phone number deleted successfully',
			data: { id: SEEDED.sip, deleted: true },
		});
		const gone = await sb.call('GET', `/butter/v1/phone-numbers/${SEEDED.sip}`, { key });
		expect([gone.status, gone.body.error]).toEqual([
			404,
			{ code: 'not_found', message: `Phone number ${SEEDED.sip} not found` },
		]);
		expect(
			(await sb.call('DELETE', `/butter/v1/phone-numbers/${SEEDED.sip}`, { key })).status,
		).toBe(404);
		expect(
			(await sb.call('PATCH', `/butter/v1/phone-numbers/${SEEDED.sip}`, { key, body: {} })).status,
		).toBe(404);
		const { entries } = (
			await sb.control('GET', '/ledger?platform=butter&action=phone_number.deleted')
		).body;
		expect(entries).toEqual([
			expect.objectContaining({
				resourceId: SEEDED.sip,
				details: { phone_number: '+15550100002' },
			}),
		]);
		// Its number can be imported again.
		expect((await importNumber(sip({ phone_number: '+15550100002' }))).status).toBe(201);
	});
});
