import { randomBytes } from 'crypto';

import type {
	AitelierBatch,
	AitelierCall,
	AitelierSession,
	Crawl,
	Invoice,
	KnowledgeFile,
	PhoneOutcome,
	SimulationSettings,
	WebhookSubscription,
} from './model';
import { bulkSessions, seedHistory, seedInvoices, seedKnowledgeFiles } from './seed';

export type { AitelierCall } from './model';

export interface AitelierState {
	calls: Map<string, AitelierCall>;
	sessions: Map<string, AitelierSession>;
	batches: Map<string, AitelierBatch>;
	webhooks: Map<string, WebhookSubscription>;
	knowledgeFiles: Map<string, KnowledgeFile>;
	crawls: Map<string, Crawl>;
	invoices: Invoice[];
	wallet: {
		balance: { amount: number; currency: string };
		transactions: Array<Record<string, unknown>>;
	};
	/** Per phone number, how its calls end (control PUT /aitelier/outcomes); default completed. */
	outcomes: Record<string, PhoneOutcome>;
	simulation: SimulationSettings;
	/** Signs recording URLs; new per reset, so an old URL never outlives a reset. */
	recordingKey: Buffer;
	/** Per subscription, the tail of its deliveries: events reach a receiver in the order emitted. */
	deliveryQueues: Map<string, Promise<void>>;
}

const byId = <T extends { id: string }>(items: T[]) =>
	new Map(items.map((item) => [item.id, item]));

export function seedAitelier(): AitelierState {
	const { sessions, calls } = seedHistory();
	return {
		calls: byId(calls),
		sessions: byId(sessions),
		batches: new Map(),
		webhooks: new Map(),
		knowledgeFiles: byId(seedKnowledgeFiles()),
		crawls: new Map(),
		invoices: seedInvoices(),
		wallet: {
			balance: { amount: 125.5, currency: 'EUR' },
			transactions: [
				{
					id: 'txn_seed0001',
					type: 'top_up',
					amount: 200,
					currency: 'EUR',
					created_at: '2026-05-01T09:00:00Z',
				},
				{
					id: 'txn_seed0002',
					type: 'call_charge',
					amount: -74.5,
					currency: 'EUR',
					created_at: '2026-05-10T12:00:00Z',
				},
			],
		},
		outcomes: {},
		simulation: { stepDelayMs: 50, batchRowIntervalMs: 5, webhookPut: 'merge', fileUrls: 'api' },
		recordingKey: randomBytes(32),
		deliveryQueues: new Map(),
	};
}

/** Adds `count` sessions to page through (see bulkSessions); ids already present are skipped. Returns the new total. */
export function addBulkSessions(aitelier: AitelierState, count: number): number {
	for (const session of bulkSessions(aitelier.sessions.size, count)) {
		if (!aitelier.sessions.has(session.id)) aitelier.sessions.set(session.id, session);
	}
	return aitelier.sessions.size;
}
