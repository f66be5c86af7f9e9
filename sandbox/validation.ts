import { z } from 'zod';

/** E.164 as both platforms document it. */
export const E164 = /^\+[1-9]\d{1,14}$/;

/** Webhook signing settings, as the control API takes them wherever a sender is configured. */
export const signatureScheme = z.enum(['standardWebhooks', 'stripe', 'hmacSha256', 'sharedSecret']);
export const hmacOptions = z.object({
	header: z.string(),
	encoding: z.enum(['hex', 'base64']),
	prefix: z.string().optional(),
});
