import { iso, money, spread } from './common';
import type { AitelierSession, SessionOutcome } from './model';

/** Billed by outcome (VENDOR-NOTES: prepaid wallet, each call billed by outcome), in EUR. */
export const OUTCOME_FEES: Record<SessionOutcome, number> = {
	success: 1.2,
	real_conversation: 0.6,
	spam_silent: 0.1,
};

/** Call lengths by outcome: simulated calls take milliseconds, their sessions report these. */
const DURATIONS: Record<SessionOutcome, [number, number]> = {
	success: [60, 240],
	real_conversation: [30, 150],
	spam_silent: [3, 15],
};

export const isGoal = (outcome: SessionOutcome | null) => outcome === 'success';

/** What a conversation with this outcome filled in; the slots are what the agent's tools captured. */
export function slotValues(
	outcome: SessionOutcome | null,
	startedAt: number,
): Record<string, unknown> {
	if (outcome === 'success')
		return { appointment_date: iso(startedAt + 7 * 86_400_000).slice(0, 10), interest: 'high' };
	if (outcome === 'real_conversation') return { interest: 'low' };
	return {};
}

export function durationOf(id: string, outcome: SessionOutcome): number {
	const [low, high] = DURATIONS[outcome];
	return low + spread(`duration:${id}`, high - low + 1);
}

/** Ends a session: with an outcome when the call was answered, without one when it failed. */
export function endSession(
	session: AitelierSession,
	outcome: SessionOutcome | null,
	now: number,
): void {
	session.status = 'ended';
	session.ended_at = iso(now);
	session.outcome = outcome;
	session.goal_achieved = isGoal(outcome);
	session.duration_seconds = outcome ? durationOf(session.id, outcome) : 0;
	session.slot_values = slotValues(outcome, Date.parse(session.started_at));
	session.costs = money(outcome ? OUTCOME_FEES[outcome] : 0);
}

/** A fresh session for a call being placed: active until the call ends. */
export function openSession(
	fields: Pick<AitelierSession, 'id' | 'call_id' | 'batch_id' | 'scenario' | 'phone' | 'metadata'>,
	now: number,
): AitelierSession {
	return {
		...fields,
		status: 'active',
		started_at: iso(now),
		ended_at: null,
		duration_seconds: 0,
		goal_achieved: null,
		outcome: null,
		slot_values: {},
		costs: money(0),
		created_at: iso(now),
	};
}

/** A session has audio once someone answered: ended with an outcome, or active and connected. */
export const hasAudio = (session: AitelierSession, connected: boolean) =>
	session.outcome !== null || (session.status === 'active' && connected);

const LINES: Record<SessionOutcome, Array<['agent' | 'caller', string]>> = {
	success: [
		['caller', 'Yes, speaking.'],
		['agent', 'I am calling about your enquiry. Would you like to book a visit next week?'],
		['caller', 'That would be great, yes.'],
		['agent', 'Booked. You will get a confirmation by text. Goodbye!'],
	],
	real_conversation: [
		['caller', 'Who is this?'],
		['agent', 'I am calling about your enquiry. Would you like to book a visit?'],
		['caller', 'Not right now, thanks.'],
		['agent', 'No problem. Have a nice day!'],
	],
	spam_silent: [],
};

/** Structured turns, spread over the session's duration; only the greeting while still live. */
export function transcriptTurns(session: AitelierSession, connected: boolean) {
	if (!hasAudio(session, connected)) return [];
	const greeting: ['agent', string] = [
		'agent',
		`Hello, this is the assistant calling from Aitelier for ${session.phone}.`,
	];
	const lines = session.outcome ? [greeting, ...LINES[session.outcome]] : [greeting];
	const start = Date.parse(session.started_at);
	const step = (session.duration_seconds * 1000) / Math.max(1, lines.length);
	return lines.map(([speaker, text], index) => ({
		speaker,
		text,
		started_at: iso(start + Math.round(index * step)),
	}));
}
