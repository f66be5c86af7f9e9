import type { IWebhookFunctions } from 'n8n-workflow';

import {
	type SignatureOptions,
	type SignatureScheme,
	verifySignature,
} from '../nodes/shared/signatures';
import { verifyDelivery } from '../nodes/shared/webhookVerification';
import { signPayload } from '../sandbox/signing';
import type { Figure, Section } from './report';
import { median, ratio, times, us } from './stats';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SCHEMES: SignatureScheme[] = ['standardWebhooks', 'stripe', 'hmacSha256', 'sharedSecret'];
/** Each event costs milliseconds with a full replay memory: fewer per pass keep the bench short. */
const FULL_MEMORY_EVENTS = 300;

/** A call.completed event of the size the platforms send (~0.6 kB). */
export function samplePayload(n: number): Record<string, unknown> {
	return {
		event: 'call.completed',
		call_id: `3f6c1a2e-0000-4000-8000-${String(n).padStart(12, '0')}`,
		status: 'completed',
		agent_id: 'b1d3c5e7-1111-4222-8333-944455566677',
		agent_name: 'Sales Bot',
		direction: 'outbound',
		phone_number: '+15551230001',
		duration_seconds: 94,
		started_at: '2026-05-13T18:40:00.000Z',
		ended_at: '2026-05-13T18:41:34.000Z',
		sentiment: 'positive',
		summary:
			'The lead asked for a callback on Thursday afternoon and confirmed the email address on file.',
		metadata: { lead_id: `L-${1000 + n}`, campaign: 'spring' },
	};
}

interface Delivery {
	body: Buffer;
	headers: Record<string, string>;
}

/** Steady traffic of 50 events/s: the n-th delivery's signing time, starting 40 s ago (inside the 300 s window). */
const steadyTraffic = (start: number) => (n: number) => start + Math.floor(n / 50);

/**
 * Signed deliveries prepared up front, so only the receiving side is timed; each has its own id,
 * signed at `signedAt(n)` (unix seconds; default now).
 */
function deliveries(
	scheme: SignatureScheme,
	count: number,
	signedAt?: (n: number) => number,
): Delivery[] {
	return Array.from({ length: count }, (_, n) => {
		const body = Buffer.from(JSON.stringify(samplePayload(n)));
		const signed = signPayload(body, { scheme, secret: SECRET, timestamp: signedAt?.(n) });
		// As n8n hands them over: lower-case names.
		const headers = Object.fromEntries(
			Object.entries(signed).map(([name, value]) => [name.toLowerCase(), value]),
		);
		return { body, headers: { 'content-type': 'application/json', ...headers } };
	});
}

/** µs per call of `work` over `items`, median of `batches` passes. */
function microseconds<T>(items: T[], batches: number, work: (item: T) => unknown): number {
	const perBatch: number[] = [];
	for (let batch = 0; batch < batches; batch++) {
		const started = process.hrtime.bigint();
		for (const item of items) work(item);
		perBatch.push(Number(process.hrtime.bigint() - started) / 1000 / items.length);
	}
	return median(perBatch);
}

function optionsFor(scheme: SignatureScheme): SignatureOptions {
	return { scheme, secret: SECRET };
}

let triggerNodes = 0;

/**
 * The few IWebhookFunctions members verifyDelivery reads, over one prepared delivery at a time.
 * Each context is its own trigger node, so its replay memory (kept per node) starts from `staticData`.
 */
function fakeTriggerContext(choice: SignatureScheme | 'none', staticData: Record<string, unknown>) {
	const current: { delivery?: Delivery } = {};
	const node = { id: `bench-trigger-${++triggerNodes}`, name: 'Trigger' };
	const context = {
		getNode: () => node,
		getWorkflow: () => ({ id: 'bench-verification' }),
		getNodeParameter: (name: string, fallback?: unknown) =>
			name === 'verification' ? choice : fallback,
		getRequestObject: () => ({ rawBody: current.delivery!.body }),
		getHeaderData: () => current.delivery!.headers,
		getWorkflowStaticData: () => staticData,
	} as unknown as IWebhookFunctions;
	return { context, use: (delivery: Delivery) => (current.delivery = delivery) };
}

/**
 * A replay memory as full as steady traffic makes it: the module keeps at most 2,000 ids, here
 * the 40 s at 50 events/s before `start`, so the timed deliveries are all signed later.
 */
function fullReplayMemory(start: number): Record<string, unknown> {
	const seen = Array.from({ length: 2000 }, (_, n) => [
		`id:msg_prefill_${n}`,
		steadyTraffic(start - 40)(n),
	]);
	return { seenDeliveries: Object.fromEntries(seen) };
}

/** Per-event cost of signature verification, in-process: the module alone and the triggers' whole check. */
export function measureVerificationCost(options: { events: number; batches: number }): Section {
	const figures: Figure[] = [];
	const parseBaseline = microseconds(
		deliveries('sharedSecret', options.events),
		options.batches,
		(d) => JSON.parse(d.body.toString('utf8')),
	);
	for (const scheme of SCHEMES) {
		const prepared = deliveries(scheme, options.events);
		const cost = microseconds(prepared, options.batches, (d) => {
			if (!verifySignature(d.body, d.headers, optionsFor(scheme)).valid)
				throw new Error(`${scheme}: a valid delivery was refused`);
		});
		figures.push({
			figure: `verifySignature, ${scheme}`,
			ours: us(cost),
			baseline: `JSON.parse of the same body: ${us(parseBaseline)}`,
			ratio: times(ratio(cost, parseBaseline)),
		});
	}

	// The triggers' whole check: parameters, raw body, signature and (Standard Webhooks) replay memory.
	const unsigned = fakeTriggerContext('none', {});
	const unsignedDeliveries = deliveries('sharedSecret', options.events);
	const offCost = microseconds(unsignedDeliveries, options.batches, (d) => {
		unsigned.use(d);
		return verifyDelivery(unsigned.context, SECRET);
	});
	const replayScheme: SignatureScheme = 'standardWebhooks';
	const emptyMemory = fakeTriggerContext(replayScheme, {});
	const emptyCost = microseconds(deliveries(replayScheme, 200), 1, (d) => {
		emptyMemory.use(d);
		return verifyDelivery(emptyMemory.context, SECRET);
	});
	figures.push({
		figure:
			'verifyDelivery (the triggers’ check), Standard Webhooks, first 200 events (replay memory filling)',
		ours: us(emptyCost),
		baseline: `verification Off: ${us(offCost)}`,
		ratio: `+${us(emptyCost - offCost)} per event`,
	});
	// Fresh deliveries per batch: an id seen in an earlier batch would (rightly) be refused as a replay.
	const perBatch: number[] = [];
	for (let batch = 0; batch < options.batches; batch++) {
		const start = Math.floor(Date.now() / 1000) - 40;
		const signed = fakeTriggerContext(replayScheme, fullReplayMemory(start));
		perBatch.push(
			microseconds(deliveries(replayScheme, FULL_MEMORY_EVENTS, steadyTraffic(start)), 1, (d) => {
				signed.use(d);
				const verdict = verifyDelivery(signed.context, SECRET);
				if (!verdict.accepted) throw new Error(`a valid delivery was refused: ${verdict.reason}`);
			}),
		);
	}
	const fullCost = median(perBatch);
	figures.push({
		figure:
			'verifyDelivery (the triggers’ check), Standard Webhooks, replay memory full (2,000 ids)',
		ours: us(fullCost),
		baseline: `verification Off: ${us(offCost)}`,
		ratio: `+${us(fullCost - offCost)} per event`,
	});
	const standard = figures[0].ours;
	return {
		headline: [
			{
				figure:
					'Cost of verification per event, in-process: Standard Webhooks signature · the triggers’ whole check, replay memory empty → full',
				result: `${standard} · ${us(emptyCost)} → ${us(fullCost)}`,
				target: '—',
			},
		],
		title: '3b. Cost of verification per event (in-process)',
		method:
			`${options.events} signed deliveries per pass (${FULL_MEMORY_EVENTS} with a full replay memory), prepared before timing (a call.completed event of ` +
			`${JSON.stringify(samplePayload(0)).length} bytes, each with its own id); µs per event, median of ${options.batches} passes ` +
			`on Node ${process.version}.`,
		figures,
	};
}
