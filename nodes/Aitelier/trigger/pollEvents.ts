import type { IDataObject, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { Deadline } from '../../shared/callDetails';
import { pathId } from '../../shared/fields';
import { asNodeError, PlatformApiError } from '../../shared/platformError';
import { apiRequest } from '../../shared/request/apiRequest';
import type { PollStream } from '../../shared/polling/stream';
import { api } from '../profile';
import { endsCall, fetchSession } from './callDetails';
import { AITELIER_EVENTS, ANY_EVENT } from './events';

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value !== '' ? value : undefined;

const timeOf = (value: unknown): number | undefined => {
	const ms = typeof value === 'string' ? Date.parse(value) : NaN;
	return Number.isNaN(ms) ? undefined : ms;
};

/** The events a poll can tell from reading calls and sessions: every one but the batch events. */
export const POLLED_EVENTS = AITELIER_EVENTS.filter((event) => event.group !== 'batch');

/** The event a record's status stands for (a call connected → call.started); none for the rest. */
const CALL_EVENTS: Record<string, string> = {
	connected: 'call.started',
	completed: 'call.completed',
	failed: 'call.failed',
};
const SESSION_EVENTS: Record<string, string> = { ended: 'session.ended' };

/** One record read on its own, or undefined when Aitelier no longer has it. */
async function readOne(
	context: IPollFunctions,
	path: string,
	label: string,
	id: string,
): Promise<IDataObject | undefined> {
	try {
		return await apiRequest(context, api, {
			method: 'GET',
			url: `${path}/${pathId(context.getNode(), label, id)}`,
		});
	} catch (error) {
		if (error instanceof PlatformApiError && error.httpCode === '404') return undefined;
		throw asNodeError(context.getNode(), error);
	}
}

export interface AitelierStream extends PollStream {
	/** The event a record's status stands for, if any. */
	eventOf: (record: IDataObject) => string | undefined;
}

/** Calls (GET /v1/calls?since=…): queued, dialing, connected, then completed or failed. */
export const aitelierCalls: AitelierStream = {
	key: 'calls',
	url: '/calls',
	sinceParam: 'since',
	idOf: (call) => text(call.id),
	createdAtOf: (call) => timeOf(call.created_at),
	statusOf: (call) => String(call.status ?? '').toLowerCase(),
	isFinal: (status) => status === 'completed' || status === 'failed',
	// A call scheduled for later cannot change before then.
	activeFromOf: (call) => timeOf(call.scheduled_for),
	readOne: async (context, id) => {
		const call = await readOne(context, '/calls', 'Call ID', id);
		if (!call) return undefined;
		// GET /calls/{id} answers the call with its session inside; the list (and events) without.
		const record = { ...call };
		delete record.session;
		return record;
	},
	eventOf: (call) => CALL_EVENTS[String(call.status ?? '').toLowerCase()],
};

/** Sessions (GET /v1/sessions?since=…): active, then ended. */
export const aitelierSessions: AitelierStream = {
	key: 'sessions',
	url: '/sessions',
	sinceParam: 'since',
	idOf: (session) => text(session.id),
	createdAtOf: (session) => timeOf(session.created_at),
	statusOf: (session) => String(session.status ?? '').toLowerCase(),
	isFinal: (status) => status === 'ended',
	readOne: async (context, id) => await readOne(context, '/sessions', 'Session ID', id),
	eventOf: (session) => SESSION_EVENTS[String(session.status ?? '').toLowerCase()],
};

/** Which streams the selection needs: calls for call.*, sessions for session.ended. */
export function streamsFor(selection: string[]): { stream: AitelierStream; needed: boolean }[] {
	const any = selection.includes(ANY_EVENT);
	const wants = (type: string) => any || selection.includes(type);
	return [
		{ stream: aitelierCalls, needed: Object.values(CALL_EVENTS).some(wants) },
		{ stream: aitelierSessions, needed: Object.values(SESSION_EVENTS).some(wants) },
	];
}

export const isWanted = (selection: string[], event: string | undefined): event is string =>
	event !== undefined && (selection.includes(ANY_EVENT) || selection.includes(event));

/**
 * The item a delivery of this event would have started: `event`, `event_id` and `delivery_id`
 * (`<record id>:<event>`, one per record and event), `created_at` (a session's end, else when
 * the poll saw it), `data` (the call or session as read) and `raw` (the same record).
 */
export function polledEventItem(event: string, record: IDataObject, seenAt: string): IDataObject {
	const id = `${String(record.id)}:${event}`;
	return {
		event,
		event_id: id,
		delivery_id: id,
		created_at: (event === 'session.ended' && text(record.ended_at)) || seenAt,
		data: record,
		raw: record,
	};
}

/** Include Call Details, as the webhook trigger does it: the session on call.completed / failed. */
export async function withSessionDetails(
	context: IPollFunctions,
	item: IDataObject,
	deadline: Deadline,
): Promise<IDataObject> {
	if (!endsCall(String(item.event))) return item;
	// fetchSession uses only what a poll context has too (node, credentials, helpers).
	const session = await fetchSession(
		context as unknown as IWebhookFunctions,
		item.data as IDataObject,
		deadline,
	);
	return { ...item, session };
}
