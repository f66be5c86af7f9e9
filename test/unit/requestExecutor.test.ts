import type {
	DeclarativeRestApiSettings,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { PlatformApiError, UnsuccessfulAnswerError } from '../../nodes/shared/platformError';
import {
	checkResponse,
	defaultRetryPolicy,
	isRepeatable,
	type RetryPolicy,
	sendWithRetries,
} from '../../nodes/shared/request/executor';
import { recordingSleep, scriptedContext, testNode } from './fakeContext';

const profile = { name: 'Test Platform' };
const ok = [{ json: { id: 'call_1' } }];

function refused(status: number, retryAfterMs?: number) {
	return new PlatformApiError(
		testNode,
		{ message: `status ${status}`, httpCode: status },
		{
			platform: profile.name,
			retryAfterMs,
		},
	);
}

function networkError(code: string) {
	// As n8n-core wraps a failed request: NodeApiError(node, axiosError), the cause keeps the code.
	const cause = Object.assign(new Error(`socket ${code}`), { code });
	return new NodeApiError(testNode, cause as unknown as JsonObject, {});
}

function request(method: string, headers: Record<string, string> = {}) {
	return {
		options: { method, url: '/calls', headers },
		preSend: [],
		postReceive: [],
	} as unknown as DeclarativeRestApiSettings.ResultOptions;
}

function policy(overrides: Partial<RetryPolicy> = {}) {
	const recorder = recordingSleep();
	return {
		recorder,
		policy: { ...defaultRetryPolicy, sleep: recorder.sleep, random: () => 0, ...overrides },
	};
}

describe('isRepeatable', () => {
	it('treats GET and requests carrying an Idempotency-Key as safe to repeat, nothing else', () => {
		expect(isRepeatable({ method: 'GET' })).toBe(true);
		expect(isRepeatable({ method: 'POST', headers: { 'idempotency-key': 'k' } })).toBe(true);
		expect(isRepeatable({ method: 'POST' })).toBe(false);
		expect(isRepeatable({ method: 'PATCH', headers: { 'Idempotency-Key': '' } })).toBe(false);
		expect(isRepeatable({ method: 'DELETE' })).toBe(false);
	});
});

describe('sendWithRetries', () => {
	it('waits out a 429 for exactly the time the platform asked, then re-sends even a POST', async () => {
		const { context, requests } = scriptedContext([refused(429, 2000), ok]);
		const { recorder, policy: p } = policy();
		await expect(sendWithRetries(context, profile, request('POST'), p)).resolves.toEqual(ok);
		expect(requests).toHaveLength(2);
		expect(recorder.waits).toEqual([2000]);
	});

	it('a 429 saying "retry after 0" still waits a little, so the wait bound is always reached', async () => {
		const { context, requests } = scriptedContext(() => refused(429, 0));
		const { recorder, policy: p } = policy({ maxTotalWaitMs: 1000 });
		const error = await sendWithRetries(context, profile, request('GET'), p).catch((e) => e);
		expect(error).toBeInstanceOf(PlatformApiError);
		expect(recorder.waits).toEqual([250, 250, 250, 250]);
		expect(requests).toHaveLength(5);
	});

	it('backs off exponentially on 429s without Retry-After', async () => {
		const { context } = scriptedContext([refused(429), refused(429), refused(429), ok]);
		const { recorder, policy: p } = policy();
		await sendWithRetries(context, profile, request('POST'), p);
		expect(recorder.waits).toHaveLength(3);
		expect(recorder.waits[1]).toBeGreaterThan(recorder.waits[0]);
		expect(recorder.waits[2]).toBeGreaterThan(recorder.waits[1]);
	});

	it('gives up once the bounded total wait would be exceeded, keeping the platform message', async () => {
		const { context, requests } = scriptedContext(() => refused(429, 40_000));
		const { recorder, policy: p } = policy({ maxTotalWaitMs: 100_000 });
		const error = await sendWithRetries(context, profile, request('GET'), p).catch((e) => e);
		expect(error).toBeInstanceOf(PlatformApiError);
		expect(error.message).toContain('status 429');
		expect(error.description).toContain('still refused after 3 attempts and 80 s of waiting');
		expect(recorder.waits).toEqual([40_000, 40_000]);
		expect(requests).toHaveLength(3);
	});

	it.each([500, 502, 503, 504])('retries a GET after %i with backoff', async (status) => {
		const { context, requests } = scriptedContext([refused(status), refused(status), ok]);
		const { recorder, policy: p } = policy();
		await expect(sendWithRetries(context, profile, request('GET'), p)).resolves.toEqual(ok);
		expect(requests).toHaveLength(3);
		expect(recorder.waits).toHaveLength(2);
	});

	it('retries a POST that carries an Idempotency-Key after a 500', async () => {
		const { context, requests } = scriptedContext([refused(500), ok]);
		const { policy: p } = policy();
		await sendWithRetries(context, profile, request('POST', { 'Idempotency-Key': 'lead-1' }), p);
		expect(requests).toHaveLength(2);
		expect(requests[1].headers).toEqual({ 'Idempotency-Key': 'lead-1' });
	});

	it.each([500, 502, 503])(
		'never re-sends a POST without an Idempotency-Key after %i',
		async (status) => {
			const { context, requests } = scriptedContext([refused(status), ok]);
			const { recorder, policy: p } = policy();
			const error = await sendWithRetries(context, profile, request('POST'), p).catch((e) => e);
			expect(requests).toHaveLength(1);
			expect(recorder.waits).toEqual([]);
			expect(error.message).toBe(
				`Test Platform: outcome unknown — check before retrying (HTTP ${status}: status ${status})`,
			);
			expect(error.httpCode).toBe(String(status));
		},
	);

	it.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED'])(
		'never re-sends a POST after %i, whose fate is unknown',
		async (code) => {
			const { context, requests } = scriptedContext([networkError(code), ok]);
			const { policy: p } = policy();
			const error = await sendWithRetries(context, profile, request('POST'), p).catch((e) => e);
			expect(requests).toHaveLength(1);
			expect(error.message).toBe(
				`Test Platform: outcome unknown — check before retrying (${code})`,
			);
		},
	);

	it('says what to look for before retrying: the number dialled and when it was sent', async () => {
		const { context } = scriptedContext([networkError('ETIMEDOUT')]);
		const { policy: p } = policy({ now: () => Date.UTC(2026, 11, 1, 9, 30, 5) });
		const call = request('POST');
		call.options.body = { to_number: '+15551230001', agent_id: 'agent_3637c49e9834' };
		const error = await sendWithRetries(context, profile, call, p).catch((e) => e);
		expect(error.description).toContain(
			'look the call up on the platform (to +15551230001, sent 2026-12-01T09:30:05Z) before retrying',
		);
	});

	it('re-sends a POST refused at connect time: it never reached the server', async () => {
		const { context, requests } = scriptedContext([networkError('ECONNREFUSED'), ok]);
		const { policy: p } = policy();
		await expect(sendWithRetries(context, profile, request('POST'), p)).resolves.toEqual(ok);
		expect(requests).toHaveLength(2);
	});

	it('retries resets and timeouts on a GET, up to the transient retry bound', async () => {
		const { context, requests } = scriptedContext(() => networkError('ECONNRESET'));
		const { policy: p } = policy({ maxTransientRetries: 2 });
		const error = await sendWithRetries(context, profile, request('GET'), p).catch((e) => e);
		expect(requests).toHaveLength(3);
		expect(error.description).toContain('still refused after 3 attempts');
	});

	it.each([400, 401, 403, 404, 409, 422])('does not retry a %i', async (status) => {
		const { context, requests } = scriptedContext([refused(status), ok]);
		const { policy: p } = policy();
		const error = await sendWithRetries(context, profile, request('GET'), p).catch((e) => e);
		expect(requests).toHaveLength(1);
		expect(error).toBeInstanceOf(PlatformApiError);
	});
});

/** Issue 15 (point 7): a 2xx is a success only when its body says so and is JSON. */
describe('answers that are 2xx but not successes', () => {
	const check = (body: unknown, statusCode = 200) =>
		checkResponse(profile).call(
			{ getNode: () => testNode, getItemIndex: () => 0 } as unknown as IExecuteSingleFunctions,
			[{ json: {} }],
			{ statusCode, body, headers: {} } as IN8nHttpFullResponse,
		);

	it('success: false with status 200 is an error in the platform’s words', async () => {
		await expect(check({ success: false, error: 'No default agent' })).rejects.toThrow(
			'Test Platform: No default agent',
		);
		await expect(check({ success: false, message: 'Quota exceeded' })).rejects.toThrow(
			'Test Platform: Quota exceeded',
		);
	});

	it('a body n8n could not parse as JSON (handed over as text) is an error, an HTML page named', async () => {
		await expect(check('<!DOCTYPE html><html><title>Sign in</title></html>')).rejects.toThrow(
			'Test Platform: The answer is an HTML page, not JSON',
		);
		await expect(check('OK')).rejects.toThrow('Test Platform: The answer is not JSON: "OK"');
	});

	it('JSON successes, envelopes without `success`, and empty answers pass', async () => {
		await expect(check({ success: true, data: [] })).resolves.toEqual([{ json: {} }]);
		await expect(check({ id: 'x' })).resolves.toEqual([{ json: {} }]);
		await expect(check('', 204)).resolves.toEqual([{ json: {} }]);
	});

	const unsuccessful = () =>
		new UnsuccessfulAnswerError(
			testNode,
			{ message: 'No default agent', httpCode: 200 },
			{ platform: profile.name, problem: 'success: false' },
		);

	it('on a request that may have acted (POST, no key) it is outcome unknown, never re-sent', async () => {
		const { context, requests } = scriptedContext([unsuccessful(), ok]);
		const { recorder, policy: p } = policy();
		const error = await sendWithRetries(context, profile, request('POST'), p).catch((e) => e);
		expect(requests).toHaveLength(1);
		expect(recorder.waits).toEqual([]);
		expect(error.message).toBe(
			'Test Platform: outcome unknown — check before retrying (HTTP 200 with success: false: No default agent)',
		);
	});

	it.each([
		['GET', {}],
		['POST', { 'Idempotency-Key': 'lead-1' }],
	])('on a repeatable request (%s) it is a plain failure, not re-sent', async (method, headers) => {
		const { context, requests } = scriptedContext([unsuccessful(), ok]);
		const { policy: p } = policy();
		const error = await sendWithRetries(context, profile, request(method, headers), p).catch(
			(e) => e,
		);
		expect(requests).toHaveLength(1);
		expect(error.message).toBe('Test Platform: No default agent');
	});
});
