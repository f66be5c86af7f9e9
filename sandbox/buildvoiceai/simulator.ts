import type { SandboxState } from '../state';
import {
	agentName,
	type BuildVoiceAiAccount,
	type BuildVoiceAiCall,
	type BuildVoiceAiWebhook,
} from './data';

type Stage = 'started' | 'ended';

function eventName(
	style: BuildVoiceAiWebhook['eventStyle'],
	stage: Stage,
	outcome: string,
): string {
	if (style === 'underscore') return stage === 'started' ? 'call_started' : 'call_ended';
	if (stage === 'started') return 'call.started';
	return outcome === 'completed' ? 'call.completed' : 'call.failed';
}

/** The documented payload (VENDOR-NOTES): same fields for every event, filled as the call goes. */
export function callEventPayload(
	call: BuildVoiceAiCall,
	stage: Stage,
	outcome: string,
	style: BuildVoiceAiWebhook['eventStyle'],
	startedAt: number,
	endedAt?: number,
): Record<string, unknown> {
	const completed = stage === 'ended' && outcome === 'completed';
	const durationSeconds =
		endedAt === undefined || !completed ? 0 : Math.max(1, Math.round((endedAt - startedAt) / 1000));
	return {
		event: eventName(style, stage, outcome),
		call_id: call.call_id,
		agent_id: call.agent_id,
		agent_name: agentName(call.agent_id),
		direction: 'outbound',
		phone_number: call.phone_number,
		...(style === 'underscore' || stage === 'ended'
			? { status: stage === 'started' ? 'in-progress' : outcome }
			: {}),
		duration_seconds: durationSeconds,
		started_at: new Date(startedAt).toISOString(),
		ended_at: endedAt === undefined ? null : new Date(endedAt).toISOString(),
		sentiment: completed ? 'positive' : null,
		summary: completed
			? `Spoke with ${call.name ?? 'the contact'}; they asked for a follow-up.`
			: null,
		transcript: completed
			? [
					{
						role: 'agent',
						content: `Hi${call.name ? ` ${call.name}` : ''}, this is a sandbox call.`,
						timestamp: new Date(startedAt).toISOString(),
					},
					{
						role: 'human',
						content: 'Sounds good, call me back next week.',
						timestamp: new Date(endedAt!).toISOString(),
					},
				]
			: [],
		metadata: call.metadata ?? {},
	};
}

/**
 * Plays one triggered call: call.started shortly after the trigger, then the outcome chosen for
 * the number when the call's duration has passed, each signed and sent to the account's webhook.
 */
export function simulateCall(
	state: SandboxState,
	account: BuildVoiceAiAccount,
	call: BuildVoiceAiCall,
): void {
	const outcome = state.buildVoiceAi.outcomes[call.phone_number] ?? 'completed';
	const send = async (stage: Stage, startedAt: number, endedAt?: number) => {
		call.status = stage === 'started' ? 'in-progress' : outcome;
		const webhook = account.webhook;
		if (!webhook) return;
		const payload = callEventPayload(call, stage, outcome, webhook.eventStyle, startedAt, endedAt);
		state.ledger.record(
			{
				platform: 'buildvoiceai',
				action: 'webhook.sent',
				resourceId: call.call_id,
				details: { event: payload.event },
			},
			state.now(),
		);
		await state.webhooks.deliver({ ...webhook, payload });
	};
	state.scheduler.after(account.startDelayMs, async () => {
		const startedAt = state.now();
		await send('started', startedAt);
		const remaining = Math.max(0, account.callDurationMs - account.startDelayMs);
		state.scheduler.after(remaining, () => send('ended', startedAt, state.now()));
	});
}

/** What the settings page's "Send test event" button sends. */
export function testEventPayload(now: number): Record<string, unknown> {
	return {
		event: 'test',
		test: true,
		message: 'Test event from BuildVoiceAI',
		timestamp: new Date(now).toISOString(),
	};
}
