import type { IDataObject } from 'n8n-workflow';

import { ANY_EVENT } from '../../shared/webhookVerification';

export type CallEvent = 'call.started' | 'call.completed' | 'call.failed';

export const CALL_EVENTS: Array<{ name: string; value: CallEvent; description: string }> = [
	{ name: 'Call Started', value: 'call.started', description: 'Also received as call_started' },
	{
		name: 'Call Completed',
		value: 'call.completed',
		description: 'Also received as call_ended with status completed',
	},
	{
		name: 'Call Failed',
		value: 'call.failed',
		description: 'Also received as call_ended with status failed, no-answer or busy',
	},
];

/** The trigger's Events: the call events, then Any Event. */
export const TRIGGER_EVENT_OPTIONS: Array<{ name: string; value: string; description: string }> = [
	...CALL_EVENTS,
	{
		name: 'Any Event',
		value: ANY_EVENT,
		description:
			'Every event, including names this node does not know (output with the name as sent and the raw payload)',
	},
];

/** The payload's own event id, when BuildVoiceAI sends one (neither doc version shows it). */
export function payloadEventId(payload: IDataObject): string | undefined {
	const id = payload.event_id ?? payload.delivery_id;
	return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The one shape every event takes in the workflow, whichever naming BuildVoiceAI used. */
export interface NormalisedEvent extends IDataObject {
	/** A known event's name; for a name this node does not know, the name as sent. */
	event: string;
	received_event: string;
	/** The platform's id of this delivery (webhook-id, or the payload's event id), for deduplication. */
	delivery_id: string | null;
	test: boolean;
	call_id: string | null;
	status: string | null;
	agent_id: string | null;
	agent_name: string | null;
	direction: string | null;
	phone_number: string | null;
	duration_seconds: number | null;
	started_at: string | null;
	ended_at: string | null;
	sentiment: string | null;
	summary: string | null;
	transcript: IDataObject[];
	metadata: IDataObject;
	raw: IDataObject;
}

/** The event name as BuildVoiceAI sent it (`event`, or `type` in some payloads). */
export const eventNameOf = (payload: IDataObject): string =>
	String(payload.event ?? payload.type ?? '');

const COMPLETED_STATUSES = new Set(['completed', 'ended', 'success', 'succeeded']);

/**
 * The event a payload stands for: the documented dotted names, the newer underscore names
 * (call_ended split by its status) and test deliveries. Unknown names yield undefined.
 */
export function classify(payload: IDataObject): CallEvent | 'test' | undefined {
	const name = eventNameOf(payload);
	if (name === 'test' || payload.test === true) return 'test';
	switch (name) {
		case 'call.started':
		case 'call_started':
			return 'call.started';
		case 'call.completed':
			return 'call.completed';
		case 'call.failed':
			return 'call.failed';
		case 'call_ended': {
			const status = String(payload.status ?? payload.call_status ?? 'completed').toLowerCase();
			return COMPLETED_STATUSES.has(status) ? 'call.completed' : 'call.failed';
		}
		default:
			return undefined;
	}
}

const text = (value: unknown): string | null =>
	typeof value === 'string' && value !== '' ? value : null;
const object = (value: unknown): IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as IDataObject)
		: {};

function statusFor(event: string, payload: IDataObject): string | null {
	const given = text(payload.status) ?? text(payload.call_status);
	if (given) return given;
	if (event === 'call.started') return 'in-progress';
	if (event === 'call.completed') return 'completed';
	if (event === 'call.failed') return 'failed';
	return null;
}

export function normalise(
	event: string,
	payload: IDataObject,
	deliveryId: string | null = null,
): NormalisedEvent {
	const given = payload.duration_seconds ?? payload.duration;
	const duration =
		typeof given === 'number' || (typeof given === 'string' && given.trim() !== '')
			? Number(given)
			: NaN;
	return {
		event,
		received_event: eventNameOf(payload),
		delivery_id: deliveryId,
		test: event === 'test',
		call_id: text(payload.call_id) ?? text(payload.id),
		status: statusFor(event, payload),
		agent_id: text(payload.agent_id),
		agent_name: text(payload.agent_name),
		direction: text(payload.direction),
		phone_number: text(payload.phone_number) ?? text(payload.to_number),
		duration_seconds: Number.isFinite(duration) ? duration : null,
		started_at: text(payload.started_at),
		ended_at: text(payload.ended_at),
		sentiment: text(payload.sentiment),
		summary: text(payload.summary),
		transcript: Array.isArray(payload.transcript) ? (payload.transcript as IDataObject[]) : [],
		metadata: object(payload.metadata),
		raw: payload,
	};
}

export { ANY_EVENT };
