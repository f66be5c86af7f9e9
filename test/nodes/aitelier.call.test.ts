import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/runNode';
import {
	type LedgerEntry,
	listOf,
	type LoggedRequest,
	SANDBOX_KEYS,
	useSandbox,
} from '../harness/sandbox';

const sandbox = useSandbox();

const trigger = (parameters: INodeParameters = {}, apiKey?: string, executionId?: string) =>
	runNode({
		node: 'aitelier',
		parameters: {
			resource: 'call',
			operation: 'trigger',
			scenario: 'scn_outbound_demo0001',
			phone: '+15551230001',
			...parameters,
		},
		credentials: {
			aitelierApi: { ...sandbox.credentials.aitelierApi(), ...(apiKey ? { apiKey } : {}) },
		},
		executionId,
	});

const callRequests = async () =>
	listOf<LoggedRequest>(
		await sandbox.control('GET', '/_sandbox/requests?platform=aitelier'),
		'requests',
	);
const dialled = async () =>
	listOf<LedgerEntry>(
		await sandbox.control('GET', '/_sandbox/ledger?platform=aitelier'),
		'entries',
	).filter((e) => e.action === 'call.dialed');
const idempotencyKey = (r: LoggedRequest) => r.headers['idempotency-key'];

describe('Aitelier → Call → Trigger', () => {
	it('sends the body with an Idempotency-Key and outputs the queued call', async () => {
		const { items, error } = await trigger({
			additionalFields: { metadata: '{"lead":"L-7"}', scheduledFor: '2026-05-13T18:42:30Z' },
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			status: 'queued',
			phone: '+15551230001',
			metadata: { lead: 'L-7' },
		});
		expect(String(items[0].json.id)).toMatch(/^call_/);
		const [sent] = await callRequests();
		expect(sent.body).toEqual({
			scenario: 'scn_outbound_demo0001',
			phone: '+15551230001',
			metadata: { lead: 'L-7' },
			scheduled_for: '2026-05-13T18:42:30Z',
		});
		expect(idempotencyKey(sent)).toMatch(/^n8n-[0-9a-f]{40}$/);
	});

	it('when the first attempt hits a 500 after acting, the retry replays: dialled exactly once', async () => {
		await sandbox.control('POST', '/_sandbox/faults', {
			platform: 'aitelier',
			kind: '500-after-acting',
			times: 1,
		});
		const { items, error } = await trigger();
		expect(error).toBeUndefined();
		const requests = await callRequests();
		expect(requests.map((r) => r.status)).toEqual([500, 201]);
		expect(idempotencyKey(requests[1])).toBe(idempotencyKey(requests[0]));
		const calls = await dialled();
		expect(calls).toHaveLength(1);
		expect(items[0].json.id).toBe(calls[0].resourceId);
	});

	it('the default key is the request’s: a Retry Execution or a re-run places nothing twice', async () => {
		// n8n's "Retry execution" is a new execution with the same items.
		const first = await trigger({}, undefined, 'exec-A');
		const retried = await trigger({}, undefined, 'exec-B');
		expect(retried.items[0].json.id).toBe(first.items[0].json.id);
		const other = await trigger({ phone: '+15551230002' }, undefined, 'exec-B');
		const keys = (await callRequests()).map(idempotencyKey);
		expect(keys[1]).toBe(keys[0]);
		expect(keys[2]).not.toBe(keys[0]);
		expect(other.items[0].json.id).not.toBe(first.items[0].json.id);
		expect(await dialled()).toHaveLength(2);
	});

	it('a key set per execution sends an identical call again on purpose', async () => {
		const perRun = { options: { idempotencyKey: '={{ $execution.id }}-{{ $itemIndex }}' } };
		await trigger(perRun, undefined, 'exec-A');
		await trigger(perRun, undefined, 'exec-B');
		expect(await dialled()).toHaveLength(2);
	});

	it('a user-set key dedupes across executions; reusing it for a different call is a clear 409', async () => {
		await trigger({ options: { idempotencyKey: 'lead-42' } }, undefined, 'exec-1');
		await trigger({ options: { idempotencyKey: 'lead-42' } }, undefined, 'exec-2');
		expect(await dialled()).toHaveLength(1);
		const { error } = await trigger({
			phone: '+15551239999',
			options: { idempotencyKey: 'lead-42' },
		});
		expect((error as { httpCode?: string }).httpCode).toBe('409');
		expect((error as { description?: string }).description).toContain('Field: Idempotency-Key');
	});

	it('a key without the outbound:trigger scope gets a 403 that names the scope', async () => {
		const { error } = await trigger({}, SANDBOX_KEYS.aitelier.readOnly);
		expect(error?.message).toBe(
			'Aitelier: This API key lacks the required scope: outbound:trigger',
		);
		expect((error as { httpCode?: string }).httpCode).toBe('403');
	});

	it('an unknown scenario is the platform’s 422 with field and request id', async () => {
		const { error } = await trigger({ scenario: 'scn_missing' });
		expect(error?.message).toBe('Aitelier: scenario does not exist');
		expect((error as { description?: string }).description).toMatch(
			/Field: scenario · Code: failed_precondition · Request ID: req_/,
		);
	});

	it('bad phone and bad scheduled_for fail before any request', async () => {
		expect((await trigger({ phone: '+1 555' })).error?.message).toBe(
			'Phone "+1 555" is not an E.164 phone number (item 1)',
		);
		expect(
			(await trigger({ additionalFields: { scheduledFor: 'next tuesday' } })).error?.message,
		).toBe('Scheduled For "next tuesday" is not an ISO-8601 time (item 1)');
		expect(await callRequests()).toEqual([]);
	});
});

describe('Aitelier options', () => {
	it('sends the X-AVP-API-Version preview header only when set, without leaking into later runs', async () => {
		await trigger({ options: { apiVersion: 'v1.preview-2026-05-13' } }, undefined, 'exec-v1');
		await trigger({}, undefined, 'exec-v2');
		const [withVersion, without] = await callRequests();
		expect(withVersion.headers['x-avp-api-version']).toBe('v1.preview-2026-05-13');
		expect(without.headers['x-avp-api-version']).toBeUndefined();
	});
});
