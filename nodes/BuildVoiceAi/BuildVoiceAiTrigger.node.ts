import {
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	NodeConnectionTypes,
} from 'n8n-workflow';

import {
	acknowledgeDuplicate,
	credentialSecret,
	ignoreDelivery,
	logUnknownEvent,
	rejectDelivery,
	requireCredentialSecret,
	verificationChoice,
	verificationProperties,
	verifyDelivery,
} from '../shared/webhookVerification';
import {
	ANY_EVENT,
	classify,
	eventNameOf,
	normalise,
	payloadEventId,
	TRIGGER_EVENT_OPTIONS,
} from './trigger/events';

export class BuildVoiceAiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BuildVoiceAI Trigger',
		name: 'buildVoiceAiTrigger',
		icon: {
			light: 'file:../../icons/buildVoiceAi.svg',
			dark: 'file:../../icons/buildVoiceAi.dark.svg',
		},
		group: ['trigger'],
		// 2 behaves as 1; n8n skips, per delivery, an expression it evaluates for version-1 triggers.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when a BuildVoiceAI call starts, completes or fails',
		defaults: { name: 'BuildVoiceAI Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'buildVoiceAiApi', required: true }],
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
		triggerPanel: {
			header: 'Paste this URL into BuildVoiceAI',
			executionsHelp: {
				inactive:
					'BuildVoiceAI has no API to register webhooks. Copy the <b>Test URL</b> above into BuildVoiceAI → Settings → API & Webhooks, put the signing secret it shows into the credential, click "Listen for test event" and place a call. When the workflow is published, use the <b>Production URL</b> instead.',
				active:
					'BuildVoiceAI sends events to the <b>Production URL</b> saved in its Settings → API & Webhooks; each delivery is verified before the workflow starts.',
			},
			activationHint:
				'Once published, events sent to the Production URL start this workflow. Paste that URL into BuildVoiceAI yourself: it has no API for it.',
		},
		properties: [
			{
				displayName:
					'BuildVoiceAI has no API to register webhooks: copy the Production URL shown above into BuildVoiceAI → Settings → API & Webhooks, then paste the signing secret it generates into this credential',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName:
					'No polling for BuildVoiceAI: its API has no endpoint to read calls, so this webhook trigger is the only way to hear of them — n8n must be reachable from the internet (a tunnel will do)',
				name: 'noPollingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: TRIGGER_EVENT_OPTIONS,
				// New nodes: the documented lifecycle events, and Any Event for names the docs do not list.
				default: ['call.started', 'call.completed', 'call.failed', ANY_EVENT],
				description:
					'Which events start the workflow. BuildVoiceAI documents two naming versions; Any Event also catches names this node does not know.',
			},
			{
				displayName: 'Include Test Events',
				name: 'includeTestEvents',
				type: 'boolean',
				default: false,
				description:
					'Whether the test deliveries BuildVoiceAI sends from its settings page start the workflow',
			},
			...verificationProperties('auto', "the credential's Webhook Signing Secret"),
		],
	};

	webhookMethods = {
		default: {
			// BuildVoiceAI keeps its webhook URL in its own settings page and offers no API to read
			// or change it, so n8n can never know whether it is registered: report it absent.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			// Nothing to register; activation only checks that deliveries can be verified.
			async create(this: IHookFunctions): Promise<boolean> {
				await requireCredentialSecret(
					this,
					'buildVoiceAiApi',
					'BuildVoiceAI',
					'Save this node’s Production URL in BuildVoiceAI → Settings → API & Webhooks and copy the signing secret it shows into the credential',
				);
				return true;
			},
			// Nothing to remove: BuildVoiceAI keeps sending until the URL is deleted in its settings.
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const secret =
			verificationChoice(this) === 'none'
				? undefined
				: await credentialSecret(this, 'buildVoiceAiApi');
		const payload = this.getBodyData() as IDataObject;
		const verdict = verifyDelivery(this, secret, {
			payloadId: payloadEventId(payload),
			duplicates: 'acknowledge',
		});
		if (!verdict.accepted) return rejectDelivery(this, verdict.reason);
		if (verdict.duplicate) return acknowledgeDuplicate(this, verdict.deliveryId);

		const selected = this.getNodeParameter('events', []) as string[];
		const known = classify(payload);
		const event = known ?? eventNameOf(payload);
		if (known === undefined) {
			logUnknownEvent(this, event, selected.includes(ANY_EVENT));
			if (!selected.includes(ANY_EVENT)) return ignoreDelivery('unknown event');
		} else if (known === 'test') {
			if (!this.getNodeParameter('includeTestEvents', false))
				return ignoreDelivery('test events are off');
		} else if (!selected.includes(known) && !selected.includes(ANY_EVENT)) {
			return ignoreDelivery('event not selected');
		}
		return {
			workflowData: [
				[
					{
						json: normalise(event, payload, verdict.deliveryId ?? payloadEventId(payload) ?? null),
					},
				],
			],
		};
	}
}
