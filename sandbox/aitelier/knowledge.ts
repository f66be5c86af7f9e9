import { z } from 'zod';

import type { Route } from '../http';
import type { MultipartBody } from '../multipart';
import { invalid, iso, isHttpUrl, isObject, notFound, parseBody } from './common';
import type { Crawl, KnowledgeFile } from './model';
import { cursorPage } from './pagination';

export const MAX_KNOWLEDGE_FILE_BYTES = 20 * 1024 * 1024;
/** Indexing a file takes this long in the sandbox. */
export const INDEXING_MS = 100;

const TYPES: Record<string, string> = { '.pdf': 'application/pdf', '.txt': 'text/plain' };

const crawlBody = z.object({
	url: z.string().max(2000).refine(isHttpUrl, 'url must be an http or https URL'),
	max_pages: z.number().int().min(1).max(500).default(100),
});

/** PDF or plain text, by its content type or else its extension; undefined for anything else. */
function acceptedType(filename: string, contentType: string): string | undefined {
	const type = contentType.split(';')[0].trim().toLowerCase();
	if (Object.values(TYPES).includes(type)) return type;
	return TYPES[filename.toLowerCase().match(/\.[^.]+$/)?.[0] ?? ''];
}

export const knowledgeRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/knowledge/crawl',
		scope: 'knowledge:manage',
		idempotent: true,
		handler: ({ state, body, now }) => {
			const input = parseBody(crawlBody, body);
			const crawl: Crawl = {
				id: state.ids.hex('crawl_'),
				url: input.url,
				max_pages: input.max_pages,
				status: 'queued',
				created_at: iso(now),
			};
			state.aitelier.crawls.set(crawl.id, crawl);
			state.ledger.record(
				{
					platform: 'aitelier',
					action: 'knowledge.crawl.queued',
					resourceId: crawl.id,
					details: { url: crawl.url, maxPages: crawl.max_pages },
				},
				now,
			);
			return { status: 202, body: crawl };
		},
	},
	{
		method: 'POST',
		pattern: '/knowledge/files',
		scope: 'knowledge:manage',
		idempotent: true,
		handler: ({ state, body, now }) => {
			const file = isObject(body) ? (body as Partial<MultipartBody>).files?.file : undefined;
			if (!file)
				throw invalid('file', 'file is required: upload it as multipart/form-data field "file"');
			const contentType = acceptedType(file.filename, file.contentType);
			if (!contentType)
				throw invalid('file', `file must be a PDF or plain-text file, not ${file.contentType}`);
			if (file.data.length === 0) throw invalid('file', 'file is empty');
			if (file.data.length > MAX_KNOWLEDGE_FILE_BYTES)
				throw invalid('file', 'file is larger than 20 MB');
			const world = state.aitelier;
			const record: KnowledgeFile = {
				id: state.ids.hex('kf_'),
				filename: file.filename,
				content_type: contentType,
				size_bytes: file.data.length,
				status: 'indexing',
				created_at: iso(now),
			};
			world.knowledgeFiles.set(record.id, record);
			state.ledger.record(
				{
					platform: 'aitelier',
					action: 'knowledge.file.uploaded',
					resourceId: record.id,
					details: { filename: record.filename, sizeBytes: record.size_bytes },
				},
				now,
			);
			const answer = { ...record };
			state.scheduler.after(INDEXING_MS, () => {
				if (state.aitelier === world) record.status = 'ready';
			});
			return { status: 201, body: answer };
		},
	},
	{
		method: 'GET',
		pattern: '/knowledge/files',
		scope: 'knowledge:manage',
		handler: ({ state, query }) =>
			cursorPage([...state.aitelier.knowledgeFiles.values()], query, { list: 'knowledge-files' }),
	},
	{
		method: 'DELETE',
		pattern: '/knowledge/files/:id',
		scope: 'knowledge:manage',
		idempotent: true,
		handler: ({ state, params, now }) => {
			const file = state.aitelier.knowledgeFiles.get(params.id);
			if (!file) throw notFound('knowledge file', params.id);
			state.aitelier.knowledgeFiles.delete(file.id);
			state.ledger.record(
				{
					platform: 'aitelier',
					action: 'knowledge.file.deleted',
					resourceId: file.id,
					details: { filename: file.filename },
				},
				now,
			);
			return { status: 200, body: { id: file.id, deleted: true } };
		},
	},
];
