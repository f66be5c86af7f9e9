import { createHash } from 'crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError, PlatformApiError, UnsuccessfulAnswerError } from '../platformError';
import { apiRequest, type PlatformApi } from '../request/apiRequest';
import { Pacer } from '../request/pacer';
import { defaultRetryPolicy } from '../request/retry';
import { scrubbedNode } from '../scrub';
import { DEFAULT_WINDOW_HOURS } from './guardFields';
import {
	type Claim,
	claimKeys,
	HOUR_MS,
	placementOf,
	rememberPlacement,
	settleClaims,
} from './guardStore';
import { itemContext } from './itemContext';
import { requestSettings } from './requestSettings';

/** What one platform's call-placing operation contributes; the guard and sending are shared. */
export interface CallPlacement {
	api: PlatformApi;
	url: string;
	/** The validated request body for one item (throws the field's error before anything is sent). */
	body: (item: IExecuteSingleFunctions) => IDataObject;
	/** The item's output from the platform's answer, as the routing operations shape theirs. */
	output: (answer: IDataObject, body: IDataObject) => IDataObject;
	/** The number dialled, for the output of a skipped call. */
	numberOf: (body: IDataObject) => unknown;
}

interface Prepared {
	index: number;
	item: IExecuteSingleFunctions;
	body?: IDataObject;
	key?: string;
	windowHours: number;
	guarded: boolean;
	error?: NodeApiError | NodeOperationError;
}

function canonical(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(canonical);
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(
		Object.keys(value)
			.sort()
			.map((key) => [key, canonical((value as IDataObject)[key])]),
	);
}

/** The default guard key: the node, the endpoint and every field sent (number and agent among them). */
function defaultKey(context: IExecuteFunctions, url: string, body: IDataObject): string {
	const node = context.getNode();
	return createHash('sha256')
		.update(`${node.id ?? node.name}\n${url}\n${JSON.stringify(canonical(body))}`)
		.digest('hex')
		.slice(0, 40);
}

function prepare(context: IExecuteFunctions, placement: CallPlacement, index: number): Prepared {
	const item = itemContext(context, index);
	try {
		const body = placement.body(item);
		const guard = item.getNodeParameter('duplicateGuard', {}) as IDataObject;
		const guarded = (guard.mode ?? 'skip') !== 'off';
		const windowHours = Math.max(1, Math.round(Number(guard.windowHours ?? DEFAULT_WINDOW_HOURS)));
		const custom = String(guard.key ?? '').trim();
		const key = custom
			? createHash('sha256').update(`custom\n${custom}`).digest('hex').slice(0, 40)
			: defaultKey(context, placement.url, body);
		return { index, item, body, key, windowHours, guarded };
	} catch (error) {
		return {
			index,
			item,
			windowHours: 0,
			guarded: false,
			error: asNodeError(context.getNode(), error),
		};
	}
}

/** Whether a failed request can have dialled: only a refusal (4xx) proves it did not. */
function mayHaveDialled(error: unknown): boolean {
	if (error instanceof UnsuccessfulAnswerError) return true;
	if (error instanceof PlatformApiError) return error.details.httpCode >= 500;
	return true;
}

function storeUnavailable(context: IExecuteFunctions, error: unknown): NodeOperationError {
	return new NodeOperationError(
		scrubbedNode(context.getNode()),
		`The duplicate guard could not reach n8n's deduplication store: ${(error as Error)?.message ?? String(error)}`,
		{
			description:
				'Nothing was dialled. Save the workflow and run it again, or set Duplicate Guard → Guard to Off to place calls without it.',
		},
	);
}

type Skip = { placedHour: number } | { unknownHour: number } | { sameAsItem: number };

const hourSpan = (hour: number) => [
	new Date(hour * HOUR_MS).toISOString(),
	new Date((hour + 1) * HOUR_MS).toISOString(),
];

function skipDetails(prepared: Prepared, skip: Skip): IDataObject {
	if ('sameAsItem' in skip)
		return {
			reason: `Same call as item ${skip.sameAsItem} of this run: placed once`,
			sameAsItem: skip.sameAsItem,
		};
	if ('unknownHour' in skip)
		return {
			reason:
				'An earlier run of this node sent this call but never learned whether it was placed: check the platform before placing it again (Duplicate Guard → Off, or another Guard Key)',
			outcomeUnknown: true,
			sentBetween: hourSpan(skip.unknownHour),
		};
	const known = placementOf(prepared.key as string);
	return {
		reason: `Already placed by this node within the last ${prepared.windowHours} h: not dialled again`,
		placedBetween: hourSpan(skip.placedHour),
		// Only the n8n process that placed it knows the exact time and execution.
		...(known
			? {
					placedAt: new Date(known.at).toISOString(),
					placedByExecution: known.executionId ?? null,
					callId: known.callId ?? null,
				}
			: {}),
	};
}

function skippedOutput(
	placement: CallPlacement,
	prepared: Prepared,
	skip: Skip,
): INodeExecutionData {
	const body = prepared.body as IDataObject;
	return {
		json: {
			skipped: true,
			to: placement.numberOf(body) as string,
			...skipDetails(prepared, skip),
			guardKey: prepared.key,
			input: body,
		},
		pairedItem: { item: prepared.index },
	};
}

/**
 * A custom operation that places one call per item, at most once: each item's call is claimed in
 * n8n's deduplication store before it is sent, a claim found there is output as skipped, and a
 * claim is given back only when the platform refused the call (nothing dialled). A call whose
 * outcome is unknown keeps its claim: a retry skips it rather than risk a second ring.
 */
export async function placeCallsOnce(
	context: IExecuteFunctions,
	placement: CallPlacement,
): Promise<INodeExecutionData[][]> {
	const inputs = context.getInputData();
	const prepared = inputs.map((_, index) => prepare(context, placement, index));
	const now = Date.now();

	const claims = new Map<number, Claim | { sameAsItem: number }>();
	const byWindow = new Map<number, Prepared[]>();
	for (const entry of prepared)
		if (!entry.error && entry.guarded)
			byWindow.set(entry.windowHours, [...(byWindow.get(entry.windowHours) ?? []), entry]);
	for (const [windowHours, entries] of byWindow) {
		let found: Map<string, Claim>;
		try {
			found = await claimKeys(
				context,
				entries.map((entry) => entry.key as string),
				windowHours,
				now,
			);
		} catch (error) {
			throw storeUnavailable(context, error);
		}
		const firstWithKey = new Map<string, number>();
		for (const entry of entries) {
			const key = entry.key as string;
			const first = firstWithKey.get(key);
			if (first !== undefined) claims.set(entry.index, { sameAsItem: first });
			else {
				firstWithKey.set(key, entry.index);
				claims.set(entry.index, found.get(key) as Claim);
			}
		}
	}

	const settings = requestSettings(context);
	const placed: Array<{ key: string; hour: number }> = [];
	const refused: Array<{ key: string; hour: number }> = [];
	// Request Options → Batching as a window on departures: "4, then 1 s, then 4" is measured from
	// when the requests leave, whatever the first ones spent on credentials and claims.
	const batching =
		settings.batchInterval > 0
			? [new Pacer([{ limit: settings.batchSize, windowMs: settings.batchInterval }])]
			: [];
	const results: Array<Promise<INodeExecutionData>> = [];
	for (const entry of prepared) {
		results.push(
			(async (): Promise<INodeExecutionData> => {
				if (entry.error) throw entry.error;
				const claim = claims.get(entry.index);
				if (claim && !('claimedHour' in claim)) return skippedOutput(placement, entry, claim);
				const body = entry.body as IDataObject;
				try {
					const answer = await apiRequest(
						entry.item,
						placement.api,
						{ method: 'POST', url: placement.url, body, ...settings.request },
						defaultRetryPolicy,
						batching,
					);
					const json = placement.output(answer, body);
					if (claim) {
						placed.push({ key: entry.key as string, hour: claim.claimedHour });
						rememberPlacement(entry.key as string, {
							executionId: context.getExecutionId(),
							at: Date.now(),
							callId: String(json.id ?? json.call_id ?? '') || undefined,
						});
					}
					return { json, pairedItem: { item: entry.index } };
				} catch (error) {
					if (claim && !mayHaveDialled(error))
						refused.push({ key: entry.key as string, hour: claim.claimedHour });
					throw asNodeError(context.getNode(), error);
				}
			})(),
		);
	}

	const settled = await Promise.allSettled(results);
	try {
		await settleClaims(context, placed, refused);
	} catch (error) {
		// The calls are placed and output; their claims stay, so a retry reports them as unknown.
		context.logger.warn(
			`Duplicate guard: could not record ${placed.length} placed and ${refused.length} refused calls in n8n's deduplication store: ${(error as Error)?.message ?? String(error)}`,
		);
	}
	const output: INodeExecutionData[] = [];
	for (const [index, result] of settled.entries()) {
		if (result.status === 'fulfilled') {
			output.push(result.value);
			continue;
		}
		const error = asNodeError(context.getNode(), result.reason);
		if (!context.continueOnFail()) throw error;
		output.push({ json: { error: error.message }, error, pairedItem: { item: index } });
	}
	return [output];
}
