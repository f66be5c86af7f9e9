import type { IDataObject } from 'n8n-workflow';

import { ANY_EVENT } from '../../shared/webhookVerification';
import { statusTitle } from '../profile';
import { deliveryIdOf } from './duplicates';

export type CallGroup = 'started' | 'completed' | 'failed';

/** Butter's call statuses (VENDOR-NOTES), each in the group a workflow author thinks in. */
export const STATUS_GROUPS: Record<string, CallGroup> = {
	queued: 'started',
	initiated: 'started',
	ringing: 'started',
	'in-progress': 'started',
	completed: 'completed',
	busy: 'failed',
	'no-answer': 'failed',
	failed: 'failed',
	canceled: 'failed',
};

export const EVENT_OPTIONS = [
	{ name: 'Any Status (Including Ones Not Listed Here)', value: ANY_EVENT },
	{ name: 'Any Started Status (Queued … In Progress)', value: 'group:started' },
	{ name: 'Call Completed', value: 'group:completed' },
	{ name: 'Any Failed Status (Busy, No Answer, Failed, Canceled)', value: 'group:failed' },
	...Object.keys(STATUS_GROUPS).map((status) => ({
		name: `Status: ${statusTitle(status)}`,
		value: status,
	})),
];

/** Whether the user's selection (groups and single statuses) covers this status. */
export function isSelected(selection: string[], status: string): boolean {
	const group = STATUS_GROUPS[status];
	return (
		selection.includes(ANY_EVENT) ||
		selection.includes(status) ||
		(group !== undefined && selection.includes(`group:${group}`))
	);
}

const text = (value: unknown): string | null =>
	typeof value === 'string' && value !== '' ? value : null;

/** One shape for every status callback; the payload as received stays under `raw`. */
export function normalise(payload: IDataObject): IDataObject {
	const status = String(payload.status ?? '').toLowerCase();
	const duration = Number(payload.duration ?? payload.duration_seconds);
	return {
		// A status Butter adds later keeps its own name as the event.
		event: STATUS_GROUPS[status] ? `call.${STATUS_GROUPS[status]}` : status,
		status,
		call_id: text(payload.call_sid) ?? text(payload.call_id) ?? text(payload.id),
		// For n8n's Remove Duplicates node, across processes: one id per call and status.
		delivery_id: deliveryIdOf(payload),
		duration_seconds: Number.isFinite(duration) ? duration : null,
		timestamp: text(payload.timestamp),
		error_code: text(payload.error_code),
		error_message: text(payload.error_message),
		direction: text(payload.direction),
		agent_id: text(payload.agent_id),
		from_number: text(payload.from_number),
		to_number: text(payload.to_number),
		metadata:
			typeof payload.metadata === 'object' && payload.metadata !== null ? payload.metadata : {},
		raw: payload,
	};
}
