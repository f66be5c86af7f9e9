import { z } from 'zod';

import { fail, type Reply } from '../http';

/** Butter's error codes as the contract names them (the envelope is built in errorBody.ts). */
export const invalid = (field: string, message: string) =>
	fail(400, message, { code: 'validation_error', field });
export const notFound = (resource: string, id: string) =>
	fail(404, `${resource} ${id} not found`, { code: 'not_found' });
export const forbidden = (message: string) => fail(403, message, { code: 'forbidden' });
export const conflict = (message: string) => fail(409, message, { code: 'conflict' });
export const voiceOnly = (message: string) => fail(400, message, { code: 'text_agent_voice_only' });

export const single = (data: unknown): Reply => ({ status: 200, body: { success: true, data } });
export const action = (status: number, message: string, data: unknown): Reply => ({
	status,
	body: { success: true, message, data },
});

export const iso = (ms: number) => new Date(ms).toISOString();

export const isHttpUrl = (value: string) => {
	try {
		return ['http:', 'https:'].includes(new URL(value).protocol);
	} catch {
		return false;
	}
};
export const httpUrl = z.string().max(500).refine(isHttpUrl, 'must be an http or https URL');

const describe = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** Messages that read after the field name: "name must not be empty". */
const errorMap: z.ZodErrorMap = (issue, ctx) => {
	switch (issue.code) {
		case 'invalid_type':
			return {
				message:
					issue.received === 'undefined' ? 'is required' : `must be ${describe(issue.expected)}`,
			};
		case 'too_small':
			if (issue.type === 'string') {
				return {
					message:
						issue.minimum === 1
							? 'must not be empty'
							: `must be at least ${issue.minimum} characters`,
				};
			}
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
		case 'invalid_literal':
			return { message: `must be ${JSON.stringify(issue.expected)}` };
		case 'invalid_string':
			return { message: 'has an invalid format' };
		default:
			return { message: ctx.defaultError };
	}
};

export const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);

export function requireObject(body: unknown): Record<string, unknown> {
	if (!isObject(body)) throw invalid('body', 'Request body must be a JSON object');
	return body;
}

/**
 * Parses a body (or query) with a schema; the first problem becomes a validation_error naming
 * the field. Fields under `nested` (e.g. credentials) are named down to their child.
 */
export function parseWith<T extends z.ZodTypeAny>(
	schema: T,
	input: unknown,
	nested: string[] = [],
): z.output<T> {
	const parsed = schema.safeParse(input, { errorMap });
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	const path = issue.path.map(String);
	const field =
		nested.includes(path[0]) && path.length > 1 ? path.slice(0, 2).join('.') : (path[0] ?? 'body');
	throw invalid(field, `${field} ${issue.message}`);
}

/** True for a field the caller left out or left blank. */
export const isBlank = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
