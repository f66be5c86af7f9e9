import { z } from 'zod';

import { FAULT_KINDS } from './faults';
import { matchRoute, type Reply } from './http';
import type { SandboxPlatform } from './platform';
import { resetState, type SandboxState } from './state';
import { hmacOptions, signatureScheme } from './validation';

const rule = z.object({ limit: z.number().int().min(0), windowMs: z.number().int().min(1) });
const limitsPatch = z
	.object({
		enabled: z.boolean().optional(),
		retryAfterFormat: z.enum(['seconds', 'http-date']).optional(),
		concurrentCalls: z.number().int().min(0).optional(),
	})
	.catchall(rule);
const faultRule = z.object({
	platform: z.string().optional(),
	method: z.string().optional(),
	path: z.string().optional(),
	kind: z.enum(FAULT_KINDS),
	times: z.number().int().min(1).optional(),
	rate: z.number().min(0).max(1).optional(),
	slowMs: z.number().int().min(0).optional(),
});
const webhookSettings = z.object({
	maxAttempts: z.number().int().min(1).max(20),
	baseDelayMs: z.number().int().min(0),
});
const delivery = z.object({
	url: z.string().url(),
	scheme: signatureScheme,
	secret: z.string().min(1),
	payload: z.record(z.unknown()),
	hmac: hmacOptions.optional(),
	sharedSecretHeader: z.string().optional(),
	mutate: z.enum(['tamperBody', 'wrongSecret', 'staleTimestamp', 'dropSignature']).optional(),
});

// Large lists for benchmarks (each platform names what it can add); reset drops them again.
const bulkSeed = z.object({
	platform: z.string(),
	resource: z.string(),
	count: z.number().int().min(1).max(100_000),
});

/** The core's routes also see the registered platforms; a platform's own routes need only the state. */
type ControlHandler = (
	state: SandboxState,
	input: {
		params: Record<string, string>;
		query: URLSearchParams;
		body: unknown;
		platforms: readonly SandboxPlatform[];
	},
) => Reply | Promise<Reply>;

const ok = (body: unknown = { ok: true }): Reply => ({ status: 200, body });
const invalid = (error: z.ZodError): Reply => ({ status: 400, body: { error: error.issues } });

/**
 * What workflows under test post back (`/outcomes-received`), per sandbox. Every reset replaces
 * `state.ids`, so a list kept for an older one is forgotten.
 */
const outcomesReceived = new WeakMap<
	SandboxState,
	{ since: SandboxState['ids']; list: Array<Record<string, unknown>> }
>();
const receivedBy = (state: SandboxState) => {
	const kept = outcomesReceived.get(state);
	if (kept?.since === state.ids) return kept.list;
	const list: Array<Record<string, unknown>> = [];
	outcomesReceived.set(state, { since: state.ids, list });
	return list;
};

const routes: Array<{ method: string; pattern: string; handler: ControlHandler }> = [
	{
		method: 'POST',
		pattern: '/reset',
		handler: (state, { platforms }) => (resetState(state, platforms), ok()),
	},
	{
		method: 'POST',
		pattern: '/seed',
		handler: (state, { body, platforms }) => {
			const parsed = bulkSeed.safeParse(body);
			if (!parsed.success) return invalid(parsed.error);
			const { platform, resource, count } = parsed.data;
			const seeder = platforms.find((registered) => registered.id === platform)?.bulkSeeders?.[
				resource
			];
			if (!seeder)
				return { status: 400, body: { error: `${platform} has no bulk seeding of ${resource}` } };
			return ok({ platform, resource, ...seeder(state, count) });
		},
	},
	{ method: 'GET', pattern: '/limits', handler: (state) => ok(state.limits) },
	{
		method: 'PUT',
		pattern: '/limits/:platform',
		handler: (state, { params, body, platforms }) => {
			if (!platforms.some((platform) => platform.id === params.platform))
				return { status: 404, body: { error: 'unknown platform' } };
			const parsed = limitsPatch.safeParse(body);
			if (!parsed.success) return invalid(parsed.error);
			const limits = state.limits[params.platform];
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
	{
		// Who fetched files from the storage origin, and whether an Authorization header came along.
		method: 'GET',
		pattern: '/storage/visits',
		handler: (state) => ok({ url: state.storage.url, visits: state.storage.visits }),
	},
	{ method: 'DELETE', pattern: '/faults', handler: (state) => (state.faults.clear(), ok()) },
	{
		method: 'POST',
		pattern: '/faults',
		handler: (state, { body, platforms }) => {
			const known = faultRule.refine(
				({ platform }) => !platform || platforms.some((registered) => registered.id === platform),
				{
					message: 'unknown platform',
					path: ['platform'],
				},
			);
			const parsed = known.safeParse(body);
			return parsed.success ? ok(state.faults.add(parsed.data)) : invalid(parsed.error);
		},
	},
	{
		method: 'GET',
		pattern: '/ledger',
		handler: (state, { query }) =>
			ok(
				state.ledger.query({
					platform: query.get('platform') ?? undefined,
					action: query.get('action') ?? undefined,
				}),
			),
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
		method: 'GET',
		pattern: '/scheduler',
		handler: (state) => ok({ pending: state.scheduler.pending }),
	},
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
	{
		method: 'GET',
		pattern: '/deliveries',
		handler: (state) => ok({ deliveries: state.webhooks.attempts }),
	},
	{
		// A sink for workflows under test: each POST records one JSON object; GET lists them in order.
		method: 'POST',
		pattern: '/outcomes-received',
		handler: (state, { body }) => {
			const parsed = z.record(z.unknown()).safeParse(body);
			if (!parsed.success) return invalid(parsed.error);
			const received = receivedBy(state);
			const record = {
				...parsed.data,
				seq: received.length + 1,
				received_at: new Date(state.now()).toISOString(),
			};
			received.push(record);
			return { status: 201, body: record };
		},
	},
	{
		method: 'GET',
		pattern: '/outcomes-received',
		handler: (state) => ok({ outcomes: receivedBy(state) }),
	},
	{
		method: 'DELETE',
		pattern: '/outcomes-received',
		handler: (state) => (outcomesReceived.delete(state), ok()),
	},
];

/** One request to /_sandbox: the core's routes first, then each platform's own. */
export async function handleControl(
	state: SandboxState,
	platforms: readonly SandboxPlatform[],
	method: string,
	path: string,
	query: URLSearchParams,
	body: unknown,
): Promise<Reply> {
	const all: Array<{ method: string; pattern: string; handler: ControlHandler }> = [
		...routes,
		...platforms.flatMap((platform) => platform.controlRoutes ?? []),
	];
	const match = matchRoute(all, method, path);
	if (!match) return { status: 404, body: { error: `no control route ${method} ${path}` } };
	return await match.route.handler(state, { params: match.params, query, body, platforms });
}
