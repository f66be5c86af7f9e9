import { createHash } from 'crypto';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { SignatureScheme } from './signatures';

// Bounds static data: far more deliveries than any platform sends inside one replay window.
const MAX_REMEMBERED_IDS = 2000;

/**
 * What identifies one signed delivery: the Standard Webhooks id (the signature covers it), or for
 * Stripe-style the signed timestamp + body — not the header, which a replayer could pad with
 * extra `v1=` entries. Schemes without a timestamp have none.
 */
export function replayKey(
	scheme: SignatureScheme,
	rawBody: Buffer,
	webhookId?: string,
	timestamp?: number,
): string | undefined {
	if (scheme === 'standardWebhooks' && webhookId) return `id:${webhookId}`;
	if (scheme === 'stripe' && timestamp !== undefined) {
		return `sig:${createHash('sha256').update(`${timestamp}.`).update(rawBody).digest('hex').slice(0, 32)}`;
	}
	return undefined;
}

interface ReplayMemory {
	/** Accepted deliveries by key, with the unix time they were signed at. */
	seenDeliveries?: Record<string, number>;
	/** Signed at or before this, a delivery may have been forgotten: it is refused, never guessed at. */
	replayFloor?: number;
	/** How many entries seenDeliveries holds, so the bound is checked without counting keys. */
	remembered?: number;
}

/**
 * Replay memory per trigger node, kept in this n8n process: n8n 2.41 does not save static data a
 * production webhook() changes once the workflow has static data (measured: later ids were lost),
 * and concurrent deliveries each get their own copy of it. Static data is the backup that seeds
 * the memory after a restart.
 */
const replayMemories = new Map<string, ReplayMemory>();

function replayMemoryOf(context: IWebhookFunctions): ReplayMemory {
	const node = context.getNode();
	const scope = `${context.getWorkflow().id ?? ''}|${node.id ?? node.name}`;
	let memory = replayMemories.get(scope);
	if (!memory) {
		const stored = context.getWorkflowStaticData('node') as IDataObject & ReplayMemory;
		memory = {
			seenDeliveries: { ...(stored.seenDeliveries ?? {}) },
			replayFloor: stored.replayFloor,
		};
		replayMemories.set(scope, memory);
	}
	return memory;
}

/** What the memory says of a delivery: new, seen within the window, or too old to tell. */
export type Recollection = 'new' | 'seen' | 'forgotten';

/**
 * Remembers accepted deliveries under every key they carry (a signed id, a payload's event id).
 * A look-up and an insert per key; only past MAX_REMEMBERED_IDS are entries that left the window
 * dropped and, if still too many, the oldest forgotten (down to 90 %, so that work happens once
 * per many deliveries) — and from then on anything signed no later than them is 'forgotten':
 * it may be a replay, so it is refused; the platform's retry, signed anew, gets through.
 * Synchronous from read to write, so two deliveries arriving together cannot both pass.
 */
export function recall(
	context: IWebhookFunctions,
	keys: string[],
	signedAt: number,
	windowSeconds: number,
): Recollection {
	const memory = replayMemoryOf(context);
	const now = Math.floor(Date.now() / 1000);
	const seen = (memory.seenDeliveries ??= {});
	const recollection: Recollection = keys.some(
		(key) => seen[key] !== undefined && now - seen[key] <= windowSeconds,
	)
		? 'seen'
		: signedAt <= (memory.replayFloor ?? -Infinity)
			? 'forgotten'
			: 'new';
	if (recollection === 'new') {
		for (const key of keys) {
			if (seen[key] === undefined) memory.remembered = (memory.remembered ?? countOf(seen)) + 1;
			seen[key] = signedAt;
		}
		if ((memory.remembered ?? 0) > MAX_REMEMBERED_IDS) forgetOldest(memory, now, windowSeconds);
	}
	const stored = context.getWorkflowStaticData('node') as IDataObject & ReplayMemory;
	stored.seenDeliveries = memory.seenDeliveries;
	if (memory.replayFloor !== undefined) stored.replayFloor = memory.replayFloor;
	return recollection;
}

const countOf = (seen: Record<string, number>) => Object.keys(seen).length;

/**
 * Takes back what recall() remembered for a delivery the trigger then could not process (it
 * answered 5xx, e.g. a detail fetch failed): the platform's retry is processed, not acknowledged
 * as a duplicate of an event that never started.
 */
export function forget(context: IWebhookFunctions, keys: string[]): void {
	const memory = replayMemoryOf(context);
	const seen = (memory.seenDeliveries ??= {});
	for (const key of keys) {
		if (seen[key] === undefined) continue;
		delete seen[key];
		if (memory.remembered !== undefined) memory.remembered--;
	}
	const stored = context.getWorkflowStaticData('node') as IDataObject & ReplayMemory;
	stored.seenDeliveries = memory.seenDeliveries;
}

function forgetOldest(memory: ReplayMemory, now: number, windowSeconds: number): void {
	const fresh = Object.entries(memory.seenDeliveries ?? {}).filter(
		([, at]) => now - at <= windowSeconds,
	);
	const keep = Math.floor(MAX_REMEMBERED_IDS * 0.9);
	if (fresh.length > keep) {
		fresh.sort(([, a], [, b]) => a - b);
		const forgotten = fresh.splice(0, fresh.length - keep);
		memory.replayFloor = Math.max(
			memory.replayFloor ?? -Infinity,
			forgotten[forgotten.length - 1][1],
		);
	}
	memory.seenDeliveries = Object.fromEntries(fresh);
	memory.remembered = fresh.length;
}
