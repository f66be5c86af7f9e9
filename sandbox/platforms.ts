export type Platform = 'butter' | 'buildvoiceai' | 'aitelier';
export const PLATFORMS: Platform[] = ['butter', 'buildvoiceai', 'aitelier'];

export const PREFIXES: Record<Platform, string> = {
	butter: '/butter',
	buildvoiceai: '/buildvoiceai/api/v1',
	aitelier: '/aitelier/v1',
};

const BUTTER_CODES: Record<number, string> = {
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

const AITELIER_CODES: Record<number, string> = {
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

export interface ErrorSpec {
	status: number;
	message: string;
	code?: string;
	field?: string;
}

/** Each platform's own error envelope. */
export function errorBody(platform: Platform, error: ErrorSpec, requestId: string): unknown {
	switch (platform) {
		case 'butter':
			return {
				success: false,
				error: {
					code: error.code ?? BUTTER_CODES[error.status] ?? 'ERROR',
					message: error.message,
					...(error.field ? { field: error.field } : {}),
				},
			};
		case 'buildvoiceai':
			return { success: false, error: error.message };
		case 'aitelier':
			return {
				error: {
					code: error.code ?? AITELIER_CODES[error.status] ?? 'unknown',
					message: error.message,
					field: error.field ?? null,
					request_id: requestId,
				},
			};
	}
}

export const GENERIC_MESSAGES: Record<number, string> = {
	429: 'Too many requests',
	500: 'Internal server error',
	502: 'Bad gateway',
	503: 'Service temporarily unavailable',
};
