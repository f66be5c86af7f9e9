import type { SandboxState } from '../state';
import { iso } from './common';
import type { EventType } from './model';

/**
 * Emits one event to every active subscription that lists its type: `{id, type, created_at,
 * data}`, signed Standard Webhooks with that subscription's secret. Deliveries to one subscription
 * are queued behind each other, so its receiver sees a call's events in order, while the call
 * itself never waits for a slow receiver.
 */
export function emitEvent(state: SandboxState, type: EventType, data: unknown): void {
	const world = state.aitelier;
	const now = state.now();
	for (const subscription of world.webhooks.values()) {
		if (!subscription.active || !subscription.events.includes(type)) continue;
		const payload = { id: state.ids.hex('evt_'), type, created_at: iso(now), data };
		state.ledger.record(
			{
				platform: 'aitelier',
				action: 'webhook.sent',
				resourceId: payload.id,
				details: { type, subscriptionId: subscription.id },
			},
			now,
		);
		const { url, secret } = subscription;
		const previous = world.deliveryQueues.get(subscription.id) ?? Promise.resolve();
		const delivery = previous
			.then(() => state.webhooks.deliver({ url, scheme: 'standardWebhooks', secret, payload }))
			.then(
				() => undefined,
				() => undefined,
			);
		world.deliveryQueues.set(subscription.id, delivery);
		// Tracked by the scheduler, so GET /_sandbox/scheduler counts deliveries still under way.
		state.scheduler.after(0, () => delivery);
	}
}
