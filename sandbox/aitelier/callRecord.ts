import type { SandboxState } from '../state';
import { iso } from './common';
import type { AitelierCall, AitelierSession } from './model';
import { openSession } from './sessionRecord';

export interface CallInput {
	scenario: string;
	phone: string;
	metadata: Record<string, unknown>;
	scheduled_for: string | null;
	batchId: string | null;
}

/** Records a new call and its session (both start queued/active); the caller ledgers the dial. */
export function recordCall(
	state: SandboxState,
	input: CallInput,
	now: number,
): { call: AitelierCall; session: AitelierSession } {
	const call: AitelierCall = {
		id: state.ids.hex('call_'),
		session_id: state.ids.hex('sess_'),
		batch_id: input.batchId,
		status: 'queued',
		scenario: input.scenario,
		phone: input.phone,
		metadata: input.metadata,
		scheduled_for: input.scheduled_for,
		error: null,
		created_at: iso(now),
	};
	const session = openSession(
		{
			id: call.session_id,
			call_id: call.id,
			batch_id: input.batchId,
			scenario: call.scenario,
			phone: call.phone,
			metadata: call.metadata,
		},
		now,
	);
	state.aitelier.calls.set(call.id, call);
	state.aitelier.sessions.set(session.id, session);
	return { call, session };
}
