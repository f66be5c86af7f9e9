import {
	type IDataObject,
	type IHookFunctions,
	type ILoadOptionsFunctions,
	type INodePropertyOptions,
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
import { allRecords } from '../shared/request/apiRequest';
import { api } from './profile';
import { EVENT_OPTIONS, isSelected, normalise, STATUS_GROUPS } from './trigger/events';
import { callbacksPointHere, registerCallbacks, unregisterCallbacks } from './trigger/registration';

export class ButterAiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Butter AI Trigger',
		name: 'butterAiTrigger',
		icon: { light: 'file:../../icons/butterAi.svg', dark: 'file:../../icons/butterAi.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when a Butter AI call changes status: started, completed or failed',
		defaults: { name: 'Butter AI Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'butterAiApi', required: true }],
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
				options: EVENT_OPTIONS,
				default: ['group:completed', 'group:failed'],
				description: 'Groups or single call statuses that start the workflow',
			},
			{
				displayName: 'Callback Registration',
				name: 'registration',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Set on Phone Numbers',
						value: 'phoneNumbers',
						description:
							"On activation, point the picked numbers' status callback here; restore it on deactivation",
					},
					{
						name: 'Manual',
						value: 'manual',
						description:
							"Paste this node's Production URL into Butter AI yourself (e.g. the system-wide callback)",
					},
				],
				default: 'phoneNumbers',
			},
			{
				displayName: 'Phone Number Names or IDs',
				name: 'phoneNumberIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getPhoneNumbers' },
				required: true,
				default: [],
				displayOptions: { show: { registration: ['phoneNumbers'] } },
				description:
					'Numbers whose call status callbacks should come here. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName:
					"Copy this node's Production URL into Butter AI's call status callback setting; nothing is registered automatically",
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['manual'] } },
			},
			// Butter AI documents no signing; these header names are what the sandbox sends.
			...verificationProperties('sharedSecret', "the credential's Webhook Signing Secret", {
				sharedSecret: 'X-Butter-Secret',
				hmac: 'X-Butter-Signature',
			}),
		],
	};

	methods = {
		loadOptions: {
			async getPhoneNumbers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const numbers = await allRecords(this, api, '/v1/phone-numbers');
				return numbers.map((number) => ({
					name: [number.phone_number, number.name].filter(Boolean).join(' · '),
					value: String(number.id),
				}));
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// Manual registration lives in Butter AI's settings, which n8n cannot read.
				if (this.getNodeParameter('registration') === 'manual') return false;
				return await callbacksPointHere(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await requireCredentialSecret(
					this,
					'butterAiApi',
					'Butter AI',
					'Verification needs the secret Butter AI sends with its callbacks: add it to the credential',
				);
				if (this.getNodeParameter('registration') === 'manual') return true;
				await registerCallbacks(this);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				await unregisterCallbacks(this);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const secret =
			verificationChoice(this) === 'none' ? undefined : await credentialSecret(this, 'butterAiApi');
		if (!verifyDelivery(this, secret).accepted) return rejectDelivery(this);
		const payload = this.getBodyData() as IDataObject;
		const status = String(payload.status ?? '').toLowerCase();
		if (!(status in STATUS_GROUPS)) return ignoreDelivery('unknown status');
		if (!isSelected(this.getNodeParameter('events', []) as string[], status))
			return ignoreDelivery('status not selected');
		return { workflowData: [[{ json: normalise(payload) }]] };
	}
}
