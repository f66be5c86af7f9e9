import { sandboxUnderTest, SANDBOX_KEYS } from './client';

const sb = sandboxUnderTest();
const aitelierKey = SANDBOX_KEYS.aitelier.full;
const bvaiKey = SANDBOX_KEYS.buildVoiceAi.primary;
const place = (idempotencyKey: string, phone = '+15551234567') =>
	sb.call('POST', '/aitelier/v1/calls', {
		key: aitelierKey,
		body: { scenario: 'scn_outbound_demo0001', phone },
		headers: { 'idempotency-key': idempotencyKey },
	});
const dials = async (platform: string) =>
	(await sb.control('GET', `/ledger?platform=${platform}&action=call.dialed`)).body
		.entries as unknown[];
const inject = (rule: Record<string, unknown>) => sb.control('POST', '/faults', rule);

describe('fault injection', () => {
	it.each(['500', '502', '503'])(
		'%s answers before acting, in the platform envelope',
		async (kind) => {
			await inject({ platform: 'aitelier', kind, times: 1 });
			const failed = await place('k-1');
			expect(failed.status).toBe(Number(kind));
			expect(failed.body.error.request_id).toMatch(/^req_/);
			expect(await dials('aitelier')).toHaveLength(0);
			expect((await place('k-1')).status).toBe(201);
			expect(await dials('aitelier')).toHaveLength(1);
		},
	);

	it('429 carries Retry-After and nothing is done', async () => {
		await inject({ platform: 'buildvoiceai', kind: '429', times: 1 });
		const answer = await sb.call('POST', '/buildvoiceai/api/v1/calls/trigger', {
			key: bvaiKey,
			body: { phone_number: '+15551234567' },
		});
		expect([answer.status, answer.headers.get('retry-after')]).toEqual([429, '1']);
		expect(await dials('buildvoiceai')).toHaveLength(0);
	});

	it('reset destroys the connection before acting; reset-after-acting after', async () => {
		await inject({ platform: 'aitelier', kind: 'reset', times: 1 });
		await expect(place('k-1')).rejects.toThrow();
		expect(await dials('aitelier')).toHaveLength(0);
		await inject({ platform: 'aitelier', kind: 'reset-after-acting', times: 1 });
		await expect(place('k-2')).rejects.toThrow();
		expect(await dials('aitelier')).toHaveLength(1);
	});

	it('500-after-acting records the call; a retry with the same key replays the stored 201', async () => {
		await inject({ platform: 'aitelier', path: '/calls', kind: '500-after-acting', times: 1 });
		const first = await place('k-1');
		expect(first.status).toBe(500);
		const retry = await place('k-1');
		expect(retry.status).toBe(201);
		expect(retry.headers.get('idempotent-replayed')).toBe('true');
		const entries = await dials('aitelier');
		expect(entries).toHaveLength(1);
		expect((entries[0] as { resourceId: string }).resourceId).toBe(retry.body.id);
	});

	it('slow acts, then answers late', async () => {
		await inject({ platform: 'aitelier', kind: 'slow', slowMs: 300, times: 1 });
		expect((await place('k-1')).status).toBe(201);
		expect(await dials('aitelier')).toHaveLength(1);
	});

	it('rate-based faults are seeded: the same traffic gets the same faults', async () => {
		const run = async () => {
			await sb.control('POST', '/reset');
			await inject({ platform: 'butter', kind: '503', rate: 0.3 });
			await sb.control('PUT', '/limits/butter', { enabled: false });
			const statuses = [];
			for (let i = 0; i < 30; i++) {
				statuses.push(
					(await sb.call('GET', '/butter/v1/agents?limit=1', { key: SANDBOX_KEYS.butter.owner }))
						.status,
				);
			}
			return statuses;
		};
		const first = await run();
		expect(first.filter((s) => s === 503).length).toBeGreaterThan(3);
		expect(first.filter((s) => s === 503).length).toBeLessThan(20);
		expect(await run()).toEqual(first);
		const listed = (await sb.control('GET', '/faults')).body.faults;
		expect(listed[0].hits).toBe(first.filter((s) => s === 503).length);
	});
});

describe('ledger, request log and reset', () => {
	it('flags duplicate dials of the same phone and metadata', async () => {
		await place('k-1', '+15550000001');
		await place('k-2', '+15550000001');
		await place('k-3', '+15550000002');
		const { duplicates } = (await sb.control('GET', '/ledger?platform=aitelier')).body;
		expect(duplicates).toEqual([
			{ platform: 'aitelier', phone: '+15550000001', count: 2, resourceIds: expect.any(Array) },
		]);
	});

	it('logs every request with redacted credentials and the status answered', async () => {
		await sb.call('GET', '/butter/v1/agents?limit=2', { key: SANDBOX_KEYS.butter.owner });
		await sb.call('GET', '/butter/v1/agents', {
			headers: { 'x-api-key': SANDBOX_KEYS.butter.member, 'x-organization-id': 'org_sandbox0001' },
		});
		const { requests } = (await sb.control('GET', '/requests?platform=butter')).body;
		expect(requests.map((r: { status: number }) => r.status)).toEqual([200, 200]);
		expect(requests[0]).toMatchObject({ method: 'GET', path: '/v1/agents', query: { limit: '2' } });
		expect(requests[0].headers.authorization).toBe('***');
		expect(requests[1].headers['x-api-key']).toBe('***');
		expect(JSON.stringify(requests)).not.toContain('sandbox_owner');
	});

	it('reset empties ledger, log and faults and restores limits', async () => {
		await place('k-1');
		await inject({ kind: '500' });
		await sb.control('PUT', '/limits/butter', { requests: { limit: 1, windowMs: 1000 } });
		await sb.control('POST', '/reset');
		expect((await sb.control('GET', '/ledger')).body.entries).toEqual([]);
		expect((await sb.control('GET', '/requests')).body.requests).toEqual([]);
		expect((await sb.control('GET', '/faults')).body.faults).toEqual([]);
		expect((await sb.control('GET', '/limits')).body.butter.rules.requests).toEqual({
			limit: 10,
			windowMs: 1000,
		});
	});
});
