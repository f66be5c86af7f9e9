import { ANY_EVENT } from '../../shared/webhookVerification';

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

/** The trigger's Events: Any Event first, then the known types. */
export const TRIGGER_EVENT_OPTIONS = [
	{
		name: 'Any Event',
		value: ANY_EVENT,
		description:
			'Every event the subscription delivers, including types this node does not know (output with the type as sent)',
	},
	...EVENT_OPTIONS,
];

/**
 * The types to subscribe to. Aitelier's text lists no types and no wildcard, so Any Event
 * subscribes to every type known here; names the platform sends under them still get through.
 */
export function subscribedEvents(selected: string[]): string[] {
	if (!selected.includes(ANY_EVENT)) return [...selected].sort();
	return AITELIER_EVENTS.map(({ value }) => value as string).sort();
}

export { ANY_EVENT };
