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
	credentialSecret,
	ignoreDelivery,
	rejectDelivery,
	requireCredentialSecret,
	verificationChoice,
	verificationProperties,
	verifyDelivery,
} from '../shared/webhookVerification';
import { CALL_EVENTS, classify, normalise } from './trigger/events';

export class BuildVoiceAiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BuildVoiceAI Trigger',
		name: 'buildVoiceAiTrigger',
		icon: {
			light: 'file:../../icons/buildVoiceAi.svg',
			dark: 'file:../../icons/buildVoiceAi.dark.svg',
		},
		group: ['trigger'],
		version: 1,
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
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: CALL_EVENTS,
				default: ['call.started', 'call.completed', 'call.failed'],
				description: 'Which call events start the workflow',
			},
			{
				displayName: 'Include Test Events',
				name: 'includeTestEvents',
				type: 'boolean',
				default: false,
				description:
					'Whether the test deliveries BuildVoiceAI sends from its settings page start the workflow',
			},
			...verificationProperties('standardWebhooks', "the credential's Webhook Signing Secret"),
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
		const verdict = verifyDelivery(this, secret);
		if (!verdict.accepted) return rejectDelivery(this);

		const payload = this.getBodyData() as IDataObject;
		const event = classify(payload);
		if (event === undefined) return ignoreDelivery('unknown event');
		if (event === 'test') {
			if (!this.getNodeParameter('includeTestEvents', false))
				return ignoreDelivery('test events are off');
		} else if (!(this.getNodeParameter('events', []) as string[]).includes(event)) {
			return ignoreDelivery('event not selected');
		}
		return { workflowData: [[{ json: normalise(event, payload) }]] };
	}
}
