import type { HmacOptions, SignatureScheme } from '../signing';

/** The records the Butter sandbox keeps, as stored (views strip secrets before answering). */

export type AgentArchitecture = 'pipeline' | 'realtime' | 'text';
export type AgentMode = 'public' | 'private' | 'commercial';
export type ButterRole = 'owner' | 'member';

export interface ButterAgent {
	id: string;
	name: string;
	mode: AgentMode;
	agentArchitecture: AgentArchitecture;
	[field: string]: unknown;
}

export interface ButterIntegration {
	id: string;
	name: string;
	provider: 'twilio';
	category: 'telephony';
	status: 'active';
	account_sid: string;
	created_at: string;
	// The auth token is deliberately not kept: nothing may ever echo it.
}

export type MediaEncryption = 'disable' | 'allow' | 'require';

export interface ButterPhoneNumber {
	id: string;
	phone_number: string;
	provider: 'twilio' | 'sip';
	name: string | null;
	agent_id: string | null;
	supports_inbound: boolean;
	supports_outbound: boolean;
	webhook_url: string | null;
	/** twilio only */
	integration_id?: string;
	/** sip only */
	sip?: {
		sip_trunk_name: string | null;
		sip_username: string | null;
		sip_server_address: string | null;
		inbound_room_name: string | null;
		media_encryption: MediaEncryption;
	};
	/** Kept apart so that a view can never spread them into an answer by accident. */
	secrets: { sip_password: string | null; inbound_pin: string | null };
	created_at: string;
	updated_at: string;
}

export const CALL_STATUSES = [
	'queued',
	'initiated',
	'ringing',
	'in-progress',
	'completed',
	'busy',
	'no-answer',
	'failed',
	'canceled',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
export const CALL_OUTCOMES = ['completed', 'busy', 'no-answer', 'failed', 'canceled'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export const CALL_DIRECTIONS = ['inbound', 'outbound', 'preview'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

export interface CallCost {
	llm_input: number;
	llm_output: number;
	tts: number;
	stt: number;
	telephony: number;
	total: number;
}

export interface CallUsage {
	llm_tokens_input: number;
	llm_tokens_output: number;
	tts_characters: number;
	stt_seconds: number;
}

/** One line of a call's transcript; `tool` lines record the agent's tool requests (tool scripts). */
export interface TranscriptLine {
	speaker: 'agent' | 'user' | 'tool';
	text: string;
}

export interface ButterCall {
	id: string;
	agent_id: string;
	direction: CallDirection;
	telephony: 'twilio' | 'sip' | 'webrtc';
	status: CallStatus;
	/** The organisation's number on the call: the caller for outbound, the callee for inbound. */
	phone_number_id: string | null;
	from_number: string | null;
	to_number: string | null;
	metadata: Record<string, unknown>;
	/** Unknown body fields of POST /v1/calls, kept and shown as given. */
	extras: Record<string, unknown>;
	duration_seconds: number;
	cost: CallCost;
	usage: CallUsage;
	end_reason: string | null;
	transcript: TranscriptLine[];
	started_at: string | null;
	answered_at: string | null;
	ended_at: string | null;
	error_code: string | null;
	error_message: string | null;
	created_at: string;
	updated_at: string;
}

export interface ButterDocument {
	id: string;
	name: string;
	type: 'file' | 'text';
	filename?: string;
	content_type?: string;
	size_bytes: number;
	agent_id: string | null;
	status: 'processing' | 'ready';
	created_at: string;
}

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export interface ButterTool {
	id: string;
	name: string;
	description: string;
	webhook_url: string;
	http_method: (typeof HTTP_METHODS)[number];
	headers: Record<string, string>;
	parameters: Record<string, unknown> | null;
	timeout_seconds: number;
	created_at: string;
	updated_at: string;
}

/**
 * What Butter sends a tool is not documented, so the sandbox serves both readings: the arguments
 * as the body (`flat`), or the arguments inside an envelope naming the tool and call (`wrapped`).
 */
export const TOOL_BODY_STYLES = ['flat', 'wrapped'] as const;
export type ToolBodyStyle = (typeof TOOL_BODY_STYLES)[number];

/** One tool request an agent makes, `at_ms` after its call entered in-progress. */
export interface ToolScriptStep {
	at_ms: number;
	tool: string;
	arguments: Record<string, unknown>;
}

/** The tool requests agents make during simulated calls (PUT /_sandbox/butter/tool-script). */
export interface ToolScript {
	steps: ToolScriptStep[];
	/** Only calls of this agent play the script; null: every call. */
	agent_id: string | null;
	body_style: ToolBodyStyle;
}

export interface ButterConversation {
	id: string;
	agent_id: string;
	messages: Array<{ role: 'user' | 'agent'; text: string; at: string }>;
	created_at: string;
}

/**
 * How call status callbacks are sent. Butter documents no signing, so they go unsigned unless a
 * test asks for a scheme (for the trigger's signing options).
 */
export interface CallbackSettings {
	/** System-wide callback URL, used when the call's number has no webhook_url. */
	url: string | null;
	scheme: SignatureScheme | 'none';
	secret: string;
	hmac?: HmacOptions;
	sharedSecretHeader?: string;
	/** Pause between two status changes of a simulated call. */
	stepDelayMs: number;
}

export type ButterPlan = 'starter' | 'pro';

export interface ButterState {
	agents: ButterAgent[];
	/** API key that created each agent (not part of the agent's answer). */
	agentCreatorKeys: Record<string, string>;
	integrations: ButterIntegration[];
	phoneNumbers: ButterPhoneNumber[];
	calls: ButterCall[];
	documents: ButterDocument[];
	tools: ButterTool[];
	conversations: ButterConversation[];
	/** Outcome of calls placed to a number, set through the control API; default completed. */
	outcomes: Record<string, CallOutcome>;
	callbacks: CallbackSettings;
	plan: ButterPlan;
	/** How lists page: as the texts show (`documented`), or every list `cursor`- or `page`-style. */
	listStyle: 'documented' | 'cursor' | 'page';
	/** Tool requests played during every call that reaches in-progress; no steps: none. */
	toolScript: ToolScript;
}
