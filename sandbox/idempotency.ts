import { canonicalJson } from './ids';

export interface StoredResponse {
	status: number;
	body: unknown;
}

interface Entry {
	bodyKey: string;
	firstSeen: number;
	/** Settles with the handler's response, even if a fault replaced what went over the wire. */
	response: Promise<StoredResponse>;
}

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export type IdempotencyOutcome =
	| { kind: 'fresh'; complete: (response: StoredResponse) => void; fail: () => void }
	| { kind: 'replay'; response: StoredResponse }
	| { kind: 'conflict' };

/**
 * Keys are scoped per API key and live 24 h from first receipt. A second request with the same
 * key while the first is in flight waits for it and replays its answer.
 */
export class IdempotencyStore {
	private readonly entries = new Map<string, Entry>();

	async begin(
		apiKey: string,
		key: string,
		body: unknown,
		now: number,
	): Promise<IdempotencyOutcome> {
		const scoped = `${apiKey}\u0000${key}`;
		const bodyKey = canonicalJson(body);
		const existing = this.entries.get(scoped);
		if (existing && now - existing.firstSeen < IDEMPOTENCY_TTL_MS) {
			if (existing.bodyKey !== bodyKey) return { kind: 'conflict' };
			try {
				return { kind: 'replay', response: await existing.response };
			} catch {
				// The first attempt failed before acting: this one may act.
			}
		}
		let complete!: (response: StoredResponse) => void;
		let fail!: () => void;
		const response = new Promise<StoredResponse>((resolve, reject) => {
			complete = resolve;
			fail = () => reject(new Error('not completed'));
		});
		response.catch(() => undefined);
		this.entries.set(scoped, { bodyKey, firstSeen: now, response });
		return {
			kind: 'fresh',
			complete,
			fail: () => {
				this.entries.delete(scoped);
				fail();
			},
		};
	}

	clear(): void {
		this.entries.clear();
	}
}
