import { sandboxUnderTest } from './client';

/** /_sandbox/outcomes-received: where e2e workflows post what their triggers saw, read back by the tests. */
const sb = sandboxUnderTest();

describe('outcomes-received control route', () => {
	it('keeps every posted object, in order, with a sequence number and the time received', async () => {
		expect((await sb.control('GET', '/outcomes-received')).body).toEqual({ outcomes: [] });
		const first = await sb.control('POST', '/outcomes-received', {
			platform: 'butter',
			call_id: 'call_1',
			status: 'completed',
		});
		expect(first.status).toBe(201);
		expect(first.body).toEqual({
			platform: 'butter',
			call_id: 'call_1',
			status: 'completed',
			seq: 1,
			received_at: expect.any(String),
		});
		await sb.control('POST', '/outcomes-received', {
			platform: 'aitelier',
			call_id: 'call_2',
			nested: { lead_id: 'L-1' },
		});
		const { body } = await sb.control('GET', '/outcomes-received');
		expect(
			body.outcomes.map((o: Record<string, unknown>) => [o.seq, o.platform, o.call_id]),
		).toEqual([
			[1, 'butter', 'call_1'],
			[2, 'aitelier', 'call_2'],
		]);
		expect(body.outcomes[1].nested).toEqual({ lead_id: 'L-1' });
	});

	it('refuses anything but a JSON object', async () => {
		for (const bad of [['a', 'list'], 'text', 42]) {
			expect((await sb.control('POST', '/outcomes-received', bad)).status).toBe(400);
		}
		expect((await sb.control('GET', '/outcomes-received')).body).toEqual({ outcomes: [] });
	});

	it('is emptied by DELETE, by POST /_sandbox/reset and by a reset of the sandbox object', async () => {
		await sb.control('POST', '/outcomes-received', { n: 1 });
		await sb.control('DELETE', '/outcomes-received');
		expect((await sb.control('GET', '/outcomes-received')).body.outcomes).toEqual([]);

		await sb.control('POST', '/outcomes-received', { n: 2 });
		await sb.control('POST', '/reset');
		expect((await sb.control('GET', '/outcomes-received')).body.outcomes).toEqual([]);

		// Numbering starts afresh after a reset.
		expect((await sb.control('POST', '/outcomes-received', { n: 3 })).body.seq).toBe(1);
	});
});
