import type { INodeProperties } from 'n8n-workflow';

/** Options every Aitelier operation offers. */
export const aitelierOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'API Version (Preview)',
			name: 'apiVersion',
			type: 'string',
			default: '',
			placeholder: 'v1.preview-2026-05-13',
			description: 'Opt in to pre-release behaviour with the X-AVP-API-Version header',
			routing: { request: { headers: { 'X-AVP-API-Version': '={{$value || undefined}}' } } },
		},
		{
			displayName: 'Idempotency Key',
			name: 'idempotencyKey',
			type: 'string',
			default: '',
			description:
				'Sent as Idempotency-Key on state-changing requests. Empty: derived from the execution and item, so a retry never acts twice. Set e.g. a lead ID to dedupe across executions.',
		},
	],
};
