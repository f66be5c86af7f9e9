import type { INodeProperties } from 'n8n-workflow';

export const DEFAULT_WINDOW_HOURS = 24;

/** The duplicate-dial guard's settings, on the call-placing operations of platforms without an idempotency key. */
export const duplicateGuardField: INodeProperties = {
	displayName: 'Duplicate Guard',
	name: 'duplicateGuard',
	type: 'collection',
	placeholder: 'Change Guard Setting',
	default: {},
	description:
		"On by default: a call this node already placed within the window (same number, agent and fields) is not placed again but output as skipped — a retried node, a Retry Execution or a re-run dials nobody twice. Kept in n8n's own deduplication store (its database), across restarts and n8n processes.",
	options: [
		{
			displayName: 'Guard',
			name: 'mode',
			type: 'options',
			default: 'skip',
			options: [
				{
					name: 'Skip Calls Already Placed',
					value: 'skip',
					description: 'A call already placed by this node within the window is output as skipped',
				},
				{
					name: 'Off',
					value: 'off',
					description: 'Place every item, even one identical to a call placed a minute ago',
				},
			],
		},
		{
			displayName: 'Window (Hours)',
			name: 'windowHours',
			type: 'number',
			default: DEFAULT_WINDOW_HOURS,
			typeOptions: { minValue: 1, maxValue: 720 },
			description:
				'How far back a placed call counts, in whole hours (the check looks at each hour, so a call up to one hour older may still count)',
		},
		{
			displayName: 'Guard Key',
			name: 'key',
			type: 'string',
			default: '',
			placeholder: '={{ $json.lead_id }}',
			description:
				'What makes two calls the same. Empty: the number, agent and every field sent. Set e.g. a lead ID to call each lead once whatever else changes, or add {{ $now.toISODate() }} to allow one call a day.',
		},
	],
};
