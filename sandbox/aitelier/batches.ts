import type { Route } from '../http';
import { AITELIER_SCENARIOS } from '../keys';
import type { MultipartBody, UploadedFile } from '../multipart';
import type { SandboxState } from '../state';
import { E164 } from '../validation';
import { batchView } from './batchRecord';
import { runBatch } from './batchRunner';
import { invalid, iso, isObject, notFound, parseIsoMoment, precondition } from './common';
import { parseCsv } from './csv';
import type { AitelierBatch, BatchRow } from './model';
import { cursorPage } from './pagination';

export const MAX_BATCH_ROWS = 10_000;

const textField = (body: Partial<MultipartBody>, name: string) => {
	const value = body[name];
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/**
 * The rows of an uploaded CSV. The file as a whole must be readable (header with a phone column,
 * 1–10,000 rows); a row with a bad phone or scenario is kept, as a failed row with its error.
 */
function csvRows(file: UploadedFile, defaultScenario: string | undefined): BatchRow[] {
	const parsed = parseCsv(file.data.toString('utf8'));
	if ('error' in parsed) throw invalid('file', parsed.error);
	const [header, ...records] = parsed.records.filter((record) =>
		record.some((cell) => cell.trim() !== ''),
	);
	if (!header) throw invalid('file', 'CSV needs a header row');
	const columns = header.map((name) => name.trim());
	const phoneAt = columns.findIndex((name) => name.toLowerCase() === 'phone');
	if (phoneAt < 0) throw invalid('file', 'CSV needs a phone column');
	const scenarioAt = columns.findIndex((name) => name.toLowerCase() === 'scenario');
	if (records.length === 0) throw invalid('file', 'CSV has no rows under its header');
	if (records.length > MAX_BATCH_ROWS)
		throw invalid(
			'file',
			`CSV has ${records.length} rows; a batch holds at most ${MAX_BATCH_ROWS}`,
		);

	return records.map((cells, index) => {
		const phone = (cells[phoneAt] ?? '').trim();
		const scenario = (scenarioAt >= 0 ? cells[scenarioAt]?.trim() : '') || defaultScenario || null;
		const metadata: Record<string, unknown> = {};
		columns.forEach((name, at) => {
			if (at === phoneAt || at === scenarioAt || name === '' || (cells[at] ?? '') === '') return;
			// `metadata.phone` lets a metadata key share a name with a reserved column.
			metadata[name.startsWith('metadata.') ? name.slice('metadata.'.length) : name] = cells[at];
		});
		const error = !E164.test(phone)
			? 'invalid_phone'
			: !scenario
				? 'missing_scenario'
				: !AITELIER_SCENARIOS.includes(scenario)
					? 'unknown_scenario'
					: null;
		return {
			row: index + 1,
			phone,
			scenario,
			metadata,
			status: error ? 'failed' : 'queued',
			call_id: null,
			session_id: null,
			goal_achieved: null,
			error,
		};
	});
}

function batchOf(state: SandboxState, id: string): AitelierBatch {
	const batch = state.aitelier.batches.get(id);
	if (!batch) throw notFound('batch', id);
	return batch;
}

export const batchRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/batches',
		scope: 'outbound:trigger',
		idempotent: true,
		requireIdempotencyKey: true,
		handler: ({ state, body, now, caller }) => {
			const form: Partial<MultipartBody> = isObject(body) ? (body as Partial<MultipartBody>) : {};
			const file = form.files?.file;
			if (!file)
				throw invalid(
					'file',
					'file is required: upload the CSV as multipart/form-data field "file"',
				);
			const scheduled = textField(form, 'scheduled_for');
			const scheduledAt = scheduled === undefined ? undefined : parseIsoMoment(scheduled);
			if (scheduled !== undefined && (scheduledAt === undefined || !scheduled.includes('T'))) {
				throw invalid('scheduled_for', 'scheduled_for must be an ISO-8601 date-time');
			}
			const scenario = textField(form, 'scenario');
			if (scenario && !AITELIER_SCENARIOS.includes(scenario))
				throw precondition('scenario does not exist', 'scenario');
			const name = textField(form, 'name') ?? (file.filename.replace(/\.[^.]*$/, '') || 'batch');
			if (name.length > 200) throw invalid('name', 'name must be at most 200 characters');
			const rows = csvRows(file, scenario);

			const batch: AitelierBatch = {
				id: state.ids.hex('batch_'),
				name,
				status: 'processing',
				scenario: scenario ?? null,
				scheduled_for: scheduledAt === undefined ? null : iso(scheduledAt),
				rows,
				created_at: iso(now),
				started_at: null,
				completed_at: null,
			};
			state.aitelier.batches.set(batch.id, batch);
			state.ledger.record(
				{
					platform: 'aitelier',
					action: 'batch.created',
					resourceId: batch.id,
					details: {
						name,
						totalRows: rows.length,
						failedAtUpload: rows.filter((row) => row.error).length,
						idempotencyKey: caller.idempotencyKey,
					},
				},
				now,
			);
			const answer = batchView(state, batch);
			runBatch(state, batch);
			return { status: 201, body: answer };
		},
	},
	{
		method: 'GET',
		pattern: '/batches/:id',
		scope: 'sessions:read',
		handler: ({ state, params }) => ({
			status: 200,
			body: batchView(state, batchOf(state, params.id)),
		}),
	},
	{
		method: 'GET',
		pattern: '/batches/:id/rows',
		scope: 'sessions:read',
		handler: ({ state, params, query }) => {
			const batch = batchOf(state, params.id);
			return cursorPage(batch.rows, query, {
				list: `batch-rows:${batch.id}`,
				key: (row) => String(row.row).padStart(6, '0'),
				order: 'asc',
			});
		},
	},
];
