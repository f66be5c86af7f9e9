import type { SandboxState } from '../state';
import { applyStatus } from './callRecord';
import { iso } from './common';
import type { ButterCall, CallOutcome, CallStatus } from './model';
import { startToolScript } from './toolScript';

/** Statuses a call passes through after `queued`, by the outcome chosen for its number. */
const PATHS: Record<CallOutcome, CallStatus[]> = {
	completed: ['initiated', 'ringing', 'in-progress', 'completed'],
	busy: ['initiated', 'ringing', 'busy'],
	'no-answer': ['initiated', 'ringing', 'no-answer'],
	failed: ['initiated', 'failed'],
	canceled: ['initiated', 'ringing', 'canceled'],
};

export function statusPath(outcome: CallOutcome): CallStatus[] {
	return ['queued', ...PATHS[outcome]];
}

/** The status callback: the documented fields, plus who and what the call is about. */
export function callbackPayload(call: ButterCall, at: number): Record<string, unknown> {
	return {
		call_sid: call.id,
		status: call.status,
		duration: call.duration_seconds,
		timestamp: iso(at),
		error_code: call.error_code,
		error_message: call.error_message,
		direction: call.direction,
		agent_id: call.agent_id,
		from_number: call.from_number,
		to_number: call.to_number,
		metadata: call.metadata,
	};
}

/** The number's own webhook_url wins; else the organisation-wide URL; else nobody hears. */
function callbackUrl(state: SandboxState, call: ButterCall): string | null {
	const number = state.butter.phoneNumbers.find((n) => n.id === call.phone_number_id);
	return number?.webhook_url ?? state.butter.callbacks.url;
}

async function sendCallback(state: SandboxState, call: ButterCall): Promise<void> {
	const url = callbackUrl(state, call);
	if (!url) return;
	const { scheme, secret, hmac, sharedSecretHeader } = state.butter.callbacks;
	state.ledger.record(
		{
			platform: 'butter',
			action: 'webhook.sent',
			resourceId: call.id,
			details: { status: call.status },
		},
		state.now(),
	);
	await state.webhooks.deliver({
		url,
		scheme,
		secret,
		hmac,
		sharedSecretHeader,
		payload: callbackPayload(call, state.now()),
	});
}

/**
 * Plays one placed call: a status change every `stepDelayMs`, each followed by its callback.
 * The next step is scheduled only once the callback is delivered (or given up), so a receiver
 * sees one call's statuses in order. In progress, the call also plays the tool script (the
 * agent's tool requests) and stays in progress until every request has settled.
 */
export function simulateCall(state: SandboxState, call: ButterCall): void {
	const organisation = state.butter;
	const statuses = statusPath(organisation.outcomes[call.to_number ?? ''] ?? 'completed');
	const step = async (index: number) => {
		// A reset replaces the organisation: a step still running for the old one stops here.
		if (state.butter !== organisation) return;
		if (index > 0) applyStatus(call, statuses[index], state.now());
		// What must finish before the next status: the callback, and in progress the tool script.
		let waiting = 1;
		const next = () => {
			if (--waiting > 0) return;
			if (index + 1 < statuses.length && state.butter === organisation) {
				state.scheduler.after(organisation.callbacks.stepDelayMs, () => step(index + 1));
			}
		};
		if (statuses[index] === 'in-progress' && startToolScript(state, call, next)) waiting++;
		await sendCallback(state, call);
		next();
	};
	state.scheduler.after(0, () => step(0));
}
