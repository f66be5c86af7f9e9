import { type HmacOptions, type SignatureScheme, signPayload } from './signing';

export type DeliveryMutation = 'tamperBody' | 'wrongSecret' | 'staleTimestamp' | 'dropSignature';

export interface DeliveryRequest {
	url: string;
	/** 'none': sent unsigned, as platforms that document no signing do. */
	scheme: SignatureScheme | 'none';
	secret: string;
	payload: unknown;
	hmac?: HmacOptions;
	sharedSecretHeader?: string;
	/** Deliberately broken deliveries, for testing receivers' rejections. */
	mutate?: DeliveryMutation;
}

export interface DeliveryAttempt {
	deliveryId: number;
	url: string;
	event?: string;
	attempt: number;
	status?: number;
	error?: string;
	at: string;
}

export interface WebhookSettings {
	maxAttempts: number;
	baseDelayMs: number;
}

export const defaultWebhookSettings = (): WebhookSettings => ({ maxAttempts: 5, baseDelayMs: 500 });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Signs each delivery with the sandbox's own signer (signing.ts) and retries failures with backoff. */
export class WebhookSender {
	readonly attempts: DeliveryAttempt[] = [];
	private nextId = 1;

	constructor(
		private readonly settings: () => WebhookSettings,
		private readonly now: () => number,
	) {}

	async deliver(
		request: DeliveryRequest,
	): Promise<{ deliveryId: number; delivered: boolean; attempts: DeliveryAttempt[] }> {
		const deliveryId = this.nextId++;
		const rawBody = JSON.stringify(request.payload);
		const event =
			(request.payload as { event?: string; type?: string })?.event ??
			(request.payload as { type?: string })?.type;
		const { maxAttempts, baseDelayMs } = this.settings();
		const tries = request.mutate ? 1 : maxAttempts;
		const mine: DeliveryAttempt[] = [];
		for (let attempt = 1; attempt <= tries; attempt++) {
			// Signed afresh per attempt, as real senders do, so timestamps stay inside the window.
			const { body, headers } = this.sign(rawBody, request);
			const record: DeliveryAttempt = {
				deliveryId,
				url: request.url,
				event,
				attempt,
				at: new Date(this.now()).toISOString(),
			};
			try {
				const response = await fetch(request.url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', ...headers },
					body,
					signal: AbortSignal.timeout(10_000),
				});
				record.status = response.status;
				await response.arrayBuffer();
			} catch (error) {
				record.error = (error as Error).message;
			}
			this.attempts.push(record);
			mine.push(record);
			if (record.status !== undefined && record.status >= 200 && record.status < 300) {
				return { deliveryId, delivered: true, attempts: mine };
			}
			if (attempt < tries) await sleep(baseDelayMs * 2 ** (attempt - 1));
		}
		return { deliveryId, delivered: false, attempts: mine };
	}

	private sign(rawBody: string, request: DeliveryRequest) {
		const nowSeconds = Math.floor(this.now() / 1000);
		const { scheme } = request;
		const headers =
			scheme === 'none' || request.mutate === 'dropSignature'
				? {}
				: signPayload(rawBody, {
						scheme,
						secret: request.mutate === 'wrongSecret' ? `${request.secret}-wrong` : request.secret,
						hmac: request.hmac,
						sharedSecretHeader: request.sharedSecretHeader,
						timestamp: request.mutate === 'staleTimestamp' ? nowSeconds - 3600 : nowSeconds,
					});
		const body = request.mutate === 'tamperBody' ? rawBody.replace(/.$/, ' }') : rawBody;
		return { body, headers };
	}

	clear(): void {
		this.attempts.length = 0;
	}
}
