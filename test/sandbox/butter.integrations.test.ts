import { stableHex } from '../../sandbox/ids';
import { sandboxUnderTest, SANDBOX_KEYS } from './client';

const sb = sandboxUnderTest();
const key = SANDBOX_KEYS.butter.owner;
const SEEDED_INTEGRATION = `intg_${stableHex('butter-integration-0')}`;
const SEEDED_NUMBER = `phon_${stableHex('butter-phone-0')}`;
const AUTH_TOKEN = 'tok_super_secret_never_echo_4821';
const accountSid = 'AC' + 'a1'.repeat(16);
const body = (overrides: Record<string, unknown> = {}) => ({
	name: 'Production Twilio',
	credentials: { provider: 'twilio', account_sid: accountSid, auth_token: AUTH_TOKEN },
	...overrides,
});

beforeEach(() => sb.control('PUT', '/limits/butter', { enabled: false }));

describe('Butter integrations', () => {
	it('creates a Twilio integration: 201 action envelope with integration_id, category and status', async () => {
		const answer = await sb.call('POST', '/butter/v1/integrations', { key, body: body() });
		expect(answer.status).toBe(201);
		const id = answer.body.data.id;
		expect(id).toMatch(/^intg_[0-9a-f]{12}$/);
		expect(answer.body).toEqual({
			success: true,
			message: 'Integration created successfully',
			data: {
				id,
				integration_id: id,
				name: 'Production Twilio',
				provider: 'twilio',
				category: 'telephony',
				status: 'active',
				account_sid: accountSid,
				created_at: expect.any(String),
			},
		});
		expect((await sb.call('GET', `/butter/v1/integrations/${id}`, { key })).body).toEqual({
			success: true,
			data: answer.body.data,
		});
		const list = await sb.call('GET', '/butter/v1/integrations', { key });
		expect(list.body.data.map((i: { id: string }) => i.id)).toEqual([id, SEEDED_INTEGRATION]);
		expect(list.body.pagination).toEqual({
			next_cursor: null,
			has_more: false,
			page_size: 20,
			total_count: 2,
		});
		const { entries } = (
			await sb.control('GET', '/ledger?platform=butter&action=integration.created')
		).body;
		expect(entries).toEqual([
			expect.objectContaining({
				resourceId: id,
				details: { name: 'Production Twilio', provider: 'twilio', account_sid: accountSid },
			}),
		]);
	});

	it('never echoes the auth token: not in the answer, the list, the detail, the ledger or the request log', async () => {
		const { data } = (await sb.call('POST', '/butter/v1/integrations', { key, body: body() })).body;
		const seen = [
			data,
			(await sb.call('GET', '/butter/v1/integrations', { key })).body,
			(await sb.call('GET', `/butter/v1/integrations/${data.id}`, { key })).body,
			(await sb.control('GET', '/ledger?platform=butter')).body,
			(await sb.control('GET', '/requests?platform=butter')).body,
		];
		for (const answer of seen) {
			expect(JSON.stringify(answer)).not.toContain(AUTH_TOKEN);
			expect(JSON.stringify(answer)).not.toContain('"auth_token":"tok');
		}
	});

	it.each([
		[{ name: undefined }, 'name', 'name is required'],
		[{ name: '' }, 'name', 'name must not be empty'],
		[{ name: 'x'.repeat(101) }, 'name', 'name must be at most 100 characters'],
		[{ credentials: undefined }, 'credentials', 'credentials is required'],
		[{ credentials: 'AC…' }, 'credentials', 'credentials must be an object'],
		[
			{ credentials: { account_sid: accountSid, auth_token: 't' } },
			'credentials.provider',
			'credentials.provider must be "twilio"',
		],
		[
			{ credentials: { provider: 'vonage', account_sid: accountSid, auth_token: 't' } },
			'credentials.provider',
			'credentials.provider must be "twilio"',
		],
		[
			{ credentials: { provider: 'twilio', account_sid: 'XX' + 'a1'.repeat(16), auth_token: 't' } },
			'credentials.account_sid',
			'credentials.account_sid must start with AC and be 34 characters long',
		],
		[
			{ credentials: { provider: 'twilio', account_sid: 'AC123', auth_token: 't' } },
			'credentials.account_sid',
			'credentials.account_sid must start with AC and be 34 characters long',
		],
		[
			{ credentials: { provider: 'twilio', account_sid: accountSid, auth_token: '' } },
			'credentials.auth_token',
			'credentials.auth_token must not be empty',
		],
		[
			{ credentials: { provider: 'twilio', account_sid: accountSid } },
			'credentials.auth_token',
			'credentials.auth_token is required',
		],
	])('refuses %j: 400 validation_error on %s', async (overrides, field, message) => {
		const answer = await sb.call('POST', '/butter/v1/integrations', { key, body: body(overrides) });
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({
			success: false,
			error: { code: 'validation_error', field, message },
		});
	});

	it('deletes an unused integration; refuses one a phone number uses with 409 conflict', async () => {
		const used = await sb.call('DELETE', `/butter/v1/integrations/${SEEDED_INTEGRATION}`, { key });
		expect(used.status).toBe(409);
		expect(used.body).toEqual({
			success: false,
			error: { code: 'conflict', message: `Integration is used by phone number ${SEEDED_NUMBER}` },
		});
		const { id } = (await sb.call('POST', '/butter/v1/integrations', { key, body: body() })).body
			.data;
		const deleted = await sb.call('DELETE', `/butter/v1/integrations/${id}`, { key });
		expect(deleted.status).toBe(200);
		expect(deleted.body).toEqual({
			success: true,
			message: 'Integration deleted successfully',
			data: { id, deleted: true },
		});
		const gone = await sb.call('GET', `/butter/v1/integrations/${id}`, { key });
		expect([gone.status, gone.body.error]).toEqual([
			404,
			{ code: 'not_found', message: `Integration ${id} not found` },
		]);
		expect((await sb.call('DELETE', `/butter/v1/integrations/${id}`, { key })).status).toBe(404);
		const { entries } = (
			await sb.control('GET', '/ledger?platform=butter&action=integration.deleted')
		).body;
		expect(entries.map((e: { resourceId: string }) => e.resourceId)).toEqual([id]);
	});

	it('pages with a cursor, newest first', async () => {
		const created: string[] = [];
		for (let i = 0; i < 4; i++)
			created.push(
				(await sb.call('POST', '/butter/v1/integrations', { key, body: body({ name: `T${i}` }) }))
					.body.data.id,
			);
		const first = await sb.call('GET', '/butter/v1/integrations?limit=3', { key });
		expect(first.body.pagination).toEqual({
			next_cursor: expect.any(String),
			has_more: true,
			page_size: 3,
			total_count: 5,
		});
		const second = await sb.call(
			'GET',
			`/butter/v1/integrations?limit=3&cursor=${encodeURIComponent(first.body.pagination.next_cursor)}`,
			{ key },
		);
		expect(second.body.pagination).toEqual({
			next_cursor: null,
			has_more: false,
			page_size: 3,
			total_count: 5,
		});
		const ids = [...first.body.data, ...second.body.data].map((i: { id: string }) => i.id);
		expect(new Set(ids).size).toBe(5);
		expect(ids[4]).toBe(SEEDED_INTEGRATION);
		expect(ids.slice(0, 4).sort()).toEqual([...created].sort());
	});
});
