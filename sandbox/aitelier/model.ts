/** The Aitelier records the sandbox keeps, in the shapes the API answers with. */

export type CallStatus = 'queued' | 'dialing' | 'connected' | 'completed' | 'failed';
export const CALL_STATUSES: readonly CallStatus[] = [
	'queued',
	'dialing',
	'connected',
	'completed',
	'failed',
];
export const TERMINAL: ReadonlySet<CallStatus> = new Set(['completed', 'failed']);

export interface Money {
	amount: number;
	currency: string;
}

export interface AitelierCall {
	id: string;
	session_id: string;
	batch_id: string | null;
	status: CallStatus;
	scenario: string;
	phone: string;
	metadata: Record<string, unknown>;
	scheduled_for: string | null;
	/** Why a failed call failed (`no_answer`, `call_failed`); null otherwise. */
	error: string | null;
	created_at: string;
}

export type SessionOutcome = 'success' | 'real_conversation' | 'spam_silent';

export interface AitelierSession {
	id: string;
	call_id: string | null;
	batch_id: string | null;
	scenario: string;
	phone: string;
	status: 'active' | 'ended';
	started_at: string;
	ended_at: string | null;
	duration_seconds: number;
	goal_achieved: boolean | null;
	outcome: SessionOutcome | null;
	slot_values: Record<string, unknown>;
	metadata: Record<string, unknown>;
	costs: Money;
	created_at: string;
}

export interface BatchRow {
	row: number;
	phone: string;
	scenario: string | null;
	metadata: Record<string, unknown>;
	status: CallStatus;
	call_id: string | null;
	session_id: string | null;
	goal_achieved: boolean | null;
	error: string | null;
}

export interface AitelierBatch {
	id: string;
	name: string;
	status: 'processing' | 'completed';
	scenario: string | null;
	scheduled_for: string | null;
	rows: BatchRow[];
	created_at: string;
	started_at: string | null;
	completed_at: string | null;
}

export const EVENT_TYPES = [
	'call.started',
	'call.completed',
	'call.failed',
	'session.ended',
	'batch.started',
	'batch.completed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface WebhookSubscription {
	id: string;
	url: string;
	events: EventType[];
	description: string | null;
	active: boolean;
	/** Shown once, in the create answer; every other answer leaves it out. */
	secret: string;
	created_at: string;
}

export interface KnowledgeFile {
	id: string;
	filename: string;
	content_type: string;
	size_bytes: number;
	status: 'indexing' | 'ready';
	created_at: string;
}

export interface Crawl {
	id: string;
	url: string;
	max_pages: number;
	status: 'queued';
	created_at: string;
}

export interface Invoice {
	id: string;
	period: string;
	amount: number;
	currency: string;
	status: 'paid' | 'open';
	issued_at: string;
}

/**
 * How a number's calls end (control PUT /aitelier/outcomes). `completed` ends in success; the
 * two other conversation outcomes are sandbox extras for testing summaries.
 */
export const PHONE_OUTCOMES = [
	'completed',
	'failed',
	'no-answer',
	'real_conversation',
	'spam_silent',
] as const;
export type PhoneOutcome = (typeof PHONE_OUTCOMES)[number];

export interface SimulationSettings {
	stepDelayMs: number;
	batchRowIntervalMs: number;
	/**
	 * The text says only "PUT /v1/webhooks/{id} — update a subscription": a PUT may merge the
	 * fields given or replace the record. Both are served (default merge) so the node is tested
	 * against each.
	 */
	webhookPut: 'merge' | 'replace';
	/**
	 * "A short-lived signed URL to the audio file", "PDFs available for download": the text does
	 * not say on which host. `api` serves files on the API host (default), `storage` hands out a
	 * presigned URL on another origin, `api-redirect` answers the API-host URL with a 302 there.
	 */
	fileUrls: 'api' | 'storage' | 'api-redirect';
}
