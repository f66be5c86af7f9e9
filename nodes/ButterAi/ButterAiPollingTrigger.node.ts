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
	newestMatching,
	noTestEvent,
	pollingOptions,
	readChanges,
	readDeadline,
	startFromOf,
} from '../shared/polling/stream';
import { api } from './profile';
import { EVENT_OPTIONS, isSelected } from './trigger/events';
import { butterCalls, polledCallItem, withCallDetails } from './trigger/pollCalls';

/** Per call detail fetched; generous, since no sender waits on a poll. */
const DETAIL_BUDGET_MS = 30_000;

export class ButterAiPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Butter AI Polling Trigger',
		name: 'butterAiPollingTrigger',
		icon: { light: 'file:../../icons/butterAi.svg', dark: 'file:../../icons/butterAi.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when a Butter AI call changes status, by reading the calls on a schedule: for n8n without a public URL',
		defaults: { name: 'Butter AI Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'butterAiApi', required: true }],
		properties: [
			{
				displayName:
					"Reads your calls at each Poll Time and starts on what changed since: for an n8n that Butter AI cannot reach. With a public URL the Butter AI Trigger is faster and spends no requests. A status a call passes through between two polls is not seen (a short call may show only its last one); the items are the same as the Butter AI Trigger's.",
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: EVENT_OPTIONS,
				default: ['group:completed', 'group:failed'],
				description: 'Groups or single call statuses that start the workflow',
			},
			includeCallDetailsProperty(
				"On a call's last status (completed, busy, no answer, failed, canceled), fetch the call and add it under <code>call</code>: transcript, cost, usage, end reason. Other statuses start as they are. If a call cannot be fetched the poll fails and the next one tries again; nothing is started half-empty.",
			),
			pollingOptions,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const selection = this.getNodeParameter('events', []) as string[];
		const details = this.getNodeParameter(INCLUDE_CALL_DETAILS, false) === true;
		const selected = (call: IDataObject) =>
			isSelected(selection, butterCalls.statusOf(call)) && butterCalls.statusOf(call) !== '';
		const itemOf = async (call: IDataObject) => {
			const item = polledCallItem(call);
			return details
				? await withCallDetails(this, item, { at: Date.now() + DETAIL_BUDGET_MS })
				: item;
		};

		// "Fetch Test Event": the newest call the selection matches; the cursor stays where it is.
		if (this.getMode() === 'manual') {
			const call = await newestMatching(this, api, butterCalls, selected);
			if (!call) throw noTestEvent(this, 'call');
			return [[{ json: await itemOf(call) }]];
		}

		const now = Date.now();
		const { changes, commit } = await readChanges(this, api, butterCalls, {
			now,
			deadline: readDeadline(this, now),
			startFrom: startFromOf(this),
		});
		const items: INodeExecutionData[] = [];
		for (const change of changes) {
			if (selected(change.record)) items.push({ json: await itemOf(change.record) });
		}
		commit();
		return items.length ? [items] : null;
	}
}
