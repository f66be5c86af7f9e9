import { z } from 'zod';

import { generateStandardWebhooksSecret } from '../nodes/shared/signatures';
import { testEventPayload } from './buildvoiceai/simulator';
import { aitelierControlRoutes } from './aitelier/control';
import { addBulkSessions } from './aitelier/data';
import { addBulkAgents } from './butter/data';
import { butterControlRoutes } from './butter/control';
import { FAULT_KINDS } from './faults';
import { matchRoute, type Reply } from './http';
import { PLATFORMS, type Platform } from './platforms';
import { resetState, type SandboxState } from './state';
import { E164 } from './validation';

const rule = z.object({ limit: z.number().int().min(0), windowMs: z.number().int().min(1) });
const limitsPatch = z
	.object({
		enabled: z.boolean().optional(),
		retryAfterFormat: z.enum(['seconds', 'http-date']).optional(),
		concurrentCalls: z.number().int().min(0).optional(),
	})
	.catchall(rule);
const faultRule = z.object({
	platform: z.enum(['butter', 'buildvoiceai', 'aitelier']).optional(),
	method: z.string().optional(),
	path: z.string().optional(),
	kind: z.enum(FAULT_KINDS),
	times: z.number().int().min(1).optional(),
	rate: z.number().min(0).max(1).optional(),
	slowMs: z.number().int().min(0).optional(),
});
const accountPatch = z.object({
	apiAccess: z.boolean().optional(),
	defaultAgentId: z.string().nullable().optional(),
	callDurationMs: z.number().int().min(0).optional(),
	startDelayMs: z.number().int().min(0).optional(),
});
const schemeName = z.enum(['standardWebhooks', 'stripe', 'hmacSha256', 'sharedSecret']);
const hmacOptions = z.object({ header: z.string(), encoding: z.enum(['hex', 'base64']), prefix: z.string().optional() });
const buildVoiceAiWebhook = z.object({
	url: z.string().url(),
	secret: z.string().min(1).optional(),
	scheme: schemeName.default('standardWebhooks'),
	hmac: hmacOptions.optional(),
	sharedSecretHeader: z.string().optional(),
	eventStyle: z.enum(['dotted', 'underscore']).default('dotted'),
});
const outcomes = z.record(z.string().regex(E164), z.enum(['completed', 'failed', 'no-answer', 'busy']));
const webhookSettings = z.object({ maxAttempts: z.number().int().min(1).max(20), baseDelayMs: z.number().int().min(0) });
const delivery = z.object({
	url: z.string().url(),
	scheme: schemeName,
	secret: z.string().min(1),
	payload: z.record(z.unknown()),
	hmac: hmacOptions.optional(),
	sharedSecretHeader: z.string().optional(),
	mutate: z.enum(['tamperBody', 'wrongSecret', 'staleTimestamp', 'dropSignature']).optional(),
});

// Large lists for benchmarks; reset drops them again.
const bulkSeed = z.discriminatedUnion('platform', [
	z.object({ platform: z.literal('butter'), resource: z.literal('agents'), count: z.number().int().min(1).max(100_000) }),
	z.object({ platform: z.literal('aitelier'), resource: z.literal('sessions'), count: z.number().int().min(1).max(100_000) }),
]);

type ControlHandler = (state: SandboxState, input: { params: Record<string, string>; query: URLSearchParams; body: unknown }) => Reply | Promise<Reply>;

const ok = (body: unknown = { ok: true }): Reply => ({ status: 200, body });
const invalid = (error: z.ZodError): Reply => ({ status: 400, body: { error: error.issues } });

/**
 * What workflows under test post back (`/outcomes-received`), per sandbox. Every reset replaces
 * `state.ids`, so a list kept for an older one is forgotten.
 */
const outcomesReceived = new WeakMap<SandboxState, { since: SandboxState['ids']; list: Array<Record<string, unknown>> }>();
const receivedBy = (state: SandboxState) => {
	const kept = outcomesReceived.get(state);
	if (kept?.since === state.ids) return kept.list;
	const list: Array<Record<string, unknown>> = [];
	outcomesReceived.set(state, { since: state.ids, list });
	return list;
};

const routes: Array<{ method: string; pattern: string; handler: ControlHandler }> = [
	{ method: 'POST', pattern: '/reset', handler: (state) => (resetState(state), ok()) },
	{
		method: 'POST',
		pattern: '/seed',
		handler: (state, { body }) => {
			const parsed = bulkSeed.safeParse(body);
			if (!parsed.success) return invalid(parsed.error);
			const { platform, resource, count } = parsed.data;
			const before = platform === 'butter' ? state.butter.agents.length : state.aitelier.sessions.size;
			const total = platform === 'butter' ? addBulkAgents(state.butter, count) : addBulkSessions(state.aitelier, count);
			return ok({ platform, resource, added: total - before, total });
		},
	},
	{ method: 'GET', pattern: '/limits', handler: (state) => ok(state.limits) },
	{
		method: 'PUT',
		pattern: '/limits/:platform',
		handler: (state, { params, body }) => {
			if (!PLATFORMS.includes(params.platform as Platform)) return { status: 404, body: { error: 'unknown platform' } };
			const parsed = limitsPatch.safeParse(body);
			if (!parsed.success) return invalid(parsed.error);
			const limits = state.limits[params.platform as Platform];
			const { enabled, retryAfterFormat, concurrentCalls, ...rules } = parsed.data;
			if (enabled !== undefined) limits.enabled = enabled;
			if (retryAfterFormat) limits.retryAfterFormat = retryAfterFormat;
			if (concurrentCalls !== undefined) limits.concurrentCalls = concurrentCalls;
			Object.assign(limits.rules, rules);
			state.limiter.clear();
			return ok(limits);
		},
	},
	{ method: 'GET', pattern: '/faults', handler: (state) => ok({ faults: state.faults.list() }) },
	{ method: 'DELETE', pattern: '/faults', handler: (state) => (state.faults.clear(), ok()) },
	{
		method: 'POST',
		pattern: '/faults',
		handler: (state, { body }) => {
			const parsed = faultRule.safeParse(body);
			return parsed.success ? ok(state.faults.add(parsed.data)) : invalid(parsed.error);
		},
	},
	{
		method: 'GET',
		pattern: '/ledger',
		handler: (state, { query }) =>
			ok(state.ledger.query({ platform: query.get('platform') ?? undefined, action: query.get('action') ?? undefined })),
	},
	{
		method: 'GET',
		pattern: '/requests',
		handler: (state, { query }) => {
			const platform = query.get('platform');
			return ok({ requests: state.requests.filter((r) => !platform || r.platform === platform) });
		},
	},
	{
		method: 'PUT',
		pattern: '/buildvoiceai/accounts/:key',
		handler: (state, { params, body }) => {
			const account = state.buildVoiceAi.accounts[params.key];
			if (!account) return { status: 404, body: { error: 'unknown account key' } };
			const parsed = accountPatch.safeParse(body);
			if (!parsed.success) return invalid(parsed.error);
			Object.assign(account, Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)));
			const { apiAccess, defaultAgentId, callDurationMs, startDelayMs } = account;
			return ok({ apiAccess, defaultAgentId, callDurationMs, startDelayMs });
		},
	},
	{
		// As saving a URL in BuildVoiceAI's settings: a signing secret is generated unless given.
		method: 'PUT',
		pattern: '/buildvoiceai/accounts/:key/webhook',
		handler: (state, { params, body }) => {
			const account = state.buildVoiceAi.accounts[params.key];
			if (!account) return { status: 404, body: { error: 'unknown account key' } };
			const parsed = buildVoiceAiWebhook.safeParse(body);
			if (!parsed.success) return invalid(parsed.error);
			account.webhook = { ...parsed.data, secret: parsed.data.secret ?? generateStandardWebhooksSecret() };
			return ok(account.webhook);
		},
	},
	{
		method: 'DELETE',
		pattern: '/buildvoiceai/accounts/:key/webhook',
		handler: (state, { params }) => {
			const account = state.buildVoiceAi.accounts[params.key];
			if (!account) return { status: 404, body: { error: 'unknown account key' } };
			account.webhook = null;
			return ok();
		},
	},
	{
		method: 'POST',
		pattern: '/buildvoiceai/accounts/:key/test-event',
		handler: async (state, { params }) => {
			const webhook = state.buildVoiceAi.accounts[params.key]?.webhook;
			if (!webhook) return { status: 404, body: { error: 'no webhook URL saved for this account' } };
			return ok(await state.webhooks.deliver({ ...webhook, payload: testEventPayload(state.now()) }));
		},
	},
	{
		method: 'PUT',
		pattern: '/buildvoiceai/outcomes',
		handler: (state, { body }) => {
			const parsed = outcomes.safeParse(body);
			if (!parsed.success) return invalid(parsed.error);
			Object.assign(state.buildVoiceAi.outcomes, parsed.data);
			return ok(state.buildVoiceAi.outcomes);
		},
	},
	{ method: 'GET', pattern: '/scheduler', handler: (state) => ok({ pending: state.scheduler.pending }) },
	{
		method: 'PUT',
		pattern: '/webhook-settings',
		handler: (state, { body }) => {
			const parsed = webhookSettings.safeParse(body);
			if (!parsed.success) return invalid(parsed.error);
			state.webhookSettings = parsed.data;
			return ok(state.webhookSettings);
		},
	},
	{
		method: 'POST',
		pattern: '/webhooks/deliver',
		handler: async (state, { body }) => {
			const parsed = delivery.safeParse(body);
			return parsed.success ? ok(await state.webhooks.deliver(parsed.data)) : invalid(parsed.error);
		},
	},
	{ method: 'GET', pattern: '/deliveries', handler: (state) => ok({ deliveries: state.webhooks.attempts }) },
	{
		// A sink for workflows under test: each POST records one JSON object; GET lists them in order.
		method: 'POST',
		pattern: '/outcomes-received',
		handler: (state, { body }) => {
			const parsed = z.record(z.unknown()).safeParse(body);
			if (!parsed.success) return invalid(parsed.error);
			const received = receivedBy(state);
			const record = { ...parsed.data, seq: received.length + 1, received_at: new Date(state.now()).toISOString() };
			received.push(record);
			return { status: 201, body: record };
		},
	},
	{ method: 'GET', pattern: '/outcomes-received', handler: (state) => ok({ outcomes: receivedBy(state) }) },
	{ method: 'DELETE', pattern: '/outcomes-received', handler: (state) => (outcomesReceived.delete(state), ok()) },
	...butterControlRoutes,
	...aitelierControlRoutes,
];

export async function handleControl(
	state: SandboxState,
	method: string,
	path: string,
	query: URLSearchParams,
	body: unknown,
): Promise<Reply> {
	const match = matchRoute(routes, method, path);
	if (!match) return { status: 404, body: { error: `no control route ${method} ${path}` } };
	return await match.route.handler(state, { params: match.params, query, body });
}
