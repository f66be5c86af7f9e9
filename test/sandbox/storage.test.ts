import { createConnection } from 'net';

import { sandboxUnderTest, SANDBOX_KEYS } from './client';

/*
 * The storage host (presigned files on another origin) and the hostile-server faults: what a
 * test of the nodes relies on, checked against the sandbox alone.
 */
const sb = sandboxUnderTest({ manualClock: true });
const key = SANDBOX_KEYS.aitelier.full;
const inject = (rule: Record<string, unknown>) => sb.control('POST', '/faults', rule);
const visits = async () =>
	(await sb.control('GET', '/storage/visits')).body as {
		url: string;
		visits: Array<{ path: string; authorization: boolean }>;
	};
const firstSession = async () =>
	String((await sb.call('GET', '/aitelier/v1/sessions?limit=1', { key })).body.data[0].id);
const recordingUrl = async () =>
	String(
		(await sb.call('GET', `/aitelier/v1/sessions/${await firstSession()}/recording`, { key })).body
			.url,
	);

describe('the storage host', () => {
	it('serves a presigned URL on its own origin, refuses one carrying Authorization, and logs both', async () => {
		await sb.control('PUT', '/aitelier/simulation', { fileUrls: 'storage' });
		const url = await recordingUrl();
		const { url: storage } = await visits();
		expect(new URL(url).origin).toBe(storage);
		expect(new URL(url).origin).not.toBe(new URL(sb.url).origin);
		const plain = await fetch(url);
		expect(plain.status).toBe(200);
		expect(
			Buffer.from(await plain.arrayBuffer())
				.subarray(0, 4)
				.toString(),
		).toBe('RIFF');
		const keyed = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
		expect(keyed.status).toBe(400);
		expect((await visits()).visits.map((v) => v.authorization)).toEqual([false, true]);
	});

	it('a presigned URL expires, and a tampered one is refused', async () => {
		await sb.control('PUT', '/aitelier/simulation', { fileUrls: 'storage' });
		const url = await recordingUrl();
		// One character changed, whatever it was.
		const tampered = url.replace(
			/X-Signature=(.)/,
			(_, c: string) => `X-Signature=${c === '0' ? '1' : '0'}`,
		);
		expect((await fetch(tampered)).status).toBe(403);
		sb.clock.ms += 301_000;
		expect((await fetch(url)).status).toBe(403);
	});

	it('api-redirect: the API URL answers 302 to a presigned copy on the storage host', async () => {
		await sb.control('PUT', '/aitelier/simulation', { fileUrls: 'api-redirect' });
		const url = await recordingUrl();
		expect(new URL(url).origin).toBe(new URL(sb.url).origin);
		const answer = await fetch(url, {
			headers: { authorization: `Bearer ${key}` },
			redirect: 'manual',
		});
		expect(answer.status).toBe(302);
		const location = String(answer.headers.get('location'));
		expect(location.startsWith((await visits()).url)).toBe(true);
		expect((await fetch(location)).status).toBe(200);
	});

	it('invoice PDFs follow the same switch', async () => {
		await sb.control('PUT', '/aitelier/simulation', { fileUrls: 'storage' });
		const pdf = String(
			(await sb.call('GET', '/aitelier/v1/invoices?limit=1', { key })).body.data[0].pdf_url,
		);
		expect(pdf.startsWith((await visits()).url)).toBe(true);
		const bytes = Buffer.from(await (await fetch(pdf)).arrayBuffer()).toString('latin1');
		expect(bytes.startsWith('%PDF-')).toBe(true);
	});
});

describe('hostile-server faults', () => {
	it('redirect-cross-origin: 302 to the storage host, before acting', async () => {
		await inject({ platform: 'butter', kind: 'redirect-cross-origin', times: 1 });
		const answer = await fetch(`${sb.url}/butter/v1/agents?limit=1`, {
			headers: { authorization: `Bearer ${SANDBOX_KEYS.butter.owner}` },
			redirect: 'manual',
		});
		expect(answer.status).toBe(302);
		expect(answer.headers.get('location')).toBe(`${(await visits()).url}/echo/butter/v1/agents`);
	});

	it('redirect-same-origin: 307 to the same path and query', async () => {
		await inject({ platform: 'butter', kind: 'redirect-same-origin', times: 1 });
		const answer = await fetch(`${sb.url}/butter/v1/agents?limit=1`, {
			headers: { authorization: `Bearer ${SANDBOX_KEYS.butter.owner}` },
			redirect: 'manual',
		});
		expect([answer.status, answer.headers.get('location')]).toEqual([
			307,
			'/butter/v1/agents?limit=1',
		]);
	});

	it('402 refuses before acting; nothing is dialled', async () => {
		await inject({ platform: 'buildvoiceai', kind: '402', times: 1 });
		const answer = await sb.call('POST', '/buildvoiceai/api/v1/calls/trigger', {
			key: SANDBOX_KEYS.buildVoiceAi.primary,
			body: { phone_number: '+15551234567' },
		});
		expect(answer.status).toBe(402);
		const dials = (await sb.control('GET', '/ledger?platform=buildvoiceai&action=call.dialed')).body
			.entries as unknown[];
		expect(dials).toHaveLength(0);
	});

	it('not-http: the call is placed, then the answer is bytes that are not HTTP', async () => {
		await inject({ platform: 'buildvoiceai', kind: 'not-http', times: 1 });
		const { port } = new URL(sb.url);
		const raw = await new Promise<string>((resolve, reject) => {
			const socket = createConnection(Number(port), '127.0.0.1', () => {
				const body = JSON.stringify({ phone_number: '+15551234567' });
				socket.write(
					`POST /buildvoiceai/api/v1/calls/trigger HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${SANDBOX_KEYS.buildVoiceAi.primary}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
				);
			});
			let text = '';
			socket.on('data', (chunk) => (text += chunk.toString()));
			socket.on('close', () => resolve(text));
			socket.on('error', reject);
		});
		expect(raw.startsWith('SSH-2.0-')).toBe(true);
		const dials = (await sb.control('GET', '/ledger?platform=buildvoiceai&action=call.dialed')).body
			.entries as unknown[];
		expect(dials).toHaveLength(1);
	});

	it('cursor-loop: a next page points back at the cursor it was asked with', async () => {
		await sb.control('POST', '/seed', { platform: 'aitelier', resource: 'sessions', count: 150 });
		const first = await sb.call('GET', '/aitelier/v1/sessions?limit=50', { key });
		const cursor = String(first.body.pagination.next_cursor);
		await inject({ platform: 'aitelier', kind: 'cursor-loop', method: 'GET' });
		const second = await sb.call(
			'GET',
			`/aitelier/v1/sessions?limit=50&cursor=${encodeURIComponent(cursor)}`,
			{ key },
		);
		expect(second.body.pagination.next_cursor).toBe(cursor);
	});
});
