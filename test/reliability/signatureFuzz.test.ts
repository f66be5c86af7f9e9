import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import type { SignatureScheme } from '../../nodes/shared/signatures';
import { signPayload } from '../../sandbox/signing';
import { runWebhook } from '../harness/runWebhook';
import {
	type Delivery,
	type Expectation,
	type MutationKind,
	mutator,
	type Signer,
} from './mutations';
import { table, writeSection } from './report';

jest.setTimeout(600_000);

/** At least 10,000 mutated deliveries per trigger, spread over the schemes it offers. */
const MUTANTS_PER_SCHEME = 2600;
/** One genuine delivery for every few mutants, so acceptance is checked all along. */
const VALID_EVERY = 4;
const SECRET = `whsec_${Buffer.from('fuzzing-secret-of-the-voice-agents-tests').toString('base64')}`;
const NOW_MS = Date.UTC(2026, 11, 1, 12, 0, 0);
const NOW = Math.floor(NOW_MS / 1000);
const TOLERANCE = 300;
const HMAC_HEADER = 'X-Fuzz-Signature';
const SECRET_HEADER = 'X-Fuzz-Secret';

interface TriggerCase {
	label: string;
	node: string;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Aitelier keeps the subscription's secret in static data; the others read their credential. */
	staticData: () => IDataObject;
	payload: (n: number) => IDataObject;
}

const unreachable = 'http://127.0.0.1:9';
const TRIGGERS: TriggerCase[] = [
	{
		label: 'Butter AI Trigger',
		node: 'butterAiTrigger',
		parameters: {
			events: ['group:started', 'group:completed', 'group:failed'],
			registration: 'manual',
		},
		credentials: {
			butterAiApi: { apiKey: 'butter_sk_fuzz', baseUrl: unreachable, signingSecret: SECRET },
		},
		staticData: () => ({}),
		payload: (n) => ({
			call_sid: `call_${n.toString(16).padStart(12, '0')}`,
			status: 'completed',
			duration: 42,
			to_number: '+15551230001',
			agent_name: 'Zoë',
		}),
	},
	{
		label: 'BuildVoiceAI Trigger',
		node: 'buildVoiceAiTrigger',
		parameters: { events: ['call.started', 'call.completed', 'call.failed'] },
		credentials: {
			buildVoiceAiApi: { apiKey: 'bvai_sk_fuzz', baseUrl: unreachable, signingSecret: SECRET },
		},
		staticData: () => ({}),
		payload: (n) => ({
			event: 'call.completed',
			call_id: `c0ffee00-0000-4000-8000-${n.toString().padStart(12, '0')}`,
			duration_seconds: 42,
			agent_name: 'Zoë',
		}),
	},
	{
		label: 'Aitelier Trigger',
		node: 'aitelierTrigger',
		parameters: { events: ['call.completed', 'call.failed'] },
		credentials: { aitelierApi: { apiKey: 'avp_live_fuzz', baseUrl: unreachable } },
		staticData: () => ({ webhookId: 'wh_fuzz', secret: SECRET }),
		payload: (n) => ({
			id: `evt_${n.toString().padStart(12, '0')}`,
			type: 'call.completed',
			created_at: new Date(NOW_MS).toISOString(),
			data: { note: 'Zoë' },
		}),
	},
];

const SCHEMES: Array<{
	/** The scheme the sender signs with. */
	scheme: SignatureScheme;
	/** How the trigger verifies: that scheme, or `auto` (any HMAC scheme whose headers are present). */
	verification?: 'auto';
	/** Only these triggers offer it (automatic verification is BuildVoiceAI's and Aitelier's default). */
	triggers?: string[];
	parameters: INodeParameters;
	signer: Omit<Signer, 'scheme' | 'options'> & { options: Partial<Signer['options']> };
}> = [
	{
		scheme: 'standardWebhooks',
		parameters: { toleranceSeconds: TOLERANCE },
		signer: {
			proofHeader: 'webhook-signature',
			signsBody: true,
			timestamped: true,
			hex: false,
			options: { toleranceSeconds: TOLERANCE },
		},
	},
	{
		scheme: 'stripe',
		parameters: { toleranceSeconds: TOLERANCE },
		signer: {
			proofHeader: 'Stripe-Signature',
			signsBody: true,
			timestamped: true,
			hex: true,
			options: { toleranceSeconds: TOLERANCE },
		},
	},
	{
		scheme: 'hmacSha256',
		parameters: { hmacHeader: HMAC_HEADER, hmacEncoding: 'hex', hmacPrefix: '' },
		signer: {
			proofHeader: HMAC_HEADER,
			signsBody: true,
			timestamped: false,
			hex: true,
			options: { hmac: { header: HMAC_HEADER, encoding: 'hex' } },
		},
	},
	{
		scheme: 'sharedSecret',
		parameters: { verificationHeader: SECRET_HEADER },
		signer: {
			proofHeader: SECRET_HEADER,
			signsBody: false,
			timestamped: false,
			hex: false,
			options: { sharedSecretHeader: SECRET_HEADER },
		},
	},
	...(
		[
			{
				scheme: 'standardWebhooks',
				proofHeader: 'webhook-signature',
				timestamped: true,
				hex: false,
				options: {},
			},
			{
				scheme: 'stripe',
				proofHeader: 'Stripe-Signature',
				timestamped: true,
				hex: true,
				options: {},
			},
			{
				scheme: 'hmacSha256',
				proofHeader: 'X-Hub-Signature-256',
				timestamped: false,
				hex: true,
				options: { hmac: { header: 'X-Hub-Signature-256', encoding: 'hex', prefix: 'sha256=' } },
			},
		] as const
	).map(({ scheme, options, ...signer }) => ({
		scheme,
		verification: 'auto' as const,
		triggers: ['buildVoiceAiTrigger', 'aitelierTrigger'],
		parameters: { toleranceSeconds: TOLERANCE },
		signer: {
			...signer,
			signsBody: true,
			auto: true,
			options: { toleranceSeconds: TOLERANCE, ...options },
		},
	})),
];
const labelOf = ({ scheme, verification }: (typeof SCHEMES)[number]) =>
	verification ? `auto (sent ${scheme})` : scheme;
const schemesOf = (trigger: TriggerCase) =>
	SCHEMES.filter((entry) => !entry.triggers || entry.triggers.includes(trigger.node)).map(
		(entry) => ({ ...entry, label: labelOf(entry) }),
	);

interface Tally {
	sent: number;
	accepted: number;
	rejected: number;
	falseAccepts: string[];
	falseRejects: string[];
	crashes: string[];
	byKind: Map<string, { sent: number; accepted: number; rejected: number }>;
}

const results: Array<{ trigger: string; scheme: string; tally: Tally; valid: Tally }> = [];

const emptyTally = (): Tally => ({
	sent: 0,
	accepted: 0,
	rejected: 0,
	falseAccepts: [],
	falseRejects: [],
	crashes: [],
	byKind: new Map(),
});

describe.each(TRIGGERS)('$label: mutated deliveries through webhook()', (trigger) => {
	beforeAll(() => {
		// A pinned clock makes "1 s inside / outside the window" exact on a busy machine.
		jest.spyOn(Date, 'now').mockReturnValue(NOW_MS);
	});
	afterAll(() => jest.restoreAllMocks());

	it.each(schemesOf(trigger))(
		`${MUTANTS_PER_SCHEME} mutants, $label: no crash, no false accept, every genuine delivery accepted`,
		async ({ scheme, verification, label, parameters, signer }) => {
			let counter = 0;
			const freshBody = () => Buffer.from(JSON.stringify(trigger.payload(++counter)));
			const fullSigner: Signer = {
				scheme,
				...signer,
				options: { scheme, secret: SECRET, ...signer.options },
			};
			const make = mutator(fullSigner, freshBody, NOW, 0x5eed + counter + scheme.length);
			let staticData = trigger.staticData();

			const deliver = async (delivery: Delivery) => {
				const run = await runWebhook({
					node: trigger.node,
					parameters: {
						...trigger.parameters,
						verification: verification ?? scheme,
						...parameters,
					},
					credentials: trigger.credentials,
					request: {
						rawBody: delivery.body,
						headers: { 'content-type': 'application/json', ...delivery.headers } as Record<
							string,
							string | string[]
						>,
					},
					staticData,
				});
				staticData = run.staticData;
				return {
					refused: run.response.statusCode === 401,
					started: !!run.result.workflowData?.[0]?.length,
				};
			};

			const tally = emptyTally();
			const valid = emptyTally();
			const check = (
				into: Tally,
				kind: string,
				expectation: Expectation,
				refused: boolean,
				started = !refused,
			) => {
				into.sent++;
				const row = into.byKind.get(kind) ?? { sent: 0, accepted: 0, rejected: 0 };
				row.sent++;
				if (expectation === 'noStart') {
					// A replay: refused, or answered 200 as a duplicate — either way nothing may start.
					if (started) {
						into.accepted++;
						row.accepted++;
						into.falseAccepts.push(kind);
					} else {
						into.rejected++;
						row.rejected++;
					}
				} else if (refused) {
					into.rejected++;
					row.rejected++;
					if (expectation === 'accept') into.falseRejects.push(kind);
				} else {
					into.accepted++;
					row.accepted++;
					if (expectation === 'reject') into.falseAccepts.push(kind);
				}
				into.byKind.set(kind, row);
			};

			for (let i = 0; tally.sent < MUTANTS_PER_SCHEME; i++) {
				if (i % VALID_EVERY === 0) {
					const genuine = make.valid();
					const { refused, started } = await deliver(genuine);
					check(valid, 'genuine', 'accept', refused);
					if (!started) valid.falseRejects.push('genuine delivery started no workflow');
					make.remember(genuine);
				}
				const kind: MutationKind = make.kinds[i % make.kinds.length];
				const mutant = make.mutate(kind);
				if (!mutant) continue;
				try {
					const { refused, started } = await deliver(mutant);
					check(tally, kind, mutant.expect, refused, started);
				} catch (error) {
					tally.sent++;
					tally.crashes.push(`${kind}: ${(error as Error).message}`);
				}
			}
			results.push({ trigger: trigger.label, scheme: label, tally, valid });
			expect(tally.crashes).toEqual([]);
			expect(tally.falseAccepts).toEqual([]);
			expect(tally.falseRejects).toEqual([]);
			expect(valid.falseRejects).toEqual([]);
			expect(valid.accepted).toBe(valid.sent);
		},
	);
});

afterAll(async () => {
	// A partial run (e.g. -t) must not overwrite the full table.
	if (results.length !== TRIGGERS.reduce((n, trigger) => n + schemesOf(trigger).length, 0)) return;
	const perTrigger = TRIGGERS.map((trigger) => {
		const mine = results.filter((r) => r.trigger === trigger.label);
		const sum = (read: (r: (typeof results)[number]) => number) =>
			mine.reduce((total, r) => total + read(r), 0);
		return [
			trigger.label,
			mine.map((r) => r.scheme).join(', '),
			sum((r) => r.tally.sent),
			sum((r) => r.tally.rejected),
			sum((r) => r.tally.accepted),
			sum((r) => r.tally.falseAccepts.length),
			sum((r) => r.tally.crashes.length),
			`${sum((r) => r.valid.accepted)} / ${sum((r) => r.valid.sent)}`,
		];
	});
	const kinds = new Map<
		string,
		{ sent: number; accepted: number; rejected: number; schemes: Set<string> }
	>();
	for (const { scheme, tally } of results) {
		for (const [kind, row] of tally.byKind) {
			const into = kinds.get(kind) ?? {
				sent: 0,
				accepted: 0,
				rejected: 0,
				schemes: new Set<string>(),
			};
			into.sent += row.sent;
			into.accepted += row.accepted;
			into.rejected += row.rejected;
			if (row.accepted) into.schemes.add(scheme);
			kinds.set(kind, into);
		}
	}
	await writeSection(
		'signatures',
		'2. Signature fuzzing — nothing forged',
		`Every trigger's \`webhook()\` (through n8n-core's \`WebhookContext\`, replay memory in its static
data) receives at least 10,000 mutated deliveries — ${MUTANTS_PER_SCHEME} per verification scheme it offers, each made
from a fresh genuinely signed one — interleaved with genuine deliveries. The clock is pinned so
"1 s inside / outside the ${TOLERANCE} s window" is exact. Expected answers come from the mutation, not from the
verifier: a false accept is a mutant accepted that changed what the proof covers. A replay of an
accepted delivery inside the window must start nothing: BuildVoiceAI and Aitelier answer it 200 as
a duplicate (a platform's retry is no failure), counted with the refused. "auto (sent …)" is
automatic verification receiving that scheme.

${table(['trigger', 'schemes', 'mutants', 'refused (401) or duplicate', 'accepted', 'false accepts', 'crashes', 'genuine accepted'], perTrigger)}

By mutation (all triggers and schemes). "Accepted" is by design where noted:

${table(
	['mutation', 'sent', 'refused', 'accepted', 'accepted where'],
	[...kinds.entries()].map(([kind, row]) => [
		kind,
		row.sent,
		row.rejected,
		row.accepted,
		acceptedWhy(kind, [...row.schemes]),
	]),
)}`,
	);
});

function acceptedWhy(kind: string, schemes: string[]): string {
	if (!schemes.length) return '—';
	const reasons: Record<string, string> = {
		'body bit flip': 'the shared-secret header does not sign the body',
		'body in another encoding': 'the shared-secret header does not sign the body',
		'replayed delivery':
			'no timestamp, so no replay window (documented); a payload event id (Aitelier) still starts nothing',
		'signature in another encoding':
			'automatic verification reads a bare body HMAC in hex or base64: the same proof',
		'wrong scheme':
			'automatic verification accepts any HMAC scheme signed with the secret: genuine',
		'proof bit flip': 'a hex letter changed case: the same signature',
		'header doubled (joined ", ")':
			'the genuine signature is still in the list (key rotation lists several)',
		'timestamp 1 s inside the window (old side)': 'inside the window: genuine',
		'timestamp 1 s inside the window (future side)': 'inside the window: genuine',
	};
	return `${schemes.join(', ')} — ${reasons[kind] ?? 'unexpected'}`;
}

describe('replay memory past its bound (2,000 deliveries inside one window)', () => {
	it('what it had to forget cannot be replayed; a delivery signed after that still gets through', async () => {
		const spy = jest.spyOn(Date, 'now').mockReturnValue(NOW_MS);
		const trigger = TRIGGERS[1];
		let staticData: IDataObject = {};
		const deliver = async (n: number, signedAt: number, headers?: Record<string, string>) => {
			const body = JSON.stringify(trigger.payload(n));
			const signed =
				headers ??
				(signPayload(body, {
					scheme: 'standardWebhooks',
					secret: SECRET,
					timestamp: signedAt,
					webhookId: `msg_${n}`,
				}) as Record<string, string>);
			const run = await runWebhook({
				node: trigger.node,
				parameters: { ...trigger.parameters, verification: 'standardWebhooks' },
				credentials: trigger.credentials,
				request: { rawBody: body, headers: { 'content-type': 'application/json', ...signed } },
				staticData,
			});
			staticData = run.staticData;
			return {
				refused: run.response.statusCode === 401,
				started: !!run.result.workflowData?.[0]?.length,
				headers: signed,
			};
		};
		// The first delivery is the oldest one signed; 2,000 later ones push it out of memory.
		const first = await deliver(0, NOW - 200);
		expect(first.refused).toBe(false);
		for (let n = 1; n <= 2000; n++)
			expect((await deliver(n, NOW - 100 + (n % 50))).refused).toBe(false);
		// Past the bound the oldest are forgotten, down to 90 % of it.
		expect(Object.keys(staticData.seenDeliveries as IDataObject).length).toBeLessThanOrEqual(2000);
		expect(staticData.replayFloor).toBeGreaterThanOrEqual(NOW - 200);
		expect((await deliver(0, NOW - 200, first.headers)).refused).toBe(true);
		// Signed no later than what was forgotten: it may be a replay, so it is refused…
		expect((await deliver(5000, NOW - 200)).refused).toBe(true);
		// …while anything signed after it is judged by its own id, as before (the 2,000 were signed NOW-100 … NOW-51).
		expect((await deliver(5001, NOW - 40)).refused).toBe(false);
		// The same id again is a duplicate: since issue 15 answered 200, and nothing is started.
		expect(await deliver(5001, NOW - 40)).toMatchObject({ refused: false, started: false });
		spy.mockRestore();
	});
});

describe('replay memory when n8n does not save static data', () => {
	it('a replay to the same workflow starts nothing although static data came back empty; another workflow is not affected', async () => {
		const trigger = TRIGGERS[1];
		const body = JSON.stringify(trigger.payload(77));
		const headers = signPayload(body, { scheme: 'standardWebhooks', secret: SECRET }) as Record<
			string,
			string
		>;
		// n8n 2.41 hands a production webhook() its static data as last saved — here: never saved.
		const deliver = (workflowId: string) =>
			runWebhook({
				node: trigger.node,
				parameters: { ...trigger.parameters, verification: 'standardWebhooks' },
				credentials: trigger.credentials,
				request: { rawBody: body, headers: { 'content-type': 'application/json', ...headers } },
				staticData: {},
				workflowId,
			});
		expect((await deliver('wf-replay-a')).result.workflowData?.[0]).toHaveLength(1);
		// Since issue 15 a verified duplicate is answered 200 (a platform retry is no failure), starting nothing.
		const replay = await deliver('wf-replay-a');
		expect(replay.response.statusCode).toBeUndefined();
		expect(replay.result).toEqual({
			webhookResponse: { received: true, ignored: 'duplicate delivery' },
		});
		expect((await deliver('wf-replay-b')).result.workflowData?.[0]).toHaveLength(1);
	});
});
