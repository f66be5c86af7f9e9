import type { ICheckProcessedOptions, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { scrubbedNode } from '../scrub';

/*
 * Where the duplicate-dial guard remembers what it placed: n8n's own deduplication store (the one
 * its Remove Duplicates node uses), kept in n8n's database, so it survives restarts and is shared
 * by every n8n process on that database, manual runs and "Retry execution" included. Workflow
 * static data would not do: it is not saved for manual runs, and a retry "with the original
 * workflow" starts from none and writes its own back over the stored one.
 *
 * The store keeps fingerprints only, without time. A call is claimed as `key@hour` before it is
 * sent and recorded as placed once accepted; a check looks for both in each hour of the window,
 * which also says in which hour. The probes it adds for other hours are removed again at once.
 */

export const HOUR_MS = 3_600_000;
// Room for the claims of long campaigns plus one batch's probes, which are appended before they
// are removed (the store drops its oldest entries beyond this bound).
const STORE_OPTIONS: ICheckProcessedOptions = { mode: 'entries', maxEntries: 500_000 };

/*
 * n8n reads a node's whole record, changes it and writes it back, with no lock: two operations at
 * once (two executions of this node, or two queue-mode workers) lose one's writes, and two first
 * inserts collide on the record's key (measured on PostgreSQL in the queue tier). So operations
 * on one node's record run one at a time in this process, a failed one is tried again after a
 * short random pause, and what must stay (claims, placed calls) is read back and written again
 * when another process's write dropped it.
 */
const STORE_ATTEMPTS = 4;
const storeQueues = new Map<string, Promise<void>>();

async function oneAtATime<T>(context: IExecuteFunctions, work: () => Promise<T>): Promise<T> {
	const node = context.getNode();
	const scope = `${context.getWorkflow().id ?? ''}|${node.id ?? node.name}`;
	const run = (storeQueues.get(scope) ?? Promise.resolve()).then(work);
	const tail = run.then(
		() => undefined,
		() => undefined,
	);
	storeQueues.set(scope, tail);
	try {
		return await run;
	} finally {
		if (storeQueues.get(scope) === tail) storeQueues.delete(scope);
	}
}

async function storeOperation<T>(context: IExecuteFunctions, work: () => Promise<T>): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await oneAtATime(context, work);
		} catch (error) {
			// The callers say what failed in their own words; the node is scrubbed as everywhere.
			if (attempt >= STORE_ATTEMPTS)
				throw new NodeOperationError(scrubbedNode(context.getNode()), error as Error);
			await sleep(50 + Math.floor(Math.random() * 200));
		}
	}
}

/** Records the slots, then reads them back until none is missing (each read writes back what was lost). */
async function recordDurably(context: IExecuteFunctions, slots: string[]): Promise<void> {
	let unsure = slots;
	for (let round = 0; round < STORE_ATTEMPTS && unsure.length; round++) {
		const result = await storeOperation(context, () =>
			context.helpers.checkProcessedAndRecord(unsure, 'node', STORE_OPTIONS),
		);
		// The first round wrote them; a later round finding one new means it had been lost again.
		unsure = round === 0 ? slots : result.new.map(String);
	}
}

export interface Placement {
	executionId?: string;
	at: number;
	callId?: string;
}

/** Placements this n8n process made: when a skip's match is here, it names the execution. */
const recentPlacements = new Map<string, Placement>();
const MAX_REMEMBERED = 20_000;

export function rememberPlacement(key: string, placement: Placement): void {
	recentPlacements.delete(key);
	recentPlacements.set(key, placement);
	if (recentPlacements.size > MAX_REMEMBERED)
		recentPlacements.delete(recentPlacements.keys().next().value as string);
}

export function placementOf(key: string): Placement | undefined {
	return recentPlacements.get(key);
}

export type Claim =
	/** Placed within the window, in this hour. */
	| { placedHour: number }
	/** Claimed in this hour by a run that never recorded the answer: it may have dialled. */
	| { unknownHour: number }
	/** Claimed now, for this run to place. */
	| { claimedHour: number };

/** Written before a call is sent. */
const claimSlot = (key: string, hour: number) => `${key}@${hour}`;
/** Written once the platform has accepted the call. */
const placedSlot = (key: string, hour: number) => `${key}@${hour}+placed`;

/**
 * For each key: already placed within the window (and in which hour), claimed by a run whose
 * outcome is unknown, or now claimed for this run. A key given twice is claimed once.
 */
export async function claimKeys(
	context: IExecuteFunctions,
	keys: string[],
	windowHours: number,
	now: number,
): Promise<Map<string, Claim>> {
	const hour = Math.floor(now / HOUR_MS);
	const hours = Array.from({ length: windowHours + 1 }, (_, back) => hour - back);
	const unique = [...new Set(keys)];
	const probes = unique.flatMap((key) =>
		hours.flatMap((h) => [placedSlot(key, h), claimSlot(key, h)]),
	);
	if (probes.length === 0) return new Map();
	const seen = await storeOperation(context, () =>
		context.helpers.checkProcessedAndRecord(probes, 'node', STORE_OPTIONS),
	);
	const found = new Set(seen.processed.map(String));
	const claims = new Map<string, Claim>();
	for (const key of unique) {
		const placedHour = hours.find((h) => found.has(placedSlot(key, h)));
		const unknownHour = hours.find((h) => found.has(claimSlot(key, h)));
		claims.set(
			key,
			placedHour !== undefined
				? { placedHour }
				: unknownHour !== undefined
					? { unknownHour }
					: { claimedHour: hour },
		);
	}
	const kept = new Set(
		unique.filter((key) => 'claimedHour' in claims.get(key)!).map((key) => claimSlot(key, hour)),
	);
	const spurious = seen.new.map(String).filter((probe) => !kept.has(probe));
	if (spurious.length)
		await storeOperation(context, () =>
			context.helpers.removeProcessed(spurious, 'node', STORE_OPTIONS),
		);
	// Before anything is sent: a claim another process's write dropped is written again.
	if (kept.size) await recordDurably(context, [...kept]);
	return claims;
}

/**
 * After a run's calls have answered: the accepted ones recorded as placed, and the claims of
 * refused ones (nothing dialled) given back so a retry may place them. One write each, since
 * the store is read and rewritten whole.
 */
export async function settleClaims(
	context: IExecuteFunctions,
	placed: Array<{ key: string; hour: number }>,
	refused: Array<{ key: string; hour: number }>,
): Promise<void> {
	if (placed.length)
		await recordDurably(
			context,
			placed.map(({ key, hour }) => placedSlot(key, hour)),
		);
	if (refused.length)
		await storeOperation(context, () =>
			context.helpers.removeProcessed(
				refused.map(({ key, hour }) => claimSlot(key, hour)),
				'node',
				STORE_OPTIONS,
			),
		);
}
