import { FaultInjector } from './faults';
import { IdFactory } from './ids';
import { IdempotencyStore } from './idempotency';
import { Ledger, type LoggedRequest } from './ledger';
import type { Platform } from './platforms';
import { defaultLimits, type PlatformLimits, SlidingWindowLimiter } from './rateLimiter';
import { Scheduler } from './scheduler';
import { defaultWebhookSettings, WebhookSender, type WebhookSettings } from './webhooks';
import { seedButter, type ButterState } from './butter/data';
import { seedBuildVoiceAi, type BuildVoiceAiState } from './buildvoiceai/data';
import { seedAitelier, type AitelierState } from './aitelier/data';

export interface SandboxState {
	now: () => number;
	ids: IdFactory;
	limits: Record<Platform, PlatformLimits>;
	limiter: SlidingWindowLimiter;
	idempotency: IdempotencyStore;
	faults: FaultInjector;
	ledger: Ledger;
	requests: LoggedRequest[];
	webhookSettings: WebhookSettings;
	webhooks: WebhookSender;
	scheduler: Scheduler;
	butter: ButterState;
	buildVoiceAi: BuildVoiceAiState;
	aitelier: AitelierState;
}

export function createState(now: () => number): SandboxState {
	const state = {
		now,
		ids: new IdFactory(),
		limits: defaultLimits(),
		limiter: new SlidingWindowLimiter(),
		idempotency: new IdempotencyStore(),
		faults: new FaultInjector(),
		ledger: new Ledger(),
		requests: [],
		webhookSettings: defaultWebhookSettings(),
		scheduler: new Scheduler(),
	} as unknown as SandboxState;
	state.webhooks = new WebhookSender(() => state.webhookSettings, now);
	resetState(state);
	return state;
}

/** Back to the seeded start: same data, default limits, no faults, empty logs. */
export function resetState(state: SandboxState): void {
	state.scheduler.clear();
	state.ids = new IdFactory();
	state.limits = defaultLimits();
	state.limiter.clear();
	state.idempotency.clear();
	state.faults.clear();
	state.ledger.clear();
	state.requests.length = 0;
	state.webhookSettings = defaultWebhookSettings();
	state.webhooks.clear();
	state.butter = seedButter();
	state.buildVoiceAi = seedBuildVoiceAi();
	state.aitelier = seedAitelier();
}
