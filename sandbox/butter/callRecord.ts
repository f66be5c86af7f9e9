import { iso } from './common';
import type { ButterCall, CallCost, CallStatus, CallUsage } from './model';

/** What a call looks like over the API: its fields, with the caller's extra fields alongside. */
export function callView(call: ButterCall): Record<string, unknown> {
	const { extras, ...fields } = call;
	return { ...extras, ...fields };
}

export const zeroUsage = (): CallUsage => ({
	llm_tokens_input: 0,
	llm_tokens_output: 0,
	tts_characters: 0,
	stt_seconds: 0,
});
export const zeroCost = (): CallCost => ({
	llm_input: 0,
	llm_output: 0,
	tts: 0,
	stt: 0,
	telephony: 0,
	total: 0,
});

/** What every call starts with before it rings: no cost, usage, transcript or timestamps yet. */
export const notYetRung = (createdAtIso: string) => ({
	extras: {},
	duration_seconds: 0,
	cost: zeroCost(),
	usage: zeroUsage(),
	end_reason: null,
	transcript: [],
	started_at: null,
	answered_at: null,
	ended_at: null,
	error_code: null,
	error_message: null,
	created_at: createdAtIso,
	updated_at: createdAtIso,
});

/** Terminal statuses other than completed, with the callback's error code and the call's end reason. */
const UNSUCCESSFUL: Partial<
	Record<CallStatus, { code: string; message: string; endReason: string }>
> = {
	busy: { code: 'busy', message: 'The callee was busy', endReason: 'busy' },
	'no-answer': { code: 'no-answer', message: 'The callee did not answer', endReason: 'no_answer' },
	failed: { code: 'call-failed', message: 'The call could not be connected', endReason: 'error' },
	canceled: {
		code: 'canceled',
		message: 'The call was canceled before it was answered',
		endReason: 'canceled',
	},
};

export const isTerminal = (status: CallStatus) => status === 'completed' || status in UNSUCCESSFUL;

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/** Usage grows with the talk time; prices are plausible per-unit rates, fixed so tests can rely on them. */
function billing(
	durationSeconds: number,
	telephony: ButterCall['telephony'],
): { usage: CallUsage; cost: CallCost } {
	const usage: CallUsage = {
		llm_tokens_input: 400 + durationSeconds * 25,
		llm_tokens_output: 80 + durationSeconds * 6,
		tts_characters: durationSeconds * 14,
		stt_seconds: durationSeconds,
	};
	const perMinute = { twilio: 0.014, sip: 0.004, webrtc: 0 }[telephony];
	const parts = {
		llm_input: round6(usage.llm_tokens_input * 0.0000025),
		llm_output: round6(usage.llm_tokens_output * 0.00001),
		tts: round6(usage.tts_characters * 0.00003),
		stt: round6(usage.stt_seconds * 0.0001),
		telephony: round6(Math.ceil(durationSeconds / 60) * perMinute),
	};
	const total = round6(Object.values(parts).reduce((sum, part) => sum + part, 0));
	return { usage, cost: { ...parts, total } };
}

/** The talk, with the tool lines written while the call was in progress after the opening line. */
function transcriptFor(call: ButterCall): ButterCall['transcript'] {
	const opening =
		call.direction === 'inbound'
			? 'Thanks for calling Acme Corp, how can I help?'
			: 'Hi, this is Acme Corp calling about your enquiry.';
	return [
		{ speaker: 'agent', text: opening },
		...call.transcript.filter((line) => line.speaker === 'tool'),
		{ speaker: 'user', text: 'I would like to book a demo next week.' },
		{ speaker: 'agent', text: 'Done: you are booked for Tuesday at 10am. Anything else?' },
		{ speaker: 'user', text: 'No, that is all. Thank you!' },
	];
}

/** Moves a call to a new status, filling what that status means (times, duration, cost, errors). */
export function applyStatus(
	call: ButterCall,
	status: CallStatus,
	at: number,
	durationSeconds?: number,
): void {
	call.status = status;
	call.updated_at = iso(at);
	if (status === 'initiated') call.started_at = iso(at);
	if (status === 'in-progress') call.answered_at = iso(at);
	if (!isTerminal(status)) return;
	call.ended_at = iso(at);
	const failure = UNSUCCESSFUL[status];
	if (failure) {
		call.end_reason = failure.endReason;
		call.error_code = failure.code;
		call.error_message = failure.message;
		return;
	}
	const answered = call.answered_at ? Date.parse(call.answered_at) : at;
	call.duration_seconds = durationSeconds ?? Math.max(1, Math.round((at - answered) / 1000));
	Object.assign(call, billing(call.duration_seconds, call.telephony));
	call.end_reason = call.direction === 'inbound' ? 'customer_hangup' : 'agent_hangup';
	call.transcript = transcriptFor(call);
}
