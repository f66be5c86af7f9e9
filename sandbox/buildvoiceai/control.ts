import { z } from 'zod';

import type { ControlRoute, Reply } from '../http';
import { generateStandardWebhooksSecret } from '../signing';
import { E164, hmacOptions, signatureScheme } from '../validation';
import { testEventPayload } from './simulator';

const ok = (body: unknown = { ok: true }): Reply => ({ status: 200, body });
const invalid = (error: z.ZodError): Reply => ({ status: 400, body: { error: error.issues } });

const accountPatch = z.object({
	apiAccess: z.boolean().optional(),
	defaultAgentId: z.string().nullable().optional(),
	callDurationMs: z.number().int().min(0).optional(),
	startDelayMs: z.number().int().min(0).optional(),
});
const buildVoiceAiWebhook = z.object({
	url: z.string().url(),
	secret: z.string().min(1).optional(),
	scheme: signatureScheme.default('standardWebhooks'),
	hmac: hmacOptions.optional(),
	sharedSecretHeader: z.string().optional(),
	eventStyle: z.enum(['dotted', 'underscore']).default('dotted'),
});
const outcomes = z.record(
	z.string().regex(E164),
	z.enum(['completed', 'failed', 'no-answer', 'busy']),
);

/** Mounted under /_sandbox: what BuildVoiceAI's settings page and call outcomes would hold. */
export const buildVoiceAiControlRoutes: ControlRoute[] = [
	{
		method: 'PUT',
		pattern: '/buildvoiceai/accounts/:key',
		handler: (state, { params, body }) => {
			const account = state.buildVoiceAi.accounts[params.key];
			if (!account) return { status: 404, body: { error: 'unknown account key' } };
			const parsed = accountPatch.safeParse(body);
			if (!parsed.success) return invalid(parsed.error);
			Object.assign(
				account,
				Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)),
			);
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
			account.webhook = {
				...parsed.data,
				secret: parsed.data.secret ?? generateStandardWebhooksSecret(),
			};
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
			if (!webhook)
				return { status: 404, body: { error: 'no webhook URL saved for this account' } };
			return ok(
				await state.webhooks.deliver({ ...webhook, payload: testEventPayload(state.now()) }),
			);
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
];
