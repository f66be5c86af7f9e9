import { createServer } from 'http';

import { verifySignature } from '../../nodes/shared/signatures';
import { sandboxUnderTest, SANDBOX_KEYS } from './client';

/** Webhook subscriptions, signed event deliveries, and the inbound fan-out. */
const sb = sandboxUnderTest();
const key = SANDBOX_KEYS.aitelier.full;
const v1 = '/aitelier/v1';
const api = (method: string, path: string, body?: unknown, k: string = key) =>
	sb.call(method, `${v1}${path}`, {
		key: k,
		body,
		headers: method === 'GET' ? {} : { 'idempotency-key': `wh-${Math.random()}` },
	});
const subscribe = (events: string[], url: string, extra: Record<string, unknown> = {}) =>
	api('POST', '/webhooks', { url, events, ...extra });

interface Delivery {
	headers: Record<string, string | string[] | undefined>;
	raw: Buffer;
	body: { id: string; type: string; created_at: string; data: Record<string, unknown> };
}

/** A tiny receiver keeping every delivery. */
async function receiver() {
	const received: Delivery[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			received.push({ headers: req.headers, raw, body: JSON.parse(raw.toString()) });
			res.writeHead(204).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/events`;
	return { url, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function waitFor(done: () => boolean, ms = 5000) {
	const until = Date.now() + ms;
	while (!done() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
}

beforeEach(async () => {
	await sb.control('PUT', '/aitelier/simulation', { stepDelayMs: 5, batchRowIntervalMs: 1 });
});

describe('Aitelier webhook subscriptions', () => {
	it('PUT merges the fields given by default; with webhookPut "replace" the body is the whole record', async () => {
		const { body } = await subscribe(['call.completed'], 'https://hooks.example.com/r', {
			description: 'CRM',
		});
		const merged = await api('PUT', `/webhooks/${body.id}`, { active: false });
		expect(merged.body).toMatchObject({
			url: 'https://hooks.example.com/r',
			description: 'CRM',
			active: false,
		});
		await sb.control('PUT', '/aitelier/simulation', { webhookPut: 'replace' });
		const partial = await api('PUT', `/webhooks/${body.id}`, { active: true });
		expect([partial.status, partial.body.error.field]).toEqual([400, 'url']);
		const replaced = await api('PUT', `/webhooks/${body.id}`, {
			url: 'https://hooks.example.com/r2',
			events: ['call.failed'],
		});
		expect(replaced.body).toMatchObject({
			url: 'https://hooks.example.com/r2',
			events: ['call.failed'],
			description: null,
			active: true,
		});
	});

	it('create answers the secret once; list, update and delete never show it', async () => {
		const created = await subscribe(
			['call.completed', 'batch.completed'],
			'https://hooks.example.com/a',
			{ description: 'CRM' },
		);
		expect(created.status).toBe(201);
		expect(created.body).toEqual({
			id: expect.stringMatching(/^wh_[0-9a-f]{12}$/),
			url: 'https://hooks.example.com/a',
			events: ['call.completed', 'batch.completed'],
			description: 'CRM',
			active: true,
			secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+=*$/),
			created_at: expect.any(String),
		});
		const { secret, ...shown } = created.body;
		const list = await api('GET', '/webhooks');
		expect(list.body).toEqual({
			data: [shown],
			pagination: { next_cursor: null, has_more: false, total_count: 1 },
		});
		const updated = await api('PUT', `/webhooks/${shown.id}`, {
			events: ['call.failed'],
			active: false,
			description: null,
		});
		expect(updated.body).toEqual({
			...shown,
			events: ['call.failed'],
			active: false,
			description: null,
		});
		const stored = (await sb.control('GET', '/aitelier/webhooks')).body.subscriptions;
		expect(stored).toEqual([{ ...updated.body, secret }]);
		const deleted = await api('DELETE', `/webhooks/${shown.id}`);
		expect(deleted.body).toEqual({ id: shown.id, deleted: true });
		expect((await api('GET', '/webhooks')).body.data).toEqual([]);
		expect((await api('DELETE', `/webhooks/${shown.id}`)).status).toBe(404);
		const actions = (await sb.control('GET', '/ledger?platform=aitelier')).body.entries.map(
			(e: { action: string }) => e.action,
		);
		expect(actions).toEqual(['webhook.created', 'webhook.updated', 'webhook.deleted']);
	});

	it.each([
		[{ events: ['call.completed'] }, 'url', 'url is required'],
		[
			{ url: 'ftp://x.example.com', events: ['call.completed'] },
			'url',
			'url must be an http or https URL',
		],
		[{ url: 'https://x.example.com' }, 'events', 'events is required'],
		[
			{ url: 'https://x.example.com', events: [] },
			'events',
			'events must name at least one event type',
		],
		[
			{ url: 'https://x.example.com', events: 'call.completed' },
			'events',
			'events must be an array',
		],
		[
			{ url: 'https://x.example.com', events: ['call.exploded'] },
			'events',
			expect.stringContaining('unknown event type "call.exploded"'),
		],
	])('create refuses %j', async (body, field, message) => {
		const answer = await api('POST', '/webhooks', body);
		expect(answer.status).toBe(400);
		expect(answer.body.error).toEqual({
			code: 'invalid_argument',
			field,
			message,
			request_id: expect.any(String),
		});
	});

	it('update validates the same way; unknown ids are 404', async () => {
		const { body } = await subscribe(['call.completed'], 'https://hooks.example.com/a');
		for (const [patch, field] of [
			[{ url: 'nope' }, 'url'],
			[{ events: [] }, 'events'],
			[{ active: 'yes' }, 'active'],
		] as const) {
			const answer = await api('PUT', `/webhooks/${body.id}`, patch);
			expect([answer.status, answer.body.error.field]).toEqual([400, field]);
		}
		expect(
			(await api('PUT', '/webhooks/wh_000000000000', { active: false })).body.error,
		).toMatchObject({ code: 'not_found' });
	});

	it('every /webhooks route needs webhooks:manage, named in the 403', async () => {
		const readOnly = SANDBOX_KEYS.aitelier.readOnly;
		for (const [method, path] of [
			['GET', '/webhooks'],
			['POST', '/webhooks'],
			['PUT', '/webhooks/wh_000000000000'],
			['DELETE', '/webhooks/wh_000000000000'],
		]) {
			const answer = await api(
				method,
				path,
				method === 'GET' || method === 'DELETE' ? undefined : {},
				readOnly,
			);
			expect([answer.status, answer.body.error.message]).toEqual([
				403,
				'This API key lacks the required scope: webhooks:manage',
			]);
		}
	});
});

describe('Aitelier signed event deliveries', () => {
	it('a call’s events reach the subscribed receiver in order, signed with its secret (Standard Webhooks)', async () => {
		const hook = await receiver();
		const other = await receiver();
		try {
			const sub = (await subscribe(['call.started', 'call.completed', 'session.ended'], hook.url))
				.body;
			await subscribe(['call.failed'], other.url);
			const paused = (await subscribe(['call.completed'], other.url)).body;
			await api('PUT', `/webhooks/${paused.id}`, { active: false });
			const placed = await api('POST', '/calls', {
				scenario: 'scn_outbound_demo0001',
				phone: '+15551230001',
			});
			await waitFor(() => hook.received.length === 3);
			expect(hook.received.map((d) => d.body.type)).toEqual([
				'call.started',
				'call.completed',
				'session.ended',
			]);
			for (const delivery of hook.received) {
				expect(
					verifySignature(delivery.raw, delivery.headers, {
						scheme: 'standardWebhooks',
						secret: sub.secret,
					}).valid,
				).toBe(true);
				expect(
					verifySignature(delivery.raw, delivery.headers, {
						scheme: 'standardWebhooks',
						secret: paused.secret,
					}).valid,
				).toBe(false);
				expect(delivery.body).toEqual({
					id: expect.stringMatching(/^evt_[0-9a-f]{12}$/),
					type: delivery.body.type,
					created_at: expect.any(String),
					data: expect.any(Object),
				});
			}
			const [started, done, ended] = hook.received.map((d) => d.body.data);
			expect(started).toMatchObject({
				id: placed.body.id,
				status: 'connected',
				phone: '+15551230001',
			});
			expect(done).toMatchObject({ id: placed.body.id, status: 'completed' });
			expect(ended).toMatchObject({
				id: placed.body.session_id,
				status: 'ended',
				outcome: 'success',
				goal_achieved: true,
			});
			expect(other.received).toEqual([]);
			const sent = (await sb.control('GET', '/ledger?platform=aitelier&action=webhook.sent')).body
				.entries;
			expect(sent.map((e: { details: object }) => e.details)).toEqual([
				{ type: 'call.started', subscriptionId: sub.id },
				{ type: 'call.completed', subscriptionId: sub.id },
				{ type: 'session.ended', subscriptionId: sub.id },
			]);
		} finally {
			await Promise.all([hook.close(), other.close()]);
		}
	});

	it('a failed call emits call.failed and session.ended', async () => {
		const hook = await receiver();
		try {
			const sub = (await subscribe(['call.failed', 'session.ended', 'call.started'], hook.url))
				.body;
			await sb.control('PUT', '/aitelier/outcomes', { '+15551230002': 'no-answer' });
			await api('POST', '/calls', { scenario: 'scn_outbound_demo0001', phone: '+15551230002' });
			await waitFor(() => hook.received.length === 2);
			expect(hook.received.map((d) => [d.body.type, d.body.data.status])).toEqual([
				['call.failed', 'failed'],
				['session.ended', 'ended'],
			]);
			expect(hook.received[0].body.data.error).toBe('no_answer');
			expect(
				verifySignature(hook.received[1].raw, hook.received[1].headers, {
					scheme: 'standardWebhooks',
					secret: sub.secret,
				}).valid,
			).toBe(true);
		} finally {
			await hook.close();
		}
	});

	it('a batch emits batch.started and batch.completed with the batch, signed', async () => {
		const hook = await receiver();
		try {
			const sub = (await subscribe(['batch.started', 'batch.completed'], hook.url)).body;
			const form = new FormData();
			form.append('scenario', 'scn_outbound_demo0001');
			form.append(
				'file',
				new Blob(['phone\n+15551230001\n+15551230002\n'], { type: 'text/csv' }),
				'two.csv',
			);
			const response = await fetch(`${sb.url}${v1}/batches`, {
				method: 'POST',
				headers: { authorization: `Bearer ${key}`, 'idempotency-key': 'b-1' },
				body: form,
			});
			const batch = (await response.json()) as { id: string };
			await waitFor(() => hook.received.length === 2);
			expect(hook.received.map((d) => [d.body.type, d.body.data.id, d.body.data.status])).toEqual([
				['batch.started', batch.id, 'processing'],
				['batch.completed', batch.id, 'completed'],
			]);
			expect(hook.received[1].body.data).toMatchObject({
				name: 'two',
				total_rows: 2,
				progress: { completed: 2, percent: 100 },
			});
			for (const delivery of hook.received) {
				expect(
					verifySignature(delivery.raw, delivery.headers, {
						scheme: 'standardWebhooks',
						secret: sub.secret,
					}).valid,
				).toBe(true);
			}
		} finally {
			await hook.close();
		}
	});
});

describe('Aitelier inbound fan-out', () => {
	it('answers 202 with the number of active sessions, and ledgers it; no scope needed', async () => {
		const answer = await api(
			'POST',
			'/projects/proj_sandbox0001/webhooks/order-updated',
			{ order: 'A-1' },
			SANDBOX_KEYS.aitelier.readOnly,
		);
		expect(answer.status).toBe(202);
		expect(answer.body).toEqual({
			name: 'order-updated',
			project_id: 'proj_sandbox0001',
			delivered_to: 2,
		});
		const [entry] = (await sb.control('GET', '/ledger?platform=aitelier&action=webhook.fanout'))
			.body.entries;
		expect(entry).toMatchObject({
			resourceId: 'order-updated',
			details: { projectId: 'proj_sandbox0001', deliveredTo: 2, payload: { order: 'A-1' } },
		});
	});

	it('an unknown project is 404', async () => {
		const answer = await api('POST', '/projects/proj_other/webhooks/x', {});
		expect([answer.status, answer.body.error.code]).toEqual([404, 'not_found']);
	});
});
