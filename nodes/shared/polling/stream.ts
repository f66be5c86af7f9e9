import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toInstant } from '../instant';
import type { PlatformApi } from '../request/apiRequest';
import {
	advance,
	floorOf,
	type Observed,
	readState,
	singleReadsDue,
	type StreamState,
} from './cursor';
import { type ListSince, newestRecords, readSince } from './readSince';

/**
 * A list a polling trigger follows: records with an id, a creation time and a status that may
 * change until it is final (calls, sessions).
 */
export interface PollStream extends ListSince {
	/** Where its state lives in the node's static data. */
	key: string;
	idOf: (record: IDataObject) => string | undefined;
	statusOf: (record: IDataObject) => string;
	isFinal: (status: string) => boolean;
	/** It cannot change before then (ms): a call scheduled for later. */
	activeFromOf?: (record: IDataObject) => number | undefined;
	/** One record read on its own (GET …/{id}); undefined when the platform no longer has it. */
	readOne: (context: IPollFunctions, id: string) => Promise<IDataObject | undefined>;
}

/** A record that is new or whose status changed since the last poll. */
export interface StreamChange {
	id: string;
	status: string;
	record: IDataObject;
}

/** Reading may use this share of the poll's budget; the rest is for call details and hand-off. */
const READ_SHARE = 0.6;
/** n8n's own default when a version does not say (PollContext: 5 minutes). */
const DEFAULT_BUDGET_MS = 5 * 60_000;

/** Until when a poll may start reading pages (ms), from n8n's poll budget where it has one. */
export function readDeadline(context: IPollFunctions, start: number): number {
	const budget =
		typeof context.getPollBudgetMs === 'function' ? context.getPollBudgetMs() : DEFAULT_BUDGET_MS;
	return start + budget * READ_SHARE;
}

const observe = (
	stream: PollStream,
	record: IDataObject,
): (Observed & { record: IDataObject }) | undefined => {
	const id = stream.idOf(record);
	const createdAt = stream.createdAtOf(record);
	// Without an id or a creation time a record cannot be placed in the window: it is left out.
	if (!id || createdAt === undefined) return undefined;
	const status = stream.statusOf(record);
	return {
		id,
		status,
		createdAt,
		final: stream.isFinal(status),
		activeFrom: stream.activeFromOf?.(record),
		record,
	};
};

/**
 * What changed in one stream since the last poll, and `commit`, which keeps the new state —
 * called only once the items are built, so a poll that fails half-way reads the same again.
 * The first poll without Start From remembers what is there and reports nothing; a new Start
 * From starts the stream again from that time.
 */
export async function readChanges(
	context: IPollFunctions,
	api: PlatformApi,
	stream: PollStream,
	options: { now: number; deadline: number; startFrom?: string },
): Promise<{ changes: StreamChange[]; commit: () => void }> {
	const { now } = options;
	const staticData = context.getWorkflowStaticData('node');
	let state: StreamState | undefined = readState(staticData[stream.key]);
	let baseline = false;
	if (!state || (options.startFrom && state.startFrom !== options.startFrom)) {
		baseline = !options.startFrom;
		state = options.startFrom
			? { v: 1, since: Date.parse(options.startFrom), startFrom: options.startFrom, seen: {} }
			: { v: 1, since: now, seen: {} };
	}
	const floor = floorOf(state, now);
	const records = new Map<string, IDataObject>();
	const read = await readSince(context, api, stream, floor, options.deadline);
	const observed = read.records.flatMap((record) => observe(stream, record) ?? []);
	const singles = [];
	for (const id of baseline ? [] : singleReadsDue(state, floor, now)) {
		const record = await stream.readOne(context, id);
		singles.push({ id, record: record && observe(stream, record) });
	}
	for (const entry of [...observed, ...singles.flatMap((single) => single.record ?? [])])
		records.set(entry.id, entry.record);
	const step = advance(state, observed, singles, {
		now,
		floor,
		complete: read.complete,
		baseline,
	});
	if (!read.complete) {
		context.logger.warn(
			`${context.getNode().name}: the poll ran out of time reading ${stream.url} and handed on what it read; the next poll reads the same window again`,
		);
	}
	return {
		changes: step.changes.map(({ id, status }) => ({ id, status, record: records.get(id)! })),
		commit: () => {
			staticData[stream.key] = step.next as unknown as IDataObject;
		},
	};
}

/** A stream the selection no longer needs: forgotten, so selecting it again starts from "now". */
export function forgetStream(context: IPollFunctions, stream: PollStream): void {
	const staticData = context.getWorkflowStaticData('node');
	if (stream.key in staticData) delete staticData[stream.key];
}

/** How many of the newest records a manual test event is picked from. */
const TEST_EVENT_SCAN = 100;

/** The newest record the selection matches, for "Fetch Test Event"; nothing is remembered. */
export async function newestMatching(
	context: IPollFunctions,
	api: PlatformApi,
	stream: PollStream,
	matches: (record: IDataObject) => boolean,
): Promise<IDataObject | undefined> {
	const records = await newestRecords(context, api, stream, TEST_EVENT_SCAN);
	return records
		.filter(matches)
		.sort((x, y) => (stream.createdAtOf(y) ?? 0) - (stream.createdAtOf(x) ?? 0))[0];
}

/** When no recent record matches in a manual test: said, rather than an empty output. */
export function noTestEvent(context: IPollFunctions, what: string): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`No ${what} matching the selected events among the latest ${TEST_EVENT_SCAN}`,
		{
			description:
				'Place a call (or pick more events) and fetch the test event again; once active, the trigger starts on new events only',
		},
	);
}

export const START_FROM = 'startFrom';

/** The options every polling trigger offers. */
export const pollingOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Start From',
			name: START_FROM,
			type: 'dateTime',
			default: '',
			description:
				"Also start on records created since this time (a time without an offset is read in the workflow's time zone). Without it the trigger starts with what is new after activation. Changing it starts again from the new time.",
		},
	],
};

/** Start From as an ISO time with an offset, or undefined when not set. */
export function startFromOf(context: IPollFunctions): string | undefined {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const value = options[START_FROM];
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value).trim();
	const instant = toInstant(text, context.getTimezone());
	if (!instant.ok) {
		throw new NodeOperationError(
			context.getNode(),
			`Start From "${text.slice(0, 40)}" ${instant.problem}`,
			{
				description: `Use e.g. 2026-05-13T18:42:30Z, or 2026-05-13T18:42:30 for that time in the workflow's time zone (${context.getTimezone()})`,
			},
		);
	}
	return new Date(Date.parse(instant.iso)).toISOString();
}
