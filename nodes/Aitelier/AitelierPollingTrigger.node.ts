import {
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { includeCallDetailsProperty, INCLUDE_CALL_DETAILS } from '../shared/callDetails';
import {
	forgetStream,
	newestMatching,
	noTestEvent,
	pollingOptions,
	readChanges,
	readDeadline,
	startFromOf,
	type StreamChange,
} from '../shared/polling/stream';
import { api } from './profile';
import { ANY_EVENT } from './trigger/events';
import {
	type AitelierStream,
	isWanted,
	POLLED_EVENTS,
	polledEventItem,
	streamsFor,
	withSessionDetails,
} from './trigger/pollEvents';

/** Per session detail fetched; generous, since no sender waits on a poll. */
const DETAIL_BUDGET_MS = 30_000;

export class AitelierPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Aitelier Polling Trigger',
		name: 'aitelierPollingTrigger',
		icon: { light: 'file:../../icons/aitelier.svg', dark: 'file:../../icons/aitelier.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow on Aitelier call and session events, by reading calls and sessions on a schedule: for n8n without a public URL',
		defaults: { name: 'Aitelier Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'aitelierApi', required: true }],
		properties: [
			{
				displayName:
					"Reads calls and sessions at each Poll Time (the API key needs sessions:read) and starts on what changed since: for an n8n that Aitelier cannot reach. With a public URL the Aitelier Trigger is faster and spends no requests. Call Started is a call seen connected, Call Completed and Call Failed a call seen ended, Session Ended a session seen ended; batch events need the Aitelier Trigger. A status a call passes through between two polls is not seen. The items are the same as the Aitelier Trigger's.",
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{
						name: 'Any Event',
						value: ANY_EVENT,
						description:
							'Every event a poll can tell: call started, completed, failed, session ended',
					},
					...POLLED_EVENTS.map(({ name, value }) => ({ name, value })),
				],
				default: ['call.started', 'call.completed', 'call.failed'],
				description:
					'Events that start the workflow. Calls are read for call events, sessions for Session Ended: each list read costs requests at every poll.',
			},
			includeCallDetailsProperty(
				"On Call Completed and Call Failed, fetch the call's session and add it under <code>session</code>: outcome, goal achieved, slot values, costs, duration and the transcript turns (the API key needs sessions:read:transcript). Other events start as they are. If a session cannot be fetched the poll fails and the next one tries again; nothing is started half-empty.",
			),
			pollingOptions,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const selection = this.getNodeParameter('events', []) as string[];
		const details = this.getNodeParameter(INCLUDE_CALL_DETAILS, false) === true;
		const streams = streamsFor(selection);
		const itemOf = async (event: string, record: IDataObject, seenAt: string) => {
			const item = polledEventItem(event, record, seenAt);
			return details
				? await withSessionDetails(this, item, { at: Date.now() + DETAIL_BUDGET_MS })
				: item;
		};

		// "Fetch Test Event": the newest record the selection matches; the cursor stays where it is.
		if (this.getMode() === 'manual') {
			const newest: { stream: AitelierStream; record: IDataObject }[] = [];
			for (const { stream, needed } of streams) {
				if (!needed) continue;
				const record = await newestMatching(this, api, stream, (candidate) =>
					isWanted(selection, stream.eventOf(candidate)),
				);
				if (record) newest.push({ stream, record });
			}
			newest.sort(
				(x, y) => (y.stream.createdAtOf(y.record) ?? 0) - (x.stream.createdAtOf(x.record) ?? 0),
			);
			if (!newest.length) throw noTestEvent(this, 'call or session');
			const [{ stream, record }] = newest;
			return [[{ json: await itemOf(stream.eventOf(record)!, record, new Date().toISOString()) }]];
		}

		const now = Date.now();
		const seenAt = new Date(now).toISOString();
		const deadline = readDeadline(this, now);
		const startFrom = startFromOf(this);
		const read: { stream: AitelierStream; changes: StreamChange[]; commit: () => void }[] = [];
		for (const { stream, needed } of streams) {
			if (!needed) {
				forgetStream(this, stream);
				continue;
			}
			read.push({
				stream,
				...(await readChanges(this, api, stream, { now, deadline, startFrom })),
			});
		}
		const items: INodeExecutionData[] = [];
		for (const { stream, changes } of read) {
			for (const change of changes) {
				const event = stream.eventOf(change.record);
				if (isWanted(selection, event))
					items.push({ json: await itemOf(event, change.record, seenAt) });
			}
		}
		for (const { commit } of read) commit();
		return items.length ? [items] : null;
	}
}
