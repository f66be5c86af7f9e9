export interface AitelierCall {
	id: string;
	session_id: string;
	status: 'queued' | 'dialing' | 'connected' | 'completed' | 'failed';
	scenario: string;
	phone: string;
	metadata: Record<string, unknown>;
	scheduled_for: string | null;
	created_at: string;
}

export interface AitelierState {
	calls: Map<string, AitelierCall>;
	wallet: { balance: { amount: number; currency: string }; transactions: Array<Record<string, unknown>> };
}

export function seedAitelier(): AitelierState {
	return {
		calls: new Map(),
		wallet: {
			balance: { amount: 125.5, currency: 'EUR' },
			transactions: [
				{ id: 'txn_seed0001', type: 'top_up', amount: 200, currency: 'EUR', created_at: '2026-05-01T09:00:00Z' },
				{ id: 'txn_seed0002', type: 'call_charge', amount: -74.5, currency: 'EUR', created_at: '2026-05-10T12:00:00Z' },
			],
		},
	};
}
