import { z } from 'zod';

import type { ControlRoute, Reply } from '../http';
import { E164, hmacOptions, signatureScheme } from '../validation';
import { isHttpUrl } from './common';
import { CALL_OUTCOMES, type ButterPlan } from './model';
import { LIST_STYLES } from './pagination';
import { toolScriptRoutes } from './toolScript';

/** Requests per second by plan, as the API overview's rate-limit table gives them. */
export const PLAN_LIMITS: Record<ButterPlan, number> = { starter: 10, pro: 50 };

const ok = (body: unknown): Reply => ({ status: 200, body });
const invalid = (error: z.ZodError): Reply => ({ status: 400, body: { error: error.issues } });

const outcomes = z.record(z.string().regex(E164), z.enum(CALL_OUTCOMES));
const callbackSettings = z.object({
	url: z.string().refine(isHttpUrl, 'must be an http or https URL').nullable().optional(),
	scheme: signatureScheme.or(z.literal('none')).optional(),
	secret: z.string().min(1).optional(),
	hmac: hmacOptions.optional(),
	sharedSecretHeader: z.string().min(1).optional(),
	stepDelayMs: z.number().int().min(0).max(60_000).optional(),
});
const plan = z.object({ plan: z.enum(['starter', 'pro']) });
const listStyle = z.object({ style: z.enum(LIST_STYLES) });

/** Mounted under /_sandbox by the control API. */
export const butterControlRoutes: ControlRoute[] = [
	{
		method: 'PUT',
		pattern: '/butter/plan',
		handler: (state, { body }) => {
			const parsed = plan.safeParse(body);
			if (!parsed.success) return invalid(parsed.error);
			state.butter.plan = parsed.data.plan;
			state.limits.butter.rules.requests = { limit: PLAN_LIMITS[parsed.data.plan], windowMs: 1000 };
			state.limiter.clear();
			return ok({ plan: state.butter.plan, limits: state.limits.butter });
		},
	},
	{
		// Either paging style for every list (the texts disagree); `documented` is the default.
		method: 'PUT',
		pattern: '/butter/list-style',
		handler: (state, { body }) => {
			const parsed = listStyle.safeParse(body);
			if (!parsed.success) return invalid(parsed.error);
			state.butter.listStyle = parsed.data.style;
			return ok({ style: state.butter.listStyle });
		},
	},
	{
		method: 'PUT',
		pattern: '/butter/outcomes',
		handler: (state, { body }) => {
			const parsed = outcomes.safeParse(body);
			if (!parsed.success) return invalid(parsed.error);
			Object.assign(state.butter.outcomes, parsed.data);
			return ok(state.butter.outcomes);
		},
	},
	{
		method: 'PUT',
		pattern: '/butter/callback-settings',
		handler: (state, { body }) => {
			const parsed = callbackSettings.safeParse(body);
			if (!parsed.success) return invalid(parsed.error);
			const given = Object.fromEntries(
				Object.entries(parsed.data).filter(([, value]) => value !== undefined),
			);
			Object.assign(state.butter.callbacks, given);
			return ok(state.butter.callbacks);
		},
	},
	{
		method: 'GET',
		pattern: '/butter/calls/:id',
		handler: (state, { params }) => {
			const call = state.butter.calls.find((c) => c.id === params.id);
			return call ? ok(call) : { status: 404, body: { error: `unknown call ${params.id}` } };
		},
	},
	...toolScriptRoutes,
];
