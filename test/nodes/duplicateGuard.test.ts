import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { deduplicationStore } from '../harness/deduplicationStore';
import { runNode } from '../harness/runNode';
import { type LedgerEntry, listOf, useSandbox } from '../harness/sandbox';
import { locator } from './butter/helpers';

const sandbox = useSandbox();

type Platform = 'butter' | 'buildvoiceai';

/** Each platform's call-placing operation, fed leads `{ phone, lead_id }`. */
const PLACE: Record<
	Platform,
	{ node: string; credential: () => IDataObject; params: INodeParameters }
> = {
	butter: {
		node: 'butterAi',
		credential: () => ({ butterAiApi: sandbox.credentials.butterAiApi() }),
		params: { resource: 'call', operation: 'create', toNumber: '={{ $json.phone }}' },
	},
	buildvoiceai: {
		node: 'buildVoiceAi',
		credential: () => ({ buildVoiceAiApi: sandbox.credentials.buildVoiceAiApi() }),
		params: { resource: 'call', operation: 'trigger', phoneNumber: '={{ $json.phone }}' },
	},
};

let butterAgent = '';
beforeEach(async () => {
	// Rate limits are not what these tests are about.
	await sandbox.control('PUT', '/_sandbox/limits/butter', { enabled: false });
	await sandbox.control('PUT', '/_sandbox/limits/buildvoiceai', { enabled: false });
	const numbers = (
		(await (
			await fetch(`${sandbox.urls.butter}/v1/phone-numbers?limit=100`, {
				headers: { authorization: `Bearer ${String(sandbox.credentials.butterAiApi().apiKey)}` },
			})
		).json()) as { data: IDataObject[] }
	).data;
	butterAgent = String(numbers.find((n) => n.agent_id && n.supports_outbound)?.agent_id);
});

const leads = (count: number, from = 0) =>
	Array.from({ length: count }, (_, i) => ({
		phone: `+1555700${String(from + i).padStart(4, '0')}`,
		lead_id: `L-${from + i}`,
	}));

function place(
	platform: Platform,
	items: IDataObject[],
	options: {
		executionId?: string;
		guard?: INodeParameters;
		continueOnFail?: boolean;
		fresh?: boolean;
	} = {},
) {
	const spec = PLACE[platform];
	return runNode({
		node: spec.node,
		parameters: {
			...spec.params,
			...(platform === 'butter' ? { agentId: locator(butterAgent) } : {}),
			...(options.guard ? { duplicateGuard: options.guard } : {}),
		},
		credentials: spec.credential() as never,
		items,
		executionId: options.executionId,
		continueOnFail: options.continueOnFail,
		keepGuardStore: !options.fresh,
	});
}

const dialCounts = async (platform: Platform) => {
	const counts = new Map<string, number>();
	for (const entry of listOf<LedgerEntry>(
		await sandbox.control('GET', `/_sandbox/ledger?platform=${platform}`),
		'entries',
	).filter((e) => e.action === 'call.dialed')) {
		const phone = String(entry.details.phone);
		counts.set(phone, (counts.get(phone) ?? 0) + 1);
	}
	return counts;
};
const dialled = async (platform: Platform) =>
	[...(await dialCounts(platform)).values()].reduce((sum, n) => sum + n, 0);

describe.each(['butter', 'buildvoiceai'] as Platform[])(
	'%s: the duplicate-dial guard',
	(platform) => {
		it('a re-run of the same leads dials nobody again: skipped, with when and by which execution', async () => {
			const first = await place(platform, leads(4), { executionId: 'exec-1', fresh: true });
			expect(first.error).toBeUndefined();
			expect(first.items.every((item) => item.json.skipped === undefined)).toBe(true);
			const again = await place(platform, leads(4), { executionId: 'exec-2' });
			expect(again.error).toBeUndefined();
			expect(again.items).toHaveLength(4);
			for (const [index, item] of again.items.entries()) {
				expect(item.json).toMatchObject({
					skipped: true,
					to: leads(4)[index].phone,
					placedByExecution: 'exec-1',
					callId: first.items[index].json.id ?? first.items[index].json.call_id,
				});
				const [from, to] = item.json.placedBetween as string[];
				expect(Date.parse(from)).toBeLessThanOrEqual(Date.now());
				expect(Date.parse(to) - Date.parse(from)).toBe(3_600_000);
				expect(item.pairedItem).toEqual({ item: index });
			}
			expect(await dialled(platform)).toBe(4);
		});

		it('two executions at once on a store that rewrites its record whole (n8n’s database): no record lost, nobody dialled again', async () => {
			await place(platform, leads(1, 900), { fresh: true });
			deduplicationStore.racy = true;
			try {
				const [a, b] = await Promise.all([
					place(platform, leads(6, 0), { executionId: 'exec-a' }),
					place(platform, leads(6, 100), { executionId: 'exec-b' }),
				]);
				expect([a.error, b.error]).toEqual([undefined, undefined]);
				const again = await place(platform, [...leads(6, 0), ...leads(6, 100)], {
					executionId: 'exec-c',
				});
				expect(again.items.filter((item) => item.json.skipped !== true)).toEqual([]);
				expect(await dialled(platform)).toBe(13);
			} finally {
				deduplicationStore.racy = false;
			}
		});

		it('it lives in n8n’s deduplication store, per node: a fresh store (another n8n) places again', async () => {
			await place(platform, leads(2), { fresh: true });
			expect([...deduplicationStore.rows.keys()]).toEqual(['wf-harness|n:node-under-test']);
			const elsewhere = await place(platform, leads(2), { fresh: true });
			expect(elsewhere.items.every((item) => item.json.skipped === undefined)).toBe(true);
			expect(await dialled(platform)).toBe(4);
		});

		it('a campaign refused half-way, then retried: every lead dialled exactly once', async () => {
			// Half the calls are refused before anything is dialled (the account is out of credit).
			await sandbox.control('POST', '/_sandbox/faults', { platform, kind: '402', times: 5 });
			const campaign = leads(10);
			const failed = await place(platform, campaign, { executionId: 'exec-1', fresh: true });
			expect(failed.error?.message).toContain('Insufficient credit');
			expect(await dialled(platform)).toBe(5);
			const retried = await place(platform, campaign, { executionId: 'exec-2' });
			expect(retried.error).toBeUndefined();
			expect(retried.items.filter((item) => item.json.skipped)).toHaveLength(5);
			expect(retried.items.filter((item) => !item.json.skipped)).toHaveLength(5);
			const counts = await dialCounts(platform);
			expect([...counts.keys()].sort()).toEqual(campaign.map((lead) => lead.phone).sort());
			expect([...counts.values()].every((times) => times === 1)).toBe(true);
		});

		it('an outcome-unknown call is not re-placed by a retry: skipped, saying why', async () => {
			await sandbox.control('POST', '/_sandbox/faults', {
				platform,
				method: 'POST',
				kind: '500-after-acting',
				times: 1,
			});
			const failed = await place(platform, leads(1), { fresh: true, continueOnFail: true });
			expect(String(failed.items[0].json.error)).toContain('outcome unknown');
			const retried = await place(platform, leads(1));
			expect(retried.items[0].json).toMatchObject({ skipped: true, outcomeUnknown: true });
			expect(String(retried.items[0].json.reason)).toContain('check the platform');
			expect(await dialled(platform)).toBe(1);
		});

		it('two identical items in one run are one call; Guard Off places every item', async () => {
			const twice = [leads(1)[0], leads(1)[0]];
			const once = await place(platform, twice, { fresh: true });
			expect(once.items[1].json).toMatchObject({ skipped: true, sameAsItem: 0 });
			expect(await dialled(platform)).toBe(1);
			const off = await place(platform, twice, { guard: { mode: 'off' } });
			expect(off.items.every((item) => item.json.skipped === undefined)).toBe(true);
			expect(await dialled(platform)).toBe(3);
		});

		it('a Guard Key (a lead ID) makes calls the same whatever else changes', async () => {
			const guard = { key: '={{ $json.lead_id }}' };
			await place(platform, [{ phone: '+15557009001', lead_id: 'L-77' }], { guard, fresh: true });
			const moved = await place(platform, [{ phone: '+15557009002', lead_id: 'L-77' }], { guard });
			expect(moved.items[0].json).toMatchObject({ skipped: true, to: '+15557009002' });
			expect(await dialled(platform)).toBe(1);
		});
	},
);
