import { z } from 'zod';

import type { Route } from '../http';
import type { UploadedFile } from '../multipart';
import type { SandboxState } from '../state';
import { findAgent } from './agents';
import {
	action,
	invalid,
	iso,
	isObject,
	notFound,
	parseWith,
	requireObject,
	single,
} from './common';
import type { ButterDocument } from './model';
import { butterList } from './pagination';

export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;
/** Indexing is asynchronous at Butter; the sandbox takes this long. */
export const INDEXING_MS = 100;

const TYPES_BY_EXTENSION: Record<string, string> = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	txt: 'text/plain',
};
const SUPPORTED_TYPES = new Set(Object.values(TYPES_BY_EXTENSION));

const fields = z.object({
	name: z.string().trim().min(1).max(200),
	text: z.string().optional(),
	agent_id: z.string().optional(),
});

const listFilters = z.object({
	agent_id: z.string().optional(),
	type: z.enum(['file', 'text']).optional(),
});

export function findDocument(state: SandboxState, id: string): ButterDocument {
	const document = state.butter.documents.find((d) => d.id === id);
	if (!document) throw notFound('Document', id);
	return document;
}

const view = (document: ButterDocument) => ({ ...document, documentation_id: document.id });

/** A supported file by its declared type, or failing that (generic types) by its extension. */
function fileType(file: UploadedFile): string | undefined {
	const declared = file.contentType.split(';')[0].trim().toLowerCase();
	if (SUPPORTED_TYPES.has(declared)) return declared;
	return TYPES_BY_EXTENSION[file.filename.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? ''];
}

/** Multipart (file or text) or JSON (text only); both arrive as an object of fields. */
function readUpload(body: unknown): { input: Record<string, unknown>; file?: UploadedFile } {
	const input = requireObject(body);
	const files = isObject(input.files) ? (input.files as Record<string, UploadedFile>) : {};
	const rest = Object.fromEntries(Object.entries(input).filter(([field]) => field !== 'files'));
	if ('file' in rest) throw invalid('file', 'file must be sent as a multipart/form-data file part');
	return { input: rest, file: files.file };
}

export const knowledgeBaseRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/v1/knowledge-base',
		handler: ({ state, body, now }) => {
			const { input, file } = readUpload(body);
			const { name, text, agent_id } = parseWith(fields, input);
			const hasText = text !== undefined && text !== '';
			if (Boolean(file) === hasText) throw invalid('file', 'Provide exactly one of file or text');
			let upload: Pick<ButterDocument, 'filename' | 'content_type' | 'size_bytes'>;
			if (file) {
				const type = fileType(file);
				if (!type) throw invalid('file', 'Only PDF, DOCX and TXT files are supported');
				if (file.data.length > MAX_DOCUMENT_BYTES)
					throw invalid('file', 'file is larger than 50 MB');
				if (file.data.length === 0) throw invalid('file', 'file is empty');
				upload = { filename: file.filename, content_type: type, size_bytes: file.data.length };
			} else {
				upload = { size_bytes: Buffer.byteLength(text!, 'utf8') };
			}
			const agentId = agent_id ? findAgent(state, agent_id).id : null;
			const document: ButterDocument = {
				id: state.ids.hex('doc_'),
				name,
				type: file ? 'file' : 'text',
				...upload,
				agent_id: agentId,
				status: 'processing',
				created_at: iso(now),
			};
			state.butter.documents.push(document);
			const organisation = state.butter;
			state.scheduler.after(INDEXING_MS, () => {
				if (state.butter === organisation) document.status = 'ready';
			});
			state.ledger.record(
				{
					platform: 'butter',
					action: 'document.created',
					resourceId: document.id,
					details: {
						name,
						type: document.type,
						size_bytes: document.size_bytes,
						agent_id: agentId,
					},
				},
				now,
			);
			return action(201, 'Document created successfully', view(document));
		},
	},
	{
		method: 'GET',
		pattern: '/v1/knowledge-base',
		handler: ({ state, query }) => {
			const filters = parseWith(listFilters, Object.fromEntries(query));
			const matching = state.butter.documents.filter(
				(d) =>
					(!filters.agent_id || d.agent_id === filters.agent_id) &&
					(!filters.type || d.type === filters.type),
			);
			return butterList(state, matching, query, 'knowledge-base', filters, view);
		},
	},
	{
		method: 'GET',
		pattern: '/v1/knowledge-base/:id',
		handler: ({ state, params }) => single(view(findDocument(state, params.id))),
	},
	{
		method: 'DELETE',
		pattern: '/v1/knowledge-base/:id',
		handler: ({ state, params, now }) => {
			const document = findDocument(state, params.id);
			state.butter.documents = state.butter.documents.filter((d) => d !== document);
			state.ledger.record(
				{ platform: 'butter', action: 'document.deleted', resourceId: document.id, details: {} },
				now,
			);
			return action(200, 'Document deleted successfully', { id: document.id, deleted: true });
		},
	},
];
