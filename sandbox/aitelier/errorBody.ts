import type { ErrorSpec } from '../http';

/** The code for a status when the handler named none. */
const CODES: Record<number, string> = {
	400: 'invalid_argument',
	401: 'unauthenticated',
	403: 'permission_denied',
	404: 'not_found',
	409: 'idempotency_conflict',
	422: 'failed_precondition',
	429: 'rate_limited',
	500: 'internal',
	502: 'unavailable',
	503: 'unavailable',
};

/** Aitelier's error envelope, which always names the field (or null) and the request id. */
export function aitelierErrorBody(error: ErrorSpec, requestId: string): unknown {
	return {
		error: {
			code: error.code ?? CODES[error.status] ?? 'unknown',
			message: error.message,
			field: error.field ?? null,
			request_id: requestId,
		},
	};
}
