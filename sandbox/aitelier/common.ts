import { z } from 'zod';

import { fail } from '../http';
import { stableHex } from '../ids';

/** Aitelier's error codes (the envelope itself is built in errorBody.ts). */
export const invalid = (field: string, message: string) =>
	fail(400, message, { code: 'invalid_argument', field });
export const notFound = (resource: string, id: string) =>
	fail(404, `${resource} ${id} does not exist`, { code: 'not_found', field: 'id' });
export const precondition = (message: string, field?: string) =>
	fail(422, message, { code: 'failed_precondition', field });
export const denied = (message: string) => fail(403, message, { code: 'permission_denied' });

export const iso = (ms: number) => new Date(ms).toISOString();
export const money = (amount: number) => ({
	amount: Math.round(amount * 100) / 100,
	currency: 'EUR',
});

/** A stable number in [0, range) from a seed, for varied but repeatable sandbox data. */
export const spread = (seed: string, range: number) => parseInt(stableHex(seed, 8), 16) % range;

export const isHttpUrl = (value: unknown) => {
	if (typeof value !== 'string') return false;
	try {
		return ['http:', 'https:'].includes(new URL(value).protocol);
	} catch {
		return false;
	}
};

export const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);

/** Messages that read after the field name: "url must be an http or https URL". */
const errorMap: z.ZodErrorMap = (issue, ctx) => {
	switch (issue.code) {
		case 'invalid_type':
			return {
				message:
					issue.received === 'undefined'
						? 'is required'
						: `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`,
			};
		case 'too_small':
			if (issue.type === 'array') return { message: 'must not be empty' };
			if (issue.type === 'string') return { message: 'must not be empty' };
			return { message: `must be at least ${issue.minimum}` };
		case 'too_big':
			return {
				message:
					issue.type === 'string'
						? `must be at most ${issue.maximum} characters`
						: `must be at most ${issue.maximum}`,
			};
		case 'invalid_enum_value':
			return { message: `must be one of ${issue.options.join(', ')}` };
		default:
			return { message: ctx.defaultError };
	}
};

/** A JSON body against a schema; the first problem answers 400 naming its top-level field. */
export function parseBody<T extends z.ZodTypeAny>(schema: T, body: unknown): z.output<T> {
	if (body !== undefined && !isObject(body))
		throw invalid('body', 'Request body must be a JSON object');
	const parsed = schema.safeParse(body ?? {}, { errorMap });
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	const field = String(issue.path[0] ?? 'body');
	throw invalid(
		field,
		issue.message.startsWith(field) ? issue.message : `${field} ${issue.message}`,
	);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** An ISO-8601 date (midnight UTC) or date-time with offset, as ms; undefined when not one. */
export function parseIsoMoment(value: string): number | undefined {
	if (!DATE.test(value) && !DATE_TIME.test(value)) return undefined;
	const ms = Date.parse(DATE.test(value) ? `${value}T00:00:00Z` : value);
	// Date.parse rolls 2026-02-30 over to March; a day that does not exist is refused instead.
	if (Number.isNaN(ms) || (DATE.test(value) && iso(ms).slice(0, 10) !== value)) return undefined;
	return ms;
}

/** The `since` filter: records created at or after it. */
export function sinceFilter(query: URLSearchParams): number | undefined {
	const raw = query.get('since');
	if (raw === null || raw === '') return undefined;
	const ms = parseIsoMoment(raw.trim());
	if (ms === undefined)
		throw invalid(
			'since',
			'since must be an ISO-8601 date or date-time, e.g. 2026-05-13 or 2026-05-13T18:42:30Z',
		);
	return ms;
}

export const createdSince = (since: number | undefined) => (record: { created_at: string }) =>
	since === undefined || Date.parse(record.created_at) >= since;

/** The absolute URL of a sandbox route, on the host the caller reached it by. */
export const selfUrl = (host: string | undefined, path: string) =>
	`http://${host ?? '127.0.0.1'}/aitelier/v1${path}`;
