import { type Answer, sandboxUnderTest, SANDBOX_KEYS } from './client';

/** Knowledge base, usage, wallet and invoices (with their PDFs). */
const sb = sandboxUnderTest();
const key = SANDBOX_KEYS.aitelier.full;
const readOnly = SANDBOX_KEYS.aitelier.readOnly;
const v1 = '/aitelier/v1';
const api = (method: string, path: string, body?: unknown, k: string = key) =>
	sb.call(method, `${v1}${path}`, {
		key: k,
		body,
		headers: method === 'GET' ? {} : { 'idempotency-key': `a-${Math.random()}` },
	});

async function uploadFile(
	data: Buffer | string,
	filename: string,
	type: string,
	k: string = key,
): Promise<Omit<Answer, 'headers'>> {
	const form = new FormData();
	form.append('file', new Blob([data], { type }), filename);
	const response = await fetch(`${sb.url}${v1}/knowledge/files`, {
		method: 'POST',
		headers: { authorization: `Bearer ${k}` },
		body: form,
	});
	return { status: response.status, body: await response.json() };
}

describe('Aitelier knowledge base', () => {
	it('crawl answers 202 queued with its page budget', async () => {
		const answer = await api('POST', '/knowledge/crawl', {
			url: 'https://example.com',
			max_pages: 20,
		});
		expect(answer.status).toBe(202);
		expect(answer.body).toEqual({
			id: expect.stringMatching(/^crawl_[0-9a-f]{12}$/),
			url: 'https://example.com',
			max_pages: 20,
			status: 'queued',
			created_at: expect.any(String),
		});
		expect(
			(await api('POST', '/knowledge/crawl', { url: 'http://example.org' })).body.max_pages,
		).toBe(100);
		const [entry] = (
			await sb.control('GET', '/ledger?platform=aitelier&action=knowledge.crawl.queued')
		).body.entries;
		expect(entry).toMatchObject({
			resourceId: answer.body.id,
			details: { url: 'https://example.com', maxPages: 20 },
		});
	});

	it.each([
		[{}, 'url'],
		[{ url: 'example.com' }, 'url'],
		[{ url: 'https://example.com', max_pages: 0 }, 'max_pages'],
		[{ url: 'https://example.com', max_pages: 501 }, 'max_pages'],
		[{ url: 'https://example.com', max_pages: 2.5 }, 'max_pages'],
	])('crawl refuses %j', async (body, field) => {
		const answer = await api('POST', '/knowledge/crawl', body);
		expect([answer.status, answer.body.error.code, answer.body.error.field]).toEqual([
			400,
			'invalid_argument',
			field,
		]);
	});

	it('upload → indexing, ready after 100 ms; listed; deleted', async () => {
		const upload = await uploadFile('Opening hours: 9-5', 'hours.txt', 'text/plain');
		expect(upload.status).toBe(201);
		expect(upload.body).toEqual({
			id: expect.stringMatching(/^kf_[0-9a-f]{12}$/),
			filename: 'hours.txt',
			content_type: 'text/plain',
			size_bytes: 18,
			status: 'indexing',
			created_at: expect.any(String),
		});
		const byExtension = await uploadFile(
			Buffer.from('%PDF-1.4'),
			'Guide.PDF',
			'application/octet-stream',
		);
		expect(byExtension.body).toMatchObject({ content_type: 'application/pdf', status: 'indexing' });
		await new Promise((resolve) => setTimeout(resolve, 150));
		const list = await api('GET', '/knowledge/files');
		expect(list.body.pagination.total_count).toBe(4); // two seeded
		expect(
			list.body.data.slice(0, 2).map((f: { id: string; status: string }) => [f.id, f.status]),
		).toEqual([
			[byExtension.body.id, 'ready'],
			[upload.body.id, 'ready'],
		]);
		const deleted = await api('DELETE', `/knowledge/files/${upload.body.id}`);
		expect(deleted.body).toEqual({ id: upload.body.id, deleted: true });
		expect((await api('DELETE', `/knowledge/files/${upload.body.id}`)).status).toBe(404);
		const actions = (await sb.control('GET', '/ledger?platform=aitelier')).body.entries.map(
			(e: { action: string }) => e.action,
		);
		expect(actions).toEqual([
			'knowledge.file.uploaded',
			'knowledge.file.uploaded',
			'knowledge.file.deleted',
		]);
	});

	it('refuses images, empty files, files over 20 MB, and a missing file', async () => {
		const image = await uploadFile(Buffer.from([0x89, 0x50]), 'x.png', 'image/png');
		expect([image.status, image.body.error.field, image.body.error.message]).toEqual([
			400,
			'file',
			'file must be a PDF or plain-text file, not image/png',
		]);
		expect((await uploadFile('', 'empty.txt', 'text/plain')).body.error.message).toBe(
			'file is empty',
		);
		const big = await uploadFile(Buffer.alloc(20 * 1024 * 1024 + 1, 0x61), 'big.txt', 'text/plain');
		expect([big.status, big.body.error.message]).toEqual([400, 'file is larger than 20 MB']);
		const none = await api('POST', '/knowledge/files', { name: 'x' });
		expect([none.status, none.body.error.field]).toEqual([400, 'file']);
	});

	it('every /knowledge route needs knowledge:manage', async () => {
		for (const [method, path] of [
			['POST', '/knowledge/crawl'],
			['POST', '/knowledge/files'],
			['GET', '/knowledge/files'],
			['DELETE', '/knowledge/files/kf_000000000000'],
		]) {
			const answer = await api(method, path, method === 'POST' ? {} : undefined, readOnly);
			expect([answer.status, answer.body.error.message]).toEqual([
				403,
				'This API key lacks the required scope: knowledge:manage',
			]);
		}
	});
});

describe('Aitelier usage, wallet and invoices', () => {
	it('usage of a month, computed from its sessions', async () => {
		const usage = await api('GET', '/usage?period=2026-04', undefined, readOnly);
		expect(usage.status).toBe(200);
		expect(usage.body).toEqual({
			period: '2026-04',
			minutes: expect.any(Number),
			calls: expect.any(Number),
			tool_calls: expect.any(Number),
			outcomes: {
				success: expect.any(Number),
				real_conversation: expect.any(Number),
				spam_silent: expect.any(Number),
			},
			cost: { amount: expect.any(Number), currency: 'EUR' },
		});
		const { outcomes, calls, cost, minutes, tool_calls } = usage.body;
		expect(calls).toBeGreaterThan(120);
		expect(
			outcomes.success + outcomes.real_conversation + outcomes.spam_silent,
		).toBeLessThanOrEqual(calls);
		expect(cost.amount).toBeCloseTo(
			outcomes.success * 1.2 + outcomes.real_conversation * 0.6 + outcomes.spam_silent * 0.1,
			2,
		);
		expect(minutes).toBeGreaterThan(0);
		expect(tool_calls).toBe(outcomes.success * 2 + outcomes.real_conversation);
		expect((await api('GET', '/usage?period=2025-01')).body).toMatchObject({
			calls: 0,
			minutes: 0,
			cost: { amount: 0 },
		});
	});

	it.each(['', 'period=May', 'period=2026-13', 'period=2026-5'])(
		'usage refuses "%s"',
		async (query) => {
			const answer = await api('GET', `/usage?${query}`);
			expect([answer.status, answer.body.error.code, answer.body.error.field]).toEqual([
				400,
				'invalid_argument',
				'period',
			]);
		},
	);

	it('wallet: balance and transactions', async () => {
		const wallet = await api('GET', '/wallet', undefined, readOnly);
		expect(wallet.body).toMatchObject({
			balance: { amount: 125.5, currency: 'EUR' },
			transactions: expect.any(Array),
		});
	});

	it('invoices: 14 monthly, newest first, with an absolute pdf_url', async () => {
		const first = await api('GET', '/invoices?limit=10', undefined, readOnly);
		expect(first.body.pagination).toMatchObject({ has_more: true, total_count: 14 });
		const rest = await api(
			'GET',
			`/invoices?limit=10&cursor=${encodeURIComponent(first.body.pagination.next_cursor)}`,
		);
		const invoices = [...first.body.data, ...rest.body.data];
		expect(invoices.map((i: { period: string }) => i.period)).toEqual(
			Array.from({ length: 14 }, (_, i) =>
				new Date(Date.UTC(2026, 3 - i, 1)).toISOString().slice(0, 7),
			),
		);
		expect(invoices[0]).toEqual({
			id: expect.stringMatching(/^inv_[0-9a-f]{12}$/),
			period: '2026-04',
			amount: expect.any(Number),
			currency: 'EUR',
			status: 'open',
			issued_at: '2026-05-01T06:00:00.000Z',
			pdf_url: `${sb.url}/aitelier/v1/invoices/${invoices[0].id}/pdf`,
		});
		expect(invoices.slice(1).every((i: { status: string }) => i.status === 'paid')).toBe(true);
	});

	it('the invoice PDF is a real one-page PDF: header, correct xref offsets, %%EOF', async () => {
		const [invoice] = (await api('GET', '/invoices?limit=1')).body.data;
		const response = await fetch(invoice.pdf_url, { headers: { authorization: `Bearer ${key}` } });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		const pdf = Buffer.from(await response.arrayBuffer()).toString('latin1');
		expect(pdf.startsWith('%PDF-')).toBe(true);
		expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
		expect(pdf).toContain(`(Invoice ${invoice.id})`);
		const startxref = Number(pdf.match(/startxref\n(\d+)\n%%EOF/)![1]);
		expect(pdf.slice(startxref, startxref + 4)).toBe('xref');
		const offsets = [...pdf.slice(startxref).matchAll(/^(\d{10}) 00000 n\r\n/gm)].map((m) =>
			Number(m[1]),
		);
		expect(offsets).toHaveLength(5);
		offsets.forEach((offset, i) =>
			expect(pdf.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`),
		);
		const missing = await api('GET', '/invoices/inv_000000000000/pdf');
		expect([missing.status, missing.body.error.code]).toEqual([404, 'not_found']);
	});
});
