import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import { runNode } from '../harness/runNode';
import { listOf, SANDBOX_KEYS, type LedgerEntry, type useSandbox } from '../harness/sandbox';

type Sandbox = ReturnType<typeof useSandbox>;
export type CampaignPlatform = 'butter' | 'buildvoiceai' | 'aitelier';

/** The faults of the campaign: every kind the issue names, 20 % of requests in all. */
export const FAULT_KINDS = [
	'429',
	'500',
	'502',
	'503',
	'reset',
	'slow',
	'500-after-acting',
] as const;
export const FAULT_SHARE = 0.2;
/** n8n's Request Options → Timeout; a "slow" fault answers after it. */
export const TIMEOUT_MS = 4000;
const SLOW_MS = TIMEOUT_MS + 1500;

export const UNKNOWN_OUTCOME = 'outcome unknown — check before retrying';

interface PlatformCampaign {
	label: string;
	node: string;
	credential: string;
	/** The node parameters that place one call to `{{ $json.phone }}`. */
	parameters: (sandbox: Sandbox) => Promise<INodeParameters>;
	callIdOf: (json: IDataObject) => unknown;
	idempotent: boolean;
}

async function dialableButterAgent(sandbox: Sandbox): Promise<string> {
	const answer = await fetch(`${sandbox.urls.butter}/v1/phone-numbers?limit=100`, {
		headers: { authorization: `Bearer ${SANDBOX_KEYS.butter.owner}` },
	});
	const numbers = ((await answer.json()) as { data: IDataObject[] }).data;
	const number = numbers.find((n) => n.agent_id && n.supports_outbound);
	if (!number) throw new Error('no seeded outbound Butter number with an agent');
	return String(number.agent_id);
}

export const CAMPAIGNS: Record<CampaignPlatform, PlatformCampaign> = {
	butter: {
		label: 'Butter AI',
		node: 'butterAi',
		credential: 'butterAiApi',
		parameters: async (sandbox) => ({
			resource: 'call',
			operation: 'create',
			agentId: { __rl: true, mode: 'id', value: await dialableButterAgent(sandbox) },
			toNumber: '={{ $json.phone }}',
		}),
		callIdOf: (json) => json.id,
		idempotent: false,
	},
	buildvoiceai: {
		label: 'BuildVoiceAI',
		node: 'buildVoiceAi',
		credential: 'buildVoiceAiApi',
		parameters: async () => ({
			resource: 'call',
			operation: 'trigger',
			phoneNumber: '={{ $json.phone }}',
		}),
		callIdOf: (json) => json.call_id,
		idempotent: false,
	},
	aitelier: {
		label: 'Aitelier',
		node: 'aitelier',
		credential: 'aitelierApi',
		parameters: async () => ({
			resource: 'call',
			operation: 'trigger',
			scenario: 'scn_outbound_demo0001',
			phone: '={{ $json.phone }}',
		}),
		callIdOf: (json) => json.id,
		idempotent: true,
	},
};

/** Rates so that rule i, seen only by requests the earlier rules let through, adds an equal share. */
export function faultRules(platform: CampaignPlatform) {
	const each = FAULT_SHARE / FAULT_KINDS.length;
	return FAULT_KINDS.map((kind, i) => ({
		platform,
		method: 'POST',
		kind,
		rate: each / (1 - i * each),
		...(kind === 'slow' ? { slowMs: SLOW_MS } : {}),
	}));
}

export interface CampaignOutcome {
	platform: CampaignPlatform;
	items: number;
	requests: number;
	faultsInjected: Record<string, number>;
	succeeded: number;
	/** Failed with "outcome unknown": split by whether the platform had in fact dialled. */
	unknownDialled: number;
	unknownNotDialled: number;
	/** Failed for another reason (the platform certainly did nothing). */
	failedOther: number;
	duplicates: number;
	/** Reported as done but not dialled, dialled under another id, or no output at all. */
	silentlyLost: number;
	wrongCallId: number;
	failureMessages: string[];
	seconds: number;
}

/** A Continue On Fail item's error message; undefined for a real output (which may have its own `error` field). */
export function failureOf(item: INodeExecutionData): string | undefined {
	if (item.error) return item.error.message;
	const { error, ...rest } = item.json;
	const onlyError = Object.keys(rest).every(
		(key) => key === 'message' || key === 'description' || key === 'details',
	);
	return typeof error === 'string' && onlyError ? error : undefined;
}

const phoneOf = (i: number) => `+1555${String(3_000_000 + i).padStart(7, '0')}`;

/** 1,000 items through n8n's real engine while the sandbox injects faults, read back from its ledger. */
export async function runCampaign(
	sandbox: Sandbox,
	platform: CampaignPlatform,
	size: number,
): Promise<CampaignOutcome> {
	const campaign = CAMPAIGNS[platform];
	// The limits are not the subject here (the injected 429s are): lift them so the run takes seconds.
	await sandbox.control('PUT', `/_sandbox/limits/${platform}`, { enabled: false });
	const parameters = {
		...(await campaign.parameters(sandbox)),
		requestOptions: { timeout: TIMEOUT_MS },
	};
	for (const rule of faultRules(platform)) await sandbox.control('POST', '/_sandbox/faults', rule);

	const leads = Array.from({ length: size }, (_, i) => ({ phone: phoneOf(i) }));
	const started = Date.now();
	const { items } = await runNode({
		node: campaign.node,
		parameters,
		credentials: {
			[campaign.credential]: (
				sandbox.credentials as Record<string, () => ICredentialDataDecryptedObject>
			)[campaign.credential](),
		},
		items: leads,
		continueOnFail: true,
	});
	const seconds = (Date.now() - started) / 1000;

	const ledger = listOf<LedgerEntry>(
		await sandbox.control('GET', `/_sandbox/ledger?platform=${platform}`),
		'entries',
	).filter((entry) => entry.action === 'call.dialed');
	// The calls only: set-up look-ups (e.g. Butter's phone numbers) are not part of the campaign.
	const requests = listOf<{ method: string; fault?: string }>(
		await sandbox.control('GET', `/_sandbox/requests?platform=${platform}`),
		'requests',
	).filter((request) => request.method === 'POST');
	return tally(platform, campaign, leads, items, ledger, requests, seconds);
}

function tally(
	platform: CampaignPlatform,
	campaign: PlatformCampaign,
	leads: Array<{ phone: string }>,
	items: INodeExecutionData[],
	ledger: LedgerEntry[],
	requests: Array<{ fault?: string }>,
	seconds: number,
): CampaignOutcome {
	const dialled = new Map<string, string[]>();
	for (const entry of ledger) {
		const phone = String(entry.details.phone);
		dialled.set(phone, [...(dialled.get(phone) ?? []), entry.resourceId]);
	}
	const outcome: CampaignOutcome = {
		platform,
		items: leads.length,
		requests: requests.length,
		faultsInjected: {},
		succeeded: 0,
		unknownDialled: 0,
		unknownNotDialled: 0,
		failedOther: 0,
		duplicates: 0,
		silentlyLost: 0,
		wrongCallId: 0,
		failureMessages: [],
		seconds,
	};
	for (const request of requests) {
		if (request.fault)
			outcome.faultsInjected[request.fault] = (outcome.faultsInjected[request.fault] ?? 0) + 1;
	}
	leads.forEach((lead, i) => {
		const ids = dialled.get(lead.phone) ?? [];
		if (ids.length > 1) outcome.duplicates++;
		const item = items[i];
		if (!item) return void outcome.silentlyLost++;
		const message = failureOf(item);
		if (message === undefined) {
			if (ids.length === 0) outcome.silentlyLost++;
			else if (!ids.includes(String(campaign.callIdOf(item.json)))) outcome.wrongCallId++;
			else outcome.succeeded++;
			return;
		}
		outcome.failureMessages.push(message);
		if (message.includes(UNKNOWN_OUTCOME)) {
			if (ids.length) outcome.unknownDialled++;
			else outcome.unknownNotDialled++;
		} else if (ids.length) {
			// Reported failed although the platform dialled: the user would retry and dial twice.
			outcome.silentlyLost++;
		} else outcome.failedOther++;
	});
	return outcome;
}
