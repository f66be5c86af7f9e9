import {
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	NodeConnectionTypes,
	NodeOperationError,
} from 'n8n-workflow';

import {
	acknowledgeDuplicate,
	ignoreDelivery,
	logUnknownEvent,
	rejectDelivery,
	verificationProperties,
	verifyDelivery,
} from '../shared/webhookVerification';
import {
	detailDeadline,
	detailsUnavailable,
	includeCallDetailsProperty,
	wantsCallDetails,
} from '../shared/callDetails';
import { forget } from '../shared/replayMemory';
import { endsCall, fetchSession } from './trigger/callDetails';
import { AITELIER_EVENTS, ANY_EVENT, TRIGGER_EVENT_OPTIONS } from './trigger/events';
import {
	createSubscription,
	deleteSubscription,
	stored,
	subscriptionExists,
} from './trigger/subscription';

export class AitelierTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Aitelier Trigger',
		name: 'aitelierTrigger',
		icon: { light: 'file:../../icons/aitelier.svg', dark: 'file:../../icons/aitelier.dark.svg' },
		group: ['trigger'],
		// 2 behaves as 1; n8n skips, per delivery, an expression it evaluates for version-1 triggers.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow on Aitelier call, session and batch events; registers its own subscription',
		defaults: { name: 'Aitelier Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'aitelierApi', required: true }],
		// responseData '' — without it n8n 2.41 answers an accepted delivery with the literal text "firstEntryJson".
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: '',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: TRIGGER_EVENT_OPTIONS,
				default: ['call.started', 'call.completed', 'call.failed', ANY_EVENT],
				description:
					'The subscription is created with these events; only they start the workflow. Aitelier does not document its event types: Any Event subscribes to every type known here and also starts on names this node does not know.',
			},
			includeCallDetailsProperty(
				"On Call Completed and Call Failed, fetch the call's session and add it under <code>session</code>: outcome, goal achieved, slot values, costs, duration and the transcript turns (the API key needs sessions:read and sessions:read:transcript). Other events start as they are. If the session cannot be fetched, nothing starts and the delivery is answered 503, so Aitelier sends it again; the reason is in n8n's log.",
			),
			{
				displayName:
					'On activation this node creates its own Aitelier webhook subscription (the API key needs webhooks:manage) and keeps its signing secret; deactivation deletes it',
				name: 'registrationNotice',
				type: 'notice',
				default: '',
			},
			...verificationProperties(
				'auto',
				'the signing secret Aitelier issued for the subscription (kept by the node)',
			),
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await subscriptionExists(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await createSubscription(this);
				if (!stored(this).secret) {
					throw new NodeOperationError(
						this.getNode(),
						'Aitelier created the subscription without a signing secret',
						{
							description: 'Deliveries could not be verified; deactivate and activate again',
						},
					);
				}
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				await deleteSubscription(this);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const secret = (this.getWorkflowStaticData('node') as { secret?: string }).secret;
		const payload = this.getBodyData() as IDataObject;
		const eventId = typeof payload.id === 'string' && payload.id !== '' ? payload.id : undefined;
		const verdict = verifyDelivery(this, secret, { payloadId: eventId, duplicates: 'acknowledge' });
		if (!verdict.accepted) return rejectDelivery(this, verdict.reason);
		if (verdict.duplicate) return acknowledgeDuplicate(this, verdict.deliveryId);
		const type = String(payload.type ?? payload.event ?? '');
		const selected = this.getNodeParameter('events', []) as string[];
		const anyEvent = selected.includes(ANY_EVENT);
		if (!AITELIER_EVENTS.some((event) => event.value === type)) {
			logUnknownEvent(this, type, anyEvent);
			if (!anyEvent) return ignoreDelivery('unknown event');
		} else if (!anyEvent && !selected.includes(type)) {
			return ignoreDelivery('event not selected');
		}
		const data =
			typeof payload.data === 'object' && payload.data !== null
				? (payload.data as IDataObject)
				: {};
		const item: IDataObject = {
			event: type,
			event_id: payload.id ?? null,
			delivery_id: verdict.deliveryId ?? eventId ?? null,
			created_at: payload.created_at ?? null,
			data,
			raw: payload,
		};
		if (wantsCallDetails(this) && endsCall(type)) {
			try {
				item.session = await fetchSession(this, data, detailDeadline());
			} catch (error) {
				// Not accepted after all: Aitelier's retry of this event is processed, not a duplicate.
				if (verdict.rememberedAs) forget(this, [verdict.rememberedAs]);
				return detailsUnavailable(this, error);
			}
		}
		return { workflowData: [[{ json: item }]] };
	}
}
