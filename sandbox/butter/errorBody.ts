import type { ErrorSpec } from '../http';

/** The code for a status when the handler named none. */
const CODES: Record<number, string> = {
	400: 'VALIDATION_ERROR',
	401: 'UNAUTHORIZED',
	403: 'FORBIDDEN',
	404: 'NOT_FOUND',
	409: 'CONFLICT',
	429: 'RATE_LIMITED',
	500: 'INTERNAL_ERROR',
	502: 'BAD_GATEWAY',
	503: 'SERVICE_UNAVAILABLE',
};

/** Butter's error envelope: `{ success: false, error: { code, message, field? } }`. */
export function butterErrorBody(error: ErrorSpec): unknown {
	return {
		success: false,
		error: {
			code: error.code ?? CODES[error.status] ?? 'ERROR',
			message: error.message,
			...(error.field ? { field: error.field } : {}),
		},
	};
}
