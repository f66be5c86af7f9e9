import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { forget, recall } from '../../shared/replayMemory';

const memoryKey = (deliveryId: string) => `butter:${deliveryId}`;

// Platforms retry within minutes; a day covers them with room, bounded by the replay memory.
const DUPLICATE_WINDOW_SECONDS = 24 * 60 * 60;

/** One status callback of one call: `<call_sid>:<status>`, or null when the call is unnamed. */
export function deliveryIdOf(payload: IDataObject): string | null {
	const callId = payload.call_sid ?? payload.call_id ?? payload.id;
	const status = String(payload.status ?? '').toLowerCase();
	return typeof callId === 'string' && callId !== '' && status !== ''
		? `${callId}:${status}`
		: null;
}

/**
 * True when this callback was already accepted (a platform retry): kept in the shared replay
 * memory of this process, with static data as its backup. One the memory has had to forget
 * counts as new — a second run beats a lost event, and Remove Duplicates can catch it.
 */
export function isRepeat(context: IWebhookFunctions, deliveryId: string): boolean {
	const now = Math.floor(Date.now() / 1000);
	return recall(context, [memoryKey(deliveryId)], now, DUPLICATE_WINDOW_SECONDS) === 'seen';
}

/** Takes an accepted callback back (its processing failed), so Butter's retry is not a duplicate. */
export function forgetRepeat(context: IWebhookFunctions, deliveryId: string): void {
	forget(context, [memoryKey(deliveryId)]);
}
