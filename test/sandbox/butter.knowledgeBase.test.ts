import { stableHex } from '../../sandbox/ids';
import { type Answer, sandboxUnderTest, SANDBOX_KEYS } from './client';

const sb = sandboxUnderTest();
const key = SANDBOX_KEYS.butter.owner;
const AGENT = `agent_${stableHex('butter-agent-2')}`;
const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

interface Part {
	file?: { data: Buffer; filename: string; type: string };
	fields?: Record<string, string>;
}

/** A real multipart/form-data upload, as the node sends it. */
async function upload({ file, fields = {} }: Part): Promise<Answer> {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	if (file) form.append('file', new Blob([file.data], { type: file.type }), file.filename);
	const response = await fetch(`${sb.url}/butter/v1/knowledge-base`, {
		method: 'POST',
		headers: { authorization: `Bearer ${key}` },
		body: form,
	});
	const text = await response.text();
	return {
		status: response.status,
		headers: response.headers,
		body: text ? JSON.parse(text) : undefined,
	};
}

const pdf = { data: Buffer.from('%PDF-1.7 sandbox pricing'), filename: 'pricing.pdf', type: PDF };

beforeEach(() => sb.control('PUT', '/limits/butter', { enabled: false }));

describe('Butter knowledge base', () => {
	it('uploads a PDF: 201, documentation_id, processing, then ready', async () => {
		const answer = await upload({ file: pdf, fields: { name: 'Pricing FAQ', agent_id: AGENT } });
		expect(answer.status).toBe(201);
		const id = answer.body.data.id;
		expect(id).toMatch(/^doc_[0-9a-f]{12}$/);
		expect(answer.body).toEqual({
			success: true,
			message: 'Document created successfully',
			data: {
				id,
				documentation_id: id,
				name: 'Pricing FAQ',
				type: 'file',
				filename: 'pricing.pdf',
				content_type: PDF,
				size_bytes: pdf.data.length,
				agent_id: AGENT,
				status: 'processing',
				created_at: expect.any(String),
			},
		});
		await new Promise((resolve) => setTimeout(resolve, 200));
		const detail = await sb.call('GET', `/butter/v1/knowledge-base/${id}`, { key });
		expect(detail.body).toEqual({ success: true, data: { ...answer.body.data, status: 'ready' } });
		const { entries } = (await sb.control('GET', '/ledger?platform=butter&action=document.created'))
			.body;
		expect(entries).toEqual([
			expect.objectContaining({
				resourceId: id,
				details: {
					name: 'Pricing FAQ',
					type: 'file',
					size_bytes: pdf.data.length,
					agent_id: AGENT,
				},
			}),
		]);
	});

	it.each([
		['a DOCX by type', { data: Buffer.from('PK docx'), filename: 'policy.docx', type: DOCX }, DOCX],
		[
			'a TXT by type',
			{ data: Buffer.from('hello'), filename: 'notes', type: 'text/plain; charset=utf-8' },
			'text/plain',
		],
		[
			'a TXT by extension',
			{ data: Buffer.from('hello'), filename: 'notes.TXT', type: 'application/octet-stream' },
			'text/plain',
		],
		[
			'a PDF by extension',
			{ data: Buffer.from('%PDF'), filename: 'a.pdf', type: 'application/octet-stream' },
			PDF,
		],
	])('accepts %s', async (_label, file, contentType) => {
		const answer = await upload({ file, fields: { name: 'Doc' } });
		expect(answer.status).toBe(201);
		expect(answer.body.data).toMatchObject({
			type: 'file',
			content_type: contentType,
			filename: file.filename,
			agent_id: null,
		});
	});

	it('accepts text, as a form field or as JSON', async () => {
		const form = await upload({ fields: { name: 'Opening hours', text: 'Mon–Fri 9–5' } });
		expect(form.status).toBe(201);
		expect(form.body.data).toEqual({
			id: expect.any(String),
			documentation_id: form.body.data.id,
			name: 'Opening hours',
			type: 'text',
			size_bytes: Buffer.byteLength('Mon–Fri 9–5'),
			agent_id: null,
			status: 'processing',
			created_at: expect.any(String),
		});
		const json = await sb.call('POST', '/butter/v1/knowledge-base', {
			key,
			body: { name: 'Returns', text: '30 days', agent_id: AGENT },
		});
		expect(json.status).toBe(201);
		expect(json.body.data).toMatchObject({ type: 'text', size_bytes: 7, agent_id: AGENT });
	});

	it.each<[string, Part, string, string]>([
		[
			'neither file nor text',
			{ fields: { name: 'X' } },
			'file',
			'Provide exactly one of file or text',
		],
		[
			'both file and text',
			{ file: pdf, fields: { name: 'X', text: 'also' } },
			'file',
			'Provide exactly one of file or text',
		],
		[
			'an image',
			{
				file: { data: Buffer.from('png'), filename: 'logo.png', type: 'image/png' },
				fields: { name: 'X' },
			},
			'file',
			'Only PDF, DOCX and TXT files are supported',
		],
		[
			'an empty file',
			{
				file: { data: Buffer.alloc(0), filename: 'empty.txt', type: 'text/plain' },
				fields: { name: 'X' },
			},
			'file',
			'file is empty',
		],
		['no name', { file: pdf }, 'name', 'name is required'],
		['a blank name', { file: pdf, fields: { name: '  ' } }, 'name', 'name must not be empty'],
		[
			'a 201-character name',
			{ file: pdf, fields: { name: 'n'.repeat(201) } },
			'name',
			'name must be at most 200 characters',
		],
	])('refuses %s: 400 on %s', async (_label, part, field, message) => {
		const answer = await upload(part);
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({
			success: false,
			error: { code: 'validation_error', field, message },
		});
	});

	it('refuses a file over 50 MB', async () => {
		const big = {
			data: Buffer.alloc(50 * 1024 * 1024 + 1, 0x61),
			filename: 'big.txt',
			type: 'text/plain',
		};
		const answer = await upload({ file: big, fields: { name: 'Big' } });
		expect([answer.status, answer.body.error]).toEqual([
			400,
			{ code: 'validation_error', field: 'file', message: 'file is larger than 50 MB' },
		]);
		// 50 MB through a multipart parser: seconds on a busy two-core machine.
	}, 60_000);

	it('refuses JSON with a file field, and answers 404 for an unknown agent', async () => {
		const json = await sb.call('POST', '/butter/v1/knowledge-base', {
			key,
			body: { name: 'X', file: 'JVBERi0=' },
		});
		expect([json.status, json.body.error.field]).toEqual([400, 'file']);
		const agent = await upload({
			file: pdf,
			fields: { name: 'X', agent_id: 'agent_000000000000' },
		});
		expect([agent.status, agent.body.error]).toEqual([
			404,
			{ code: 'not_found', message: 'Agent agent_000000000000 not found' },
		]);
	});

	it('lists with filters and a cursor, and deletes', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 3; i++)
			ids.push(
				(await upload({ file: pdf, fields: { name: `F${i}`, agent_id: AGENT } })).body.data.id,
			);
		ids.push((await upload({ fields: { name: 'T', text: 'x' } })).body.data.id);
		const page = await sb.call('GET', '/butter/v1/knowledge-base?limit=3', { key });
		expect(page.body.pagination).toEqual({
			next_cursor: expect.any(String),
			has_more: true,
			page_size: 3,
			total_count: 4,
		});
		const rest = await sb.call(
			'GET',
			`/butter/v1/knowledge-base?limit=3&cursor=${encodeURIComponent(page.body.pagination.next_cursor)}`,
			{ key },
		);
		expect(
			new Set([...page.body.data, ...rest.body.data].map((d: { id: string }) => d.id)),
		).toEqual(new Set(ids));
		const files = await sb.call('GET', `/butter/v1/knowledge-base?type=file&agent_id=${AGENT}`, {
			key,
		});
		expect(files.body.pagination.total_count).toBe(3);
		expect(
			(await sb.call('GET', '/butter/v1/knowledge-base?type=text', { key })).body.data.map(
				(d: { id: string }) => d.id,
			),
		).toEqual([ids[3]]);
		expect(
			(await sb.call('GET', '/butter/v1/knowledge-base?type=video', { key })).body.error.field,
		).toBe('type');

		const deleted = await sb.call('DELETE', `/butter/v1/knowledge-base/${ids[0]}`, { key });
		expect(deleted.body).toEqual({
			success: true,
			message: 'Document deleted successfully',
			data: { id: ids[0], deleted: true },
		});
		const gone = await sb.call('GET', `/butter/v1/knowledge-base/${ids[0]}`, { key });
		expect([gone.status, gone.body.error]).toEqual([
			404,
			{ code: 'not_found', message: `Document ${ids[0]} not found` },
		]);
		expect((await sb.call('DELETE', `/butter/v1/knowledge-base/${ids[0]}`, { key })).status).toBe(
			404,
		);
		const { entries } = (await sb.control('GET', '/ledger?platform=butter&action=document.deleted'))
			.body;
		expect(entries.map((e: { resourceId: string }) => e.resourceId)).toEqual([ids[0]]);
	});
});
