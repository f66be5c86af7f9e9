/** The event types Aitelier subscriptions carry (the sandbox defines the session and batch ones). */
export const AITELIER_EVENTS = [
	{ name: 'Batch Completed', value: 'batch.completed', group: 'batch' },
	{ name: 'Batch Started', value: 'batch.started', group: 'batch' },
	{ name: 'Call Completed', value: 'call.completed', group: 'completed' },
	{ name: 'Call Failed', value: 'call.failed', group: 'failed' },
	{ name: 'Call Started', value: 'call.started', group: 'started' },
	{ name: 'Session Ended', value: 'session.ended', group: 'session' },
] as const;

export type AitelierEvent = (typeof AITELIER_EVENTS)[number]['value'];

/** The events as dropdown options: the trigger's Events and the webhook resource's. */
export const EVENT_OPTIONS = AITELIER_EVENTS.map(({ name, value }) => ({ name, value }));
