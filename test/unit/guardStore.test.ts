import type { IExecuteFunctions } from 'n8n-workflow';

import { claimKeys, HOUR_MS, settleClaims } from '../../nodes/shared/dialGuard/guardStore';
import { InMemoryDeduplicationStore } from '../harness/deduplicationStore';

/** A node's view of the store, as n8n's execute context binds it to workflow + node. */
function nodeWithStore(store: InMemoryDeduplicationStore, nodeId = 'node-1') {
	const scope = { workflow: { id: 'wf-1', active: false }, node: { id: nodeId } as never };
	return {
		// The guard queues a node's store operations by workflow + node, as n8n's context names them.
		getNode: () => ({ id: nodeId, name: nodeId }),
		getWorkflow: () => ({ id: 'wf-1' }),
		helpers: {
			checkProcessedAndRecord: async (items: string[], kind: 'node', options: never) =>
				await store.checkProcessedAndRecord(items, kind, scope, options),
			removeProcessed: async (items: string[], kind: 'node') =>
				await store.removeProcessed(items, kind, scope),
		},
	} as unknown as IExecuteFunctions;
}

const T0 = Date.UTC(2026, 11, 2, 9, 30);
const HOUR = Math.floor(T0 / HOUR_MS);

describe('the duplicate guard’s memory in n8n’s deduplication store', () => {
	it('claims a new key, finds it placed in its hour, and forgets it after the window', async () => {
		const store = new InMemoryDeduplicationStore();
		const node = nodeWithStore(store);
		expect((await claimKeys(node, ['k1'], 24, T0)).get('k1')).toEqual({ claimedHour: HOUR });
		await settleClaims(node, [{ key: 'k1', hour: HOUR }], []);
		expect((await claimKeys(node, ['k1'], 24, T0 + 23 * HOUR_MS)).get('k1')).toEqual({
			placedHour: HOUR,
		});
		// The last hour the window reaches back to, then one past it.
		expect((await claimKeys(node, ['k1'], 24, T0 + 24 * HOUR_MS)).get('k1')).toEqual({
			placedHour: HOUR,
		});
		expect((await claimKeys(node, ['k1'], 24, T0 + 25 * HOUR_MS)).get('k1')).toEqual({
			claimedHour: HOUR + 25,
		});
	});

	it('a claim never settled is an unknown outcome; a refused one is given back', async () => {
		const store = new InMemoryDeduplicationStore();
		const node = nodeWithStore(store);
		await claimKeys(node, ['sent', 'refused'], 24, T0);
		await settleClaims(node, [], [{ key: 'refused', hour: HOUR }]);
		const again = await claimKeys(node, ['sent', 'refused'], 24, T0 + 60_000);
		expect(again.get('sent')).toEqual({ unknownHour: HOUR });
		expect(again.get('refused')).toEqual({ claimedHour: HOUR });
	});

	it('keeps one entry per claim: the probes for other hours are removed at once', async () => {
		const store = new InMemoryDeduplicationStore();
		const node = nodeWithStore(store);
		await claimKeys(node, ['a', 'b', 'c'], 72, T0);
		expect([...store.rows.values()].map((row) => row.length)).toEqual([3]);
	});

	it('is per node: another node of the workflow has its own', async () => {
		const store = new InMemoryDeduplicationStore();
		await claimKeys(nodeWithStore(store, 'node-1'), ['k'], 24, T0);
		const other = await claimKeys(nodeWithStore(store, 'node-2'), ['k'], 24, T0);
		expect(other.get('k')).toEqual({ claimedHour: HOUR });
	});
});
