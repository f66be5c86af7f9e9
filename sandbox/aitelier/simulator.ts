import type { SandboxState } from '../state';
import { emitEvent } from './events';
import type { AitelierCall, AitelierSession, PhoneOutcome, SessionOutcome } from './model';
import { endSession } from './sessionRecord';

/** setTimeout's ceiling (~24.8 days); a call scheduled further out simply stays queued. */
const MAX_TIMER_MS = 2_147_483_647;

export type CallListener = (call: AitelierCall, session: AitelierSession) => void;

const CONVERSATION: Partial<Record<PhoneOutcome, SessionOutcome>> = {
	completed: 'success',
	real_conversation: 'real_conversation',
	spam_silent: 'spam_silent',
};

/** When a queued call starts dialling: now, or at its scheduled_for; undefined if out of reach. */
export function startDelay(scheduledFor: string | null, now: number): number | undefined {
	const delay = scheduledFor ? Math.max(0, Date.parse(scheduledFor) - now) : 0;
	return delay > MAX_TIMER_MS ? undefined : delay;
}

/**
 * Plays one call, a step every `stepDelayMs`: queued → dialing → connected → completed, or
 * dialing → failed, as the number's outcome says (read when it is dialled). Emits call.started on
 * connecting, call.completed / call.failed and session.ended at the end; `onChange` hears every
 * status change (batches follow their rows with it).
 */
export function simulateCall(
	state: SandboxState,
	call: AitelierCall,
	onChange?: CallListener,
): void {
	const world = state.aitelier;
	const session = world.sessions.get(call.session_id)!;
	// A reset replaces the world: steps still pending for the old one stop.
	const next = (task: () => void) =>
		state.scheduler.after(world.simulation.stepDelayMs, () => {
			if (state.aitelier === world) task();
		});
	const move = (status: AitelierCall['status']) => {
		call.status = status;
		onChange?.(call, session);
	};

	const finish = () => {
		const outcome = CONVERSATION[world.outcomes[call.phone] ?? 'completed'] ?? 'success';
		endSession(session, outcome, state.now());
		move('completed');
		emitEvent(state, 'call.completed', call);
		emitEvent(state, 'session.ended', session);
	};
	const answer = () => {
		const chosen = world.outcomes[call.phone] ?? 'completed';
		if (chosen === 'failed' || chosen === 'no-answer') {
			call.error = chosen === 'no-answer' ? 'no_answer' : 'call_failed';
			endSession(session, null, state.now());
			move('failed');
			emitEvent(state, 'call.failed', call);
			emitEvent(state, 'session.ended', session);
			return;
		}
		move('connected');
		emitEvent(state, 'call.started', call);
		next(finish);
	};
	const delay = startDelay(call.scheduled_for, state.now());
	if (delay === undefined) return;
	state.scheduler.after(delay, () => {
		if (state.aitelier !== world) return;
		next(() => {
			move('dialing');
			next(answer);
		});
	});
}
