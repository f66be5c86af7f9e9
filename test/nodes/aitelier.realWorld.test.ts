import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness/sandbox';
import { aitelierNode } from './aitelier/helpers';

const sandbox = useSandbox();
const aitelier = aitelierNode(sandbox);

const call = (additionalFields: INodeParameters, timezone?: string) =>
	aitelier.run(
		{
			resource: 'call',
			operation: 'trigger',
			scenario: { __rl: true, mode: 'id', value: 'scn_outbound_demo0001' },
			phone: '+15551230001',
			additionalFields,
		},
		{ timezone },
	);
const sentBodies = async (path: string) =>
	(await aitelier.requests()).filter((r) => r.path === path).map((r) => r.body as IDataObject);

describe('Aitelier scheduled_for always carries an offset', () => {
	it('a time with an offset is sent as given', async () => {
		const { error } = await call({ scheduledFor: '2026-05-13T20:42:30+02:00' });
		expect(error).toBeUndefined();
		expect((await sentBodies('/calls'))[0].scheduled_for).toBe('2026-05-13T20:42:30+02:00');
	});

	it('a local time is read in the workflow’s time zone and sent in UTC (summer and winter)', async () => {
		await call({ scheduledFor: '2026-07-01T09:00:00' }, 'Europe/Berlin');
		await call({ scheduledFor: '2026-01-15T09:00' }, 'Europe/Berlin');
		await call({ scheduledFor: '2026-03-08T12:30:00' }, 'America/New_York');
		expect((await sentBodies('/calls')).map((b) => b.scheduled_for)).toEqual([
			'2026-07-01T07:00:00Z',
			'2026-01-15T08:00:00Z',
			'2026-03-08T16:30:00Z',
		]);
	});

	it('a date without a time of day is refused before sending', async () => {
		const { error } = await call({ scheduledFor: '2026-05-13' }, 'Europe/Berlin');
		expect(error?.message).toBe(
			'Scheduled For "2026-05-13" is a date without a time of day (item 1)',
		);
		expect(String(error?.description)).toContain('Europe/Berlin');
		expect(await sentBodies('/calls')).toEqual([]);
	});

	it('a batch’s scheduled_for is converted the same way', async () => {
		const { error } = await aitelier.run(
			{
				resource: 'batch',
				operation: 'create',
				source: 'items',
				scenario: { __rl: true, mode: 'id', value: 'scn_outbound_demo0001' },
				additionalFields: { scheduledFor: '2026-07-01T18:00' },
			},
			{ items: [{ phone: '+15551230001' }], timezone: 'Asia/Tokyo' },
		);
		expect(error).toBeUndefined();
		const [upload] = (await aitelier.requests()).filter((r) => r.path === '/batches');
		expect(upload.body).toMatchObject({ scheduled_for: '2026-07-01T09:00:00Z' });
	});
});

describe('Extra Fields (JSON) on Aitelier call, batch and crawl bodies', () => {
	it('call: extra fields are sent, the explicit ones win', async () => {
		await call({ extraFieldsJson: '{"priority": "high", "phone": "+19999999999"}' });
		expect((await sentBodies('/calls'))[0]).toMatchObject({
			priority: 'high',
			phone: '+15551230001',
		});
	});

	it('crawl: extra fields are sent', async () => {
		const { error } = await aitelier.run({
			resource: 'knowledge',
			operation: 'crawl',
			url: 'https://help.example.com',
			additionalFields: { extraFieldsJson: '{"include_paths": ["/docs"]}' },
		});
		expect(error).toBeUndefined();
		expect((await sentBodies('/knowledge/crawl'))[0]).toMatchObject({
			url: 'https://help.example.com',
			include_paths: ['/docs'],
		});
	});

	it('batch: extra fields travel as form fields; bad JSON fails before sending', async () => {
		const parameters = {
			resource: 'batch',
			operation: 'create',
			source: 'items',
			scenario: { __rl: true, mode: 'id', value: 'scn_outbound_demo0001' },
		};
		const { error } = await aitelier.run(
			{ ...parameters, additionalFields: { extraFieldsJson: '{"caller_id": "+15550001111"}' } },
			{ items: [{ phone: '+15551230001' }] },
		);
		expect(error).toBeUndefined();
		const [upload] = (await aitelier.requests()).filter((r) => r.path === '/batches');
		expect(upload.body).toMatchObject({ caller_id: '+15550001111' });
		const bad = await aitelier.run(
			{ ...parameters, additionalFields: { extraFieldsJson: '{"caller_id": ' } },
			{ items: [{ phone: '+15551230001' }] },
		);
		expect(bad.error?.message).toBe('Extra Fields (JSON) is not valid JSON (item 1)');
		expect((await aitelier.requests()).filter((r) => r.path === '/batches')).toHaveLength(1);
	});
});

describe('Aitelier Webhook → Update sends the whole record', () => {
	const subscription = async () => {
		const { body } = await aitelier.api('POST', '/webhooks', {
			url: 'https://hooks.example.com/a',
			events: ['call.completed', 'call.failed'],
			description: 'CRM sync',
		});
		return String((body as IDataObject).id);
	};

	it.each(['merge', 'replace'])(
		'changing only Active keeps URL, events and description when PUT %ss',
		async (webhookPut) => {
			await sandbox.control('PUT', '/_sandbox/aitelier/simulation', { webhookPut });
			const id = await subscription();
			const { items, error } = await aitelier.run({
				resource: 'webhook',
				operation: 'update',
				webhookId: id,
				updateFields: { active: false },
			});
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({
				id,
				active: false,
				url: 'https://hooks.example.com/a',
				events: ['call.completed', 'call.failed'],
				description: 'CRM sync',
			});
			const [put] = (await aitelier.requests()).filter((r) => r.method === 'PUT');
			expect(put.body).toEqual({
				url: 'https://hooks.example.com/a',
				events: ['call.completed', 'call.failed'],
				description: 'CRM sync',
				active: false,
			});
		},
	);

	it('an unknown subscription is named before anything is changed', async () => {
		const { error } = await aitelier.run({
			resource: 'webhook',
			operation: 'update',
			webhookId: 'wh_000000000000',
			updateFields: { active: false },
		});
		expect(error?.message).toBe(
			'Webhook ID "wh_000000000000" is not a subscription of this project (item 1)',
		);
		expect((await aitelier.requests()).filter((r) => r.method === 'PUT')).toEqual([]);
	});
});
