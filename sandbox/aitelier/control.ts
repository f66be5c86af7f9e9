import { z } from 'zod';

import type { ControlRoute, Reply } from '../http';
import { E164 } from '../validation';
import { batchView } from './batchRecord';
import { PHONE_OUTCOMES } from './model';

const ok = (body: unknown): Reply => ({ status: 200, body });
const invalid = (error: z.ZodError): Reply => ({ status: 400, body: { error: error.issues } });

const outcomes = z.record(z.string().regex(E164), z.enum(PHONE_OUTCOMES));
const simulation = z
	.object({
		stepDelayMs: z.number().int().min(0).max(60_000),
		batchRowIntervalMs: z.number().int().min(0).max(60_000),
		webhookPut: z.enum(['merge', 'replace']),
		fileUrls: z.enum(['api', 'storage', 'api-redirect']),
	})
	.partial()
	.strict();

/** Mounted under /_sandbox by the control API. */
export const aitelierControlRoutes: ControlRoute[] = [
	{
		// How calls to these numbers end: completed (default), failed, no-answer (failed with error
		// no_answer); real_conversation / spam_silent complete with that outcome instead of success.
		method: 'PUT',
		pattern: '/aitelier/outcomes',
		handler: (state, { body }) => {
			const parsed = outcomes.safeParse(body);
			if (!parsed.success) return invalid(parsed.error);
			Object.assign(state.aitelier.outcomes, parsed.data);
			return ok(state.aitelier.outcomes);
		},
	},
	{
		method: 'PUT',
		pattern: '/aitelier/simulation',
		handler: (state, { body }) => {
			const parsed = simulation.safeParse(body ?? {});
			if (!parsed.success) return invalid(parsed.error);
			Object.assign(
				state.aitelier.simulation,
				Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)),
			);
			return ok(state.aitelier.simulation);
		},
	},
	{
		// The batch as stored: its live view plus every row.
		method: 'GET',
		pattern: '/aitelier/batches/:id',
		handler: (state, { params }) => {
			const batch = state.aitelier.batches.get(params.id);
			if (!batch) return { status: 404, body: { error: `unknown batch ${params.id}` } };
			return ok({ ...batchView(state, batch), rows: batch.rows });
		},
	},
	{
		// With their secrets, so tests can verify deliveries.
		method: 'GET',
		pattern: '/aitelier/webhooks',
		handler: (state) => ok({ subscriptions: [...state.aitelier.webhooks.values()] }),
	},
];
