import { BUILDVOICEAI_AGENTS, SANDBOX_KEYS } from '../keys';

export interface BuildVoiceAiAccount {
	apiAccess: boolean;
	defaultAgentId: string | null;
	callDurationMs: number;
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
}

export function seedBuildVoiceAi(): BuildVoiceAiState {
	const account = (key: string, withDefault: boolean): BuildVoiceAiAccount => ({
		apiAccess: true,
		defaultAgentId: withDefault ? BUILDVOICEAI_AGENTS[key][0] : null,
		callDurationMs: 3000,
		agents: BUILDVOICEAI_AGENTS[key],
		activeCallsUntil: [],
	});
	return {
		accounts: {
			[SANDBOX_KEYS.buildVoiceAi.primary]: account(SANDBOX_KEYS.buildVoiceAi.primary, true),
			[SANDBOX_KEYS.buildVoiceAi.noDefaultAgent]: account(SANDBOX_KEYS.buildVoiceAi.noDefaultAgent, false),
		},
		calls: [],
	};
}
