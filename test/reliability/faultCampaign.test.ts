import { useSandbox } from '../harness/sandbox';
import {
	type CampaignOutcome,
	type CampaignPlatform,
	CAMPAIGNS,
	FAULT_SHARE,
	runCampaign,
	TIMEOUT_MS,
	UNKNOWN_OUTCOME,
} from './campaign';
import { table, writeSection } from './report';

const sandbox = useSandbox();
const SIZE = 1000;
const outcomes: CampaignOutcome[] = [];

jest.setTimeout(600_000);

/** Each lead: dialled once and reported, or reported failed with the reason — nothing else. */
function expectNothingLostNothingTwice(outcome: CampaignOutcome) {
	expect(outcome.duplicates).toBe(0);
	expect(outcome.silentlyLost).toBe(0);
	expect(outcome.wrongCallId).toBe(0);
	expect(
		outcome.succeeded + outcome.unknownDialled + outcome.unknownNotDialled + outcome.failedOther,
	).toBe(SIZE);
	// The campaign really met faults of every kind.
	const injected = Object.values(outcome.faultsInjected).reduce((sum, n) => sum + n, 0);
	expect(injected / outcome.requests).toBeGreaterThan(FAULT_SHARE * 0.6);
	expect(Object.keys(outcome.faultsInjected).sort()).toEqual([
		'429',
		'500',
		'500-after-acting',
		'502',
		'503',
		'reset',
		'slow',
	]);
}

describe.each<CampaignPlatform>(['butter', 'buildvoiceai'])(
	'%s has no idempotency key',
	(platform) => {
		it(`${SIZE} calls under 20 % faults: each dialled once, or failed with "outcome unknown" and never re-sent`, async () => {
			const outcome = await runCampaign(sandbox, platform, SIZE);
			outcomes.push(outcome);
			expectNothingLostNothingTwice(outcome);
			// 429s are waited out (nothing acted), everything else whose fate is unknown is not re-sent.
			expect(outcome.failedOther).toBe(0);
			expect(outcome.unknownDialled).toBeGreaterThan(0);
			expect(outcome.unknownNotDialled).toBeGreaterThan(0);
			expect(
				outcome.failureMessages.every((m) =>
					m.startsWith(`${CAMPAIGNS[platform].label}: ${UNKNOWN_OUTCOME} (`),
				),
			).toBe(true);
			// Each request whose fate was unknown was sent once: requests = items + waited-out 429s.
			expect(outcome.requests).toBe(SIZE + (outcome.faultsInjected['429'] ?? 0));
		});
	},
);

describe('aitelier sends an Idempotency-Key on every call', () => {
	it(`${SIZE} calls under 20 % faults: every item succeeds, each dialled exactly once`, async () => {
		const outcome = await runCampaign(sandbox, 'aitelier', SIZE);
		outcomes.push(outcome);
		expectNothingLostNothingTwice(outcome);
		expect(outcome.failureMessages).toEqual([]);
		expect(outcome.succeeded).toBe(SIZE);
	});
});

afterAll(async () => {
	// A partial run (e.g. -t) must not overwrite the full table.
	if (outcomes.length !== 3) return;
	const rows = outcomes.map((o) => [
		CAMPAIGNS[o.platform].label,
		o.items,
		o.requests,
		Object.entries(o.faultsInjected)
			.sort()
			.map(([kind, n]) => `${kind}: ${n}`)
			.join(', '),
		o.succeeded,
		o.unknownDialled,
		o.unknownNotDialled,
		o.failedOther,
		o.duplicates,
		o.silentlyLost + o.wrongCallId,
		o.seconds.toFixed(1),
	]);
	await writeSection(
		'faults',
		'1. Fault campaigns — nothing lost, nothing dialled twice',
		`${SIZE} outbound calls per platform through n8n's real engine (\`WorkflowExecute\` → \`RoutingNode\` for
Aitelier, the duplicate guard's custom operation for Butter AI and BuildVoiceAI; items sent concurrently,
Continue On Fail on), while the sandbox injects faults into ${FAULT_SHARE * 100} % of
requests: 429, 500, 502, 503, connection resets (before acting), answers slower than the node's
timeout (Request Options → Timeout ${TIMEOUT_MS / 1000} s; the platform acted) and 500 after acting. Every item
is matched against the sandbox ledger (\`call.dialed\` per phone number).

${table(
	[
		'platform',
		'items',
		'requests',
		'faults injected',
		'dialled once + reported',
		'failed "outcome unknown" (had dialled)',
		'failed "outcome unknown" (had not)',
		'failed otherwise',
		'dialled twice',
		'silently lost',
		'seconds',
	],
	rows,
)}

- **Butter AI and BuildVoiceAI** have no idempotency key: a 429 is waited out and re-sent (the
  platform refused before acting); after a 5xx, a reset or a timeout the request is **not**
  re-sent and the item fails with \`<Platform>: ${UNKNOWN_OUTCOME} (<reason>)\` — the user looks the
  call up before retrying. requests = items + 429s: nothing was sent twice.
- **Aitelier** carries an \`Idempotency-Key\` per execution + item, so every failure is retried
  safely: the platform replays its first answer, and every item succeeds with the call it dialled.`,
	);
});
