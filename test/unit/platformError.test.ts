import { parsePlatformError, PlatformApiError } from '../../nodes/shared/platformError';
import { testNode } from './fakeContext';

describe('parsePlatformError', () => {
	it('reads the Aitelier envelope: message, code, field and request id', () => {
		const details = parsePlatformError(400, {
			error: {
				code: 'invalid_argument',
				message: 'phone must be a valid E.164 number',
				field: 'phone',
				request_id: 'req_2c4f8a',
			},
		});
		expect(details).toEqual({
			message: 'phone must be a valid E.164 number',
			code: 'invalid_argument',
			field: 'phone',
			requestId: 'req_2c4f8a',
			httpCode: 400,
		});
	});

	it('reads the BuildVoiceAI envelope, with the request id from the header', () => {
		const details = parsePlatformError(
			401,
			{ success: false, error: 'Invalid API key' },
			{
				'X-Request-Id': 'req_abc',
			},
		);
		expect(details).toEqual({
			message: 'Invalid API key',
			code: undefined,
			field: undefined,
			requestId: 'req_abc',
			httpCode: 401,
		});
	});

	it('reads the Butter envelope with a nested error object', () => {
		const details = parsePlatformError(400, {
			success: false,
			error: { code: 'VALIDATION_ERROR', message: 'limit must be at most 100', field: 'limit' },
		});
		expect(details.message).toBe('limit must be at most 100');
		expect(details.field).toBe('limit');
		expect(details.code).toBe('VALIDATION_ERROR');
	});

	it('reads a top-level message and falls back to the status for unknown bodies', () => {
		expect(parsePlatformError(409, { success: false, message: 'Already exists' }).message).toBe(
			'Already exists',
		);
		expect(parsePlatformError(502, '<html>bad gateway</html>').message).toBe(
			'<html>bad gateway</html>',
		);
		expect(parsePlatformError(500, undefined).message).toBe('The service answered HTTP 500');
	});
});

describe('PlatformApiError', () => {
	it('is a NodeApiError with the platform message, field, request id, code, hint and HTTP code', () => {
		const error = new PlatformApiError(
			testNode,
			{
				message: 'scenario does not exist',
				code: 'failed_precondition',
				field: 'scenario',
				requestId: 'req_9',
				httpCode: 422,
			},
			{ platform: 'Aitelier', itemIndex: 3, hint: 'Pick an existing scenario' },
		);
		expect(error.message).toBe('Aitelier: scenario does not exist');
		expect(error.httpCode).toBe('422');
		expect(error.description).toBe(
			"Field: scenario · Code: failed_precondition · Request ID: req_9 (quote it to the platform's support) · Pick an existing scenario",
		);
		expect(error.context.itemIndex).toBe(3);
	});
});
