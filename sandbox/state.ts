import { FaultInjector } from './faults';
import { IdFactory } from './ids';
import { IdempotencyStore } from './idempotency';
import { Ledger, type LoggedRequest } from './ledger';
import { type PlatformLimits, SlidingWindowLimiter } from './rateLimiter';
import { Scheduler } from './scheduler';
import { ObjectStorage } from './storage';
import { defaultWebhookSettings, WebhookSender, type WebhookSettings } from './webhooks';

/**
 * Each platform's own data, under the key it picks. Empty here: every platform adds its slice by
 * declaration merging in its index.ts (e.g. `butter: ButterState`), so the core imports none.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the platforms
export interface PlatformStates {}

export interface SandboxState extends PlatformStates {
	now: () => number;
	ids: IdFactory;
	/** Per platform id. */
	limits: Record<string, PlatformLimits>;
	limiter: SlidingWindowLimiter;
	idempotency: IdempotencyStore;
	faults: FaultInjector;
	ledger: Ledger;
	requests: LoggedRequest[];
	webhookSettings: WebhookSettings;
	webhooks: WebhookSender;
	scheduler: Scheduler;
	/** Files on another origin (presigned URLs), and who came to fetch them. */
	storage: ObjectStorage;
}

/** What a platform puts back on every reset (the rest of what it registers is in platform.ts). */
export interface PlatformSeed {
	/** Names the platform in limits, faults, the ledger and the request log, e.g. `butter`. */
	id: string;
	/** Its rate limits as after a reset. */
	limits(): PlatformLimits;
	/** Installs its starting data, e.g. `state.butter = seedButter()`. */
	seed(state: SandboxState): void;
}

export function createState(now: () => number, platforms: readonly PlatformSeed[]): SandboxState {
	const state = {
		now,
		ids: new IdFactory(),
		limits: {},
		limiter: new SlidingWindowLimiter(),
		idempotency: new IdempotencyStore(),
		faults: new FaultInjector(),
		ledger: new Ledger(),
		requests: [],
		webhookSettings: defaultWebhookSettings(),
		scheduler: new Scheduler(),
		storage: new ObjectStorage(now),
	} as unknown as SandboxState;
	state.webhooks = new WebhookSender(() => state.webhookSettings, now);
	resetState(state, platforms);
	return state;
}

/** Back to the seeded start: same data, default limits, no faults, empty logs. */
export function resetState(state: SandboxState, platforms: readonly PlatformSeed[]): void {
	state.scheduler.clear();
	state.ids = new IdFactory();
	state.limits = Object.fromEntries(platforms.map((platform) => [platform.id, platform.limits()]));
	state.limiter.clear();
	state.idempotency.clear();
	state.faults.clear();
	state.ledger.clear();
	state.requests.length = 0;
	state.webhookSettings = defaultWebhookSettings();
	state.webhooks.clear();
	state.storage.clear();
	for (const platform of platforms) platform.seed(state);
}
