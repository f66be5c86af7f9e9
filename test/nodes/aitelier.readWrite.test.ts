import type { IDataObject } from 'n8n-workflow';

import { SANDBOX_KEYS, useSandbox } from '../harness/sandbox';
import { waitUntil } from '../harness/triggerReceiver';
import { aitelierNode } from './aitelier/helpers';

const sandbox = useSandbox();
const aitelier = aitelierNode(sandbox);

describe('Aitelier → Session', () => {
	it('get many: Return All over 250+ sessions, 100 per page', async () => {
		const { items, error } = await aitelier.run({
			resource: 'session',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThanOrEqual(250);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(items.length);
		const pages = (await aitelier.requests()).filter((r) => r.path === '/sessions');
		expect(pages).toHaveLength(Math.ceil(items.length / 100));
	});

	it('filters goal_achieved and since travel as query parameters; a bad since fails before sending', async () => {
		const { items } = await aitelier.run({
			resource: 'session',
			operation: 'getAll',
			limit: 5,
			filters: { goalAchieved: true, since: '2026-01-01' },
		});
		expect(items.every((i) => i.json.goal_achieved === true)).toBe(true);
		const [page] = (await aitelier.requests()).filter((r) => r.path === '/sessions');
		expect(page.query).toMatchObject({ goal_achieved: 'true', since: '2026-01-01', limit: '5' });
		const bad = await aitelier.run({
			resource: 'session',
			operation: 'getAll',
			limit: 5,
			filters: { since: 'yesterday' },
		});
		expect(bad.error?.message).toBe('Since "yesterday" is not an ISO-8601 date (item 1)');
	});

	it('transcript and recording; the read-only key is told which scope it lacks', async () => {
		const [session] = (await aitelier.api('GET', '/sessions?limit=1')).body.data as IDataObject[];
		const id = String(session.id);
		const one = await aitelier.run({ resource: 'session', operation: 'get', sessionId: id });
		expect(one.items[0].json).toMatchObject({ id, scenario: session.scenario });
		const transcript = await aitelier.run({
			resource: 'session',
			operation: 'getTranscript',
			sessionId: id,
		});
		expect(transcript.items[0].json).toMatchObject({ session_id: id, turns: expect.any(Array) });
		const url = await aitelier.run({
			resource: 'session',
			operation: 'getRecording',
			sessionId: id,
		});
		expect(url.items[0].json).toMatchObject({ session_id: id, content_type: 'audio/wav' });
		expect(url.items[0].binary).toBeUndefined();
		const denied = await aitelier.run(
			{ resource: 'session', operation: 'getTranscript', sessionId: id },
			{ key: SANDBOX_KEYS.aitelier.readOnly },
		);
		expect(denied.error?.message).toContain('sessions:read:transcript');
		expect((denied.error as { httpCode?: string }).httpCode).toBe('403');
	});

	it('recording downloaded to a binary property is a real WAV', async () => {
		const [session] = (await aitelier.api('GET', '/sessions?limit=1')).body.data as IDataObject[];
		const { items, error } = await aitelier.run({
			resource: 'session',
			operation: 'getRecording',
			sessionId: String(session.id),
			download: true,
			binaryPropertyName: 'audio',
		});
		expect(error).toBeUndefined();
		const audio = items[0].binary!.audio;
		expect(audio.mimeType).toBe('audio/wav');
		const bytes = Buffer.from(audio.data, 'base64');
		expect(bytes.subarray(0, 4).toString()).toBe('RIFF');
		expect(bytes.subarray(8, 12).toString()).toBe('WAVE');
	});
});

describe('Aitelier → Call (get, get many)', () => {
	it('get many with status filter, get one', async () => {
		const list = await aitelier.run({
			resource: 'call',
			operation: 'getAll',
			limit: 3,
			filters: { status: 'completed' },
		});
		expect(list.items.length).toBeGreaterThan(0);
		expect(list.items.every((i) => i.json.status === 'completed')).toBe(true);
		const id = String(list.items[0].json.id);
		const one = await aitelier.run({ resource: 'call', operation: 'get', callId: id });
		expect(one.items[0].json.id).toBe(id);
		const empty = await aitelier.run({
			resource: 'call',
			operation: 'get',
			callId: '={{ $json.call_id ?? "" }}',
		});
		expect(empty.error?.message).toBe('Call ID is required (item 1)');
	});
});

describe('Aitelier → Webhook', () => {
	it('create outputs the signing secret once; lists and updates never show it', async () => {
		const created = await aitelier.run({
			resource: 'webhook',
			operation: 'create',
			url: 'https://hooks.example.com/a',
			events: ['call.completed'],
		});
		expect(created.error).toBeUndefined();
		expect(String(created.items[0].json.secret)).toMatch(/^whsec_/);
		const [post] = (await aitelier.requests()).filter((r) => r.method === 'POST');
		expect(post.body).toEqual({ url: 'https://hooks.example.com/a', events: ['call.completed'] });
		expect(post.headers['idempotency-key']).toBeDefined();
		const id = String(created.items[0].json.id);
		const list = await aitelier.run({ resource: 'webhook', operation: 'getAll', returnAll: true });
		expect(list.items.find((i) => i.json.id === id)?.json.secret).toBeUndefined();
		const updated = await aitelier.run({
			resource: 'webhook',
			operation: 'update',
			webhookId: id,
			updateFields: { events: ['call.failed', 'batch.completed'], active: false },
		});
		expect(updated.items[0].json).toMatchObject({
			id,
			active: false,
			events: ['call.failed', 'batch.completed'],
		});
		expect(updated.items[0].json.secret).toBeUndefined();
		const [put] = (await aitelier.requests()).filter((r) => r.method === 'PUT');
		// The whole record: Aitelier's PUT may replace rather than merge.
		expect(put.body).toEqual({
			url: 'https://hooks.example.com/a',
			events: ['call.failed', 'batch.completed'],
			description: null,
			active: false,
		});
		const deleted = await aitelier.run({ resource: 'webhook', operation: 'delete', webhookId: id });
		expect(deleted.items[0].json).toEqual({ id, deleted: true });
	});

	it('bad URL or no events fail before sending; webhooks:manage is named when missing', async () => {
		const badUrl = await aitelier.run({
			resource: 'webhook',
			operation: 'create',
			url: 'not a url',
			events: ['call.completed'],
		});
		expect(badUrl.error?.message).toBe('URL "not a url" is not an http(s) URL (item 1)');
		const noEvents = await aitelier.run({
			resource: 'webhook',
			operation: 'create',
			url: 'https://x.example.com',
			events: '={{ [] }}',
		});
		expect(noEvents.error?.message).toBe('Events is required (item 1)');
		expect(await aitelier.requests()).toHaveLength(0);
		const denied = await aitelier.run(
			{ resource: 'webhook', operation: 'getAll', limit: 5 },
			{ key: SANDBOX_KEYS.aitelier.readOnly },
		);
		expect(denied.error?.message).toContain('webhooks:manage');
	});

	it('fan-out posts the payload to the project’s inbound webhook', async () => {
		const { items, error } = await aitelier.run({
			resource: 'webhook',
			operation: 'fanOut',
			projectId: 'proj_sandbox0001',
			hookName: 'order-updated',
			payload: '{"order":"A-1","status":"shipped"}',
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ name: 'order-updated', project_id: 'proj_sandbox0001' });
		const [post] = (await aitelier.requests()).filter((r) => r.method === 'POST');
		expect(post.path).toBe('/projects/proj_sandbox0001/webhooks/order-updated');
		expect(post.body).toEqual({ order: 'A-1', status: 'shipped' });
	});
});

describe('Aitelier → Knowledge, Usage, Wallet, Invoice', () => {
	it('crawl, upload a text file, list and delete it', async () => {
		const crawl = await aitelier.run({
			resource: 'knowledge',
			operation: 'crawl',
			url: 'https://example.com',
			maxPages: 20,
		});
		expect(crawl.items[0].json).toMatchObject({
			url: 'https://example.com',
			max_pages: 20,
			status: 'queued',
		});
		const upload = await aitelier.run(
			{ resource: 'knowledge', operation: 'uploadFile' },
			{
				fullItems: [
					{
						json: {},
						binary: {
							data: {
								data: Buffer.from('Opening hours: 9-5').toString('base64'),
								mimeType: 'text/plain',
								fileName: 'hours.txt',
							},
						},
					},
				],
			},
		);
		expect(upload.error).toBeUndefined();
		const id = String(upload.items[0].json.id);
		const list = await aitelier.run({
			resource: 'knowledge',
			operation: 'getAllFiles',
			returnAll: true,
		});
		expect(list.items.map((i) => i.json.id)).toContain(id);
		const deleted = await aitelier.run({
			resource: 'knowledge',
			operation: 'deleteFile',
			fileId: id,
		});
		expect(deleted.items[0].json).toEqual({ id, deleted: true });
	});

	it('an image is refused before upload', async () => {
		const { error } = await aitelier.run(
			{ resource: 'knowledge', operation: 'uploadFile' },
			{
				fullItems: [
					{
						json: {},
						binary: { data: { data: 'iVBORw0=', mimeType: 'image/png', fileName: 'x.png' } },
					},
				],
			},
		);
		expect(error?.message).toBe('Input Binary Field "data" holds a image/png file (item 1)');
		expect(await aitelier.requests()).toHaveLength(0);
	});

	it('usage for a month (checked), wallet', async () => {
		const usage = await aitelier.run({ resource: 'usage', operation: 'get', period: '2026-05' });
		expect(usage.items[0].json).toMatchObject({ period: '2026-05' });
		const [request] = await aitelier.requests();
		expect(request.query).toEqual({ period: '2026-05' });
		const bad = await aitelier.run({ resource: 'usage', operation: 'get', period: 'May' });
		expect(bad.error?.message).toBe('Period "May" is not a month (item 1)');
		const wallet = await aitelier.run({ resource: 'wallet', operation: 'get' });
		expect(wallet.items[0].json).toHaveProperty('balance');
	});

	it('invoices: list, and download one as a PDF binary', async () => {
		const list = await aitelier.run({ resource: 'invoice', operation: 'getAll', returnAll: true });
		expect(list.items.length).toBeGreaterThan(0);
		const id = String(list.items[0].json.id);
		const { items, error } = await aitelier.run({
			resource: 'invoice',
			operation: 'download',
			invoiceId: id,
		});
		expect(error).toBeUndefined();
		const pdf = items[0].binary!.data;
		expect(pdf.mimeType).toBe('application/pdf');
		expect(pdf.fileName).toBe(`${id}.pdf`);
		const bytes = Buffer.from(pdf.data, 'base64').toString('latin1');
		expect(bytes.startsWith('%PDF-')).toBe(true);
		expect(bytes.trimEnd().endsWith('%%EOF')).toBe(true);
	});
});

describe('Aitelier → the 5 outbound calls/min limit', () => {
	it('is waited out: 8 calls all succeed (window scaled to 1 s), none dialled twice', async () => {
		await sandbox.control('PUT', '/_sandbox/limits/aitelier', {
			outboundPerMinute: { limit: 5, windowMs: 1000 },
		});
		const phones = Array.from({ length: 8 }, (_, i) => ({ phone: `+1555400000${i}` }));
		const { items, error } = await aitelier.run(
			{
				resource: 'call',
				operation: 'trigger',
				scenario: 'scn_outbound_demo0001',
				phone: '={{ $json.phone }}',
			},
			{ items: phones },
		);
		expect(error).toBeUndefined();
		expect(items.every((i) => i.json.status === 'queued')).toBe(true);
		expect((await aitelier.requests()).some((r) => r.status === 429)).toBe(true);
		await waitUntil(
			async () => (await aitelier.ledger('call.dialed')).length >= 8,
			'eight dialled',
		);
		const dialled = await aitelier.ledger('call.dialed');
		expect(dialled).toHaveLength(8);
	}, 30_000);
});

describe('Aitelier → 200 calls against a 10 requests/s limit', () => {
	it('none fails, none is dialled twice (limits scaled: 10 per second for requests and outbound calls)', async () => {
		await sandbox.control('PUT', '/_sandbox/limits/aitelier', {
			perMinute: { limit: 10, windowMs: 1000 },
			perHour: { limit: 100_000, windowMs: 3_600_000 },
			outboundPerMinute: { limit: 10, windowMs: 1000 },
		});
		const phones = Array.from({ length: 200 }, (_, i) => ({
			phone: `+1555410${String(i).padStart(4, '0')}`,
		}));
		const { items, error } = await aitelier.run(
			{
				resource: 'call',
				operation: 'trigger',
				scenario: 'scn_outbound_demo0001',
				phone: '={{ $json.phone }}',
			},
			{ items: phones },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(200);
		expect(items.every((i) => i.json.status === 'queued')).toBe(true);
		const dialled = await aitelier.ledger('call.dialed');
		expect(dialled).toHaveLength(200);
		expect(new Set(dialled.map((d) => (d.details as IDataObject).phone)).size).toBe(200);
		expect((await aitelier.requests()).some((r) => r.status === 429)).toBe(true);
	}, 120_000);
});
