import { BUILDVOICEAI_AGENTS, SANDBOX_KEYS } from '../keys';
import type { HmacOptions, SignatureScheme } from '../signing';

export type CallOutcome = 'completed' | 'failed' | 'no-answer' | 'busy';

/** What BuildVoiceAI's settings page holds: one URL per account and the secret made when it was saved. */
export interface BuildVoiceAiWebhook {
	url: string;
	secret: string;
	/** BuildVoiceAI publishes no scheme; the sandbox signs as the trigger's default unless told otherwise. */
	scheme: SignatureScheme;
	hmac?: HmacOptions;
	sharedSecretHeader?: string;
	/** `dotted`: call.started / call.completed / call.failed; `underscore`: call_started / call_ended. */
	eventStyle: 'dotted' | 'underscore';
}

export interface BuildVoiceAiAccount {
	apiAccess: boolean;
	defaultAgentId: string | null;
	callDurationMs: number;
	/** Delay between the trigger answer and the call.started event. */
	startDelayMs: number;
	webhook: BuildVoiceAiWebhook | null;
	agents: string[];
	/** End times (ms) of calls in progress, for the concurrent-call limit. */
	activeCallsUntil: number[];
}

export interface BuildVoiceAiCall {
	call_id: string;
	status: string;
	phone_number: string;
	agent_id: string;
	name?: string;
	email?: string;
	metadata?: Record<string, unknown>;
	created_at: string;
}

export interface BuildVoiceAiState {
	accounts: Record<string, BuildVoiceAiAccount>;
	calls: BuildVoiceAiCall[];
	/** How the call to a number ends; `completed` when not set. */
	outcomes: Record<string, CallOutcome>;
}

export function seedBuildVoiceAi(): BuildVoiceAiState {
	const account = (key: string, withDefault: boolean): BuildVoiceAiAccount => ({
		apiAccess: true,
		defaultAgentId: withDefault ? BUILDVOICEAI_AGENTS[key][0] : null,
		callDurationMs: 3000,
		startDelayMs: 50,
		webhook: null,
		agents: BUILDVOICEAI_AGENTS[key],
		activeCallsUntil: [],
	});
	return {
		accounts: {
			[SANDBOX_KEYS.buildVoiceAi.primary]: account(SANDBOX_KEYS.buildVoiceAi.primary, true),
			[SANDBOX_KEYS.buildVoiceAi.noDefaultAgent]: account(
				SANDBOX_KEYS.buildVoiceAi.noDefaultAgent,
				false,
			),
		},
		calls: [],
		outcomes: {},
	};
}

export const agentName = (agentId: string): string => `Sandbox agent ${agentId.slice(0, 4)}`;
