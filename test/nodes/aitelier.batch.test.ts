import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../harness/sandbox';
import { waitUntil } from '../harness/triggerReceiver';
import { aitelierNode } from './aitelier/helpers';

const sandbox = useSandbox();
const aitelier = aitelierNode(sandbox);
const SCENARIO = 'scn_outbound_demo0001';

beforeEach(async () => {
	await sandbox.control('PUT', '/_sandbox/aitelier/simulation', {
		stepDelayMs: 1,
		batchRowIntervalMs: 1,
	});
});

const leads = (n: number) =>
	Array.from({ length: n }, (_, i) => ({
		phone: `+1555300${String(i).padStart(4, '0')}`,
		lead_id: `L-${i}`,
		first_name: i % 2 ? 'Ada' : 'Grace, "G"',
	}));

describe('Aitelier → Batch → Create from incoming items (the campaign builder)', () => {
	it('500 items become ONE multipart CSV upload; every row is dialled exactly once', async () => {
		const items = leads(500);
		const { items: output, error } = await aitelier.run(
			{
				resource: 'batch',
				operation: 'create',
				source: 'items',
				scenario: SCENARIO,
				phoneField: 'phone',
				metadataFields: '*',
				additionalFields: { name: 'Spring' },
			},
			{ items },
		);
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ name: 'Spring', total_rows: 500, scenario: SCENARIO });
		const uploads = (await aitelier.requests()).filter((r) => r.method === 'POST');
		expect(uploads).toHaveLength(1);
		expect(uploads[0].path).toBe('/batches');
		expect(uploads[0].headers['idempotency-key']).toMatch(/^n8n-[0-9a-f]{40}$/);
		expect(uploads[0].body).toMatchObject({
			scenario: SCENARIO,
			name: 'Spring',
			files: { file: { filename: 'batch.csv', contentType: 'text/csv' } },
		});

		const id = String(output[0].json.id);
		await waitUntil(
			async () => (await aitelier.api('GET', `/batches/${id}`)).body.status === 'completed',
			'batch completed',
			60_000,
		);
		const dialled = (await aitelier.ledger('call.dialed')).filter(
			(e) => (e.details as IDataObject).batchId === id,
		);
		expect(dialled).toHaveLength(500);
		expect(new Set(dialled.map((e) => (e.details as IDataObject).phone)).size).toBe(500);
		const quoted = dialled.find((e) => (e.details as IDataObject).phone === '+15553000000')!;
		expect((quoted.details as IDataObject).metadata).toMatchObject({
			lead_id: 'L-0',
			first_name: 'Grace, "G"',
		});

		const got = await aitelier.run({ resource: 'batch', operation: 'get', batchId: id });
		expect(got.items[0].json).toMatchObject({
			status: 'completed',
			progress: expect.objectContaining({ percent: 100 }),
		});
		const rows = await aitelier.run({
			resource: 'batch',
			operation: 'getRows',
			batchId: id,
			returnAll: true,
		});
		expect(rows.items).toHaveLength(500);
		expect(new Set(rows.items.map((r) => r.json.row)).size).toBe(500);
	}, 90_000);

	it('a bad phone in any item fails the node before anything is sent, naming the item', async () => {
		const items = leads(5);
		items[3].phone = '0171-555';
		const { error } = await aitelier.run(
			{
				resource: 'batch',
				operation: 'create',
				source: 'items',
				scenario: SCENARIO,
				phoneField: 'phone',
			},
			{ items },
		);
		expect(error?.message).toBe(
			'Phone Field "phone" "0171-555" is not an E.164 phone number (item 4)',
		);
		expect(await aitelier.requests()).toHaveLength(0);
	});

	it('with Continue On Fail, bad rows are reported on their own items and the good rows go out as one batch', async () => {
		const items = leads(5);
		items[0].phone = '';
		items[3].phone = '0171-555';
		const { items: output, error } = await aitelier.run(
			{
				resource: 'batch',
				operation: 'create',
				source: 'items',
				scenario: SCENARIO,
				phoneField: 'phone',
			},
			{ items, continueOnFail: true },
		);
		expect(error).toBeUndefined();
		const uploads = (await aitelier.requests()).filter(
			(r) => r.method === 'POST' && r.path === '/batches',
		);
		expect(uploads).toHaveLength(1);
		expect(output.map((o) => o.json.error ?? 'batch')).toEqual([
			'Phone Field "phone" is required (item 1)',
			'batch',
			'Phone Field "phone" "0171-555" is not an E.164 phone number (item 4)',
		]);
		const id = String(output[1].json.id);
		const batch = (await aitelier.api('GET', `/batches/${id}`)).body;
		expect(batch.total_rows).toBe(3);
	});

	it('chosen metadata fields only; a per-row scenario field', async () => {
		const items = [
			{ phone: '+15553000001', lead_id: 'A', secret_note: 'x', flow: 'scn_followup0002' },
			{ phone: '+15553000002', lead_id: 'B', secret_note: 'y', flow: SCENARIO },
		];
		const { items: output } = await aitelier.run(
			{
				resource: 'batch',
				operation: 'create',
				source: 'items',
				scenario: SCENARIO,
				phoneField: 'phone',
				metadataFields: 'lead_id',
				additionalFields: { scenarioField: 'flow' },
			},
			{ items },
		);
		const id = String(output[0].json.id);
		await waitUntil(
			async () => (await aitelier.api('GET', `/batches/${id}`)).body.status === 'completed',
			'batch completed',
		);
		const rows = (await aitelier.api('GET', `/batches/${id}/rows`)).body.data as IDataObject[];
		expect(rows.map((r) => [r.phone, r.scenario, r.metadata])).toEqual([
			['+15553000001', 'scn_followup0002', { lead_id: 'A' }],
			['+15553000002', SCENARIO, { lead_id: 'B' }],
		]);
	});

	it('the same execution re-sending the batch is deduped by its Idempotency-Key', async () => {
		const params = {
			resource: 'batch',
			operation: 'create',
			source: 'items',
			scenario: SCENARIO,
			phoneField: 'phone',
		};
		const first = await aitelier.run(params, { items: leads(3), executionId: 'exec-fixed' });
		const again = await aitelier.run(params, { items: leads(3), executionId: 'exec-fixed' });
		expect(again.items[0].json.id).toBe(first.items[0].json.id);
		expect(await aitelier.ledger('batch.created')).toHaveLength(1);
	});
});

describe('Aitelier → Batch → Create from a CSV file', () => {
	it('uploads each item’s CSV binary as a batch', async () => {
		const csv = 'phone,lead_id\r\n+15553000001,A\r\n+15553000002,B\r\n';
		const { items, error } = await aitelier.run(
			{ resource: 'batch', operation: 'create', source: 'binary', scenario: SCENARIO },
			{
				fullItems: [
					{
						json: {},
						binary: {
							data: {
								data: Buffer.from(csv).toString('base64'),
								mimeType: 'text/csv',
								fileName: 'leads.csv',
							},
						},
					},
				],
			},
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ total_rows: 2 });
		const [upload] = (await aitelier.requests()).filter((r) => r.method === 'POST');
		expect(upload.body).toMatchObject({
			files: { file: { filename: 'leads.csv', size: csv.length } },
		});
	});
});
