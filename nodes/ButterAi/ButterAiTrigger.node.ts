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
	acknowledgeDuplicate,
	ANY_EVENT,
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
	detailDeadline,
	detailsUnavailable,
	includeCallDetailsProperty,
	wantsCallDetails,
} from '../shared/callDetails';
import { allRecords } from '../shared/request/apiRequest';
import { forget } from '../shared/replayMemory';
import { api } from './profile';
import { endsCall, fetchCall } from './trigger/callDetails';
import { forgetRepeat, isRepeat } from './trigger/duplicates';
import { EVENT_OPTIONS, isSelected, normalise, STATUS_GROUPS } from './trigger/events';
import { callbacksPointHere, registerCallbacks, unregisterCallbacks } from './trigger/registration';
import {
	forgetUrlToken,
	requireManualToken,
	URL_TOKEN,
	URL_TOKEN_OPTION,
	urlTokenProperties,
	urlTokenProblem,
	usesUrlToken,
} from './trigger/urlToken';

/**
 * The shared verification settings with the URL token added as Butter AI's default: the signing
 * schemes stay for when Butter signs, which it does not document.
 */
const verificationSettings = verificationProperties(
	'sharedSecret',
	"the credential's Webhook Signing Secret (signing schemes only)",
	// The header names the sandbox sends when a test asks it to sign.
	{ sharedSecret: 'X-Butter-Secret', hmac: 'X-Butter-Signature' },
).map((property) =>
	property.name === 'verification'
		? {
				...property,
				options: [URL_TOKEN_OPTION, ...(property.options ?? [])],
				default: URL_TOKEN,
			}
		: property,
);

export class ButterAiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Butter AI Trigger',
		name: 'butterAiTrigger',
		icon: { light: 'file:../../icons/butterAi.svg', dark: 'file:../../icons/butterAi.dark.svg' },
		group: ['trigger'],
		// 2 behaves as 1; n8n skips, per delivery, an expression it evaluates for version-1 triggers.
		version: [1, 2],
		defaultVersion: 2,
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
			includeCallDetailsProperty(
				"On a call's last status (completed, busy, no answer, failed, canceled), fetch the call and add it under <code>call</code>: transcript, cost, usage, end reason. Other statuses start as they are. If the call cannot be fetched, nothing starts and the callback is answered 503 (the reason is in n8n's log); only a retry by Butter AI brings the event back.",
			),
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
				displayOptions: { show: { registration: ['manual'] }, hide: { verification: [URL_TOKEN] } },
			},
			...verificationSettings,
			...urlTokenProperties,
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
				const manual = this.getNodeParameter('registration') === 'manual';
				if (!usesUrlToken(this)) {
					await requireCredentialSecret(
						this,
						'butterAiApi',
						'Butter AI',
						'Verification needs the secret Butter AI sends with its callbacks: add it to the credential',
					);
				} else if (manual) {
					requireManualToken(this);
				}
				if (manual) return true;
				// Checks every number, then issues the URL token and registers; refuses another trigger's.
				await registerCallbacks(this);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				await unregisterCallbacks(this);
				forgetUrlToken(this);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		// What the replay memory records on accepting a signed delivery, to take back on failure.
		let signedKey: string | undefined;
		if (usesUrlToken(this)) {
			const problem = urlTokenProblem(this);
			if (problem) return rejectDelivery(this, problem);
		} else {
			const secret =
				verificationChoice(this) === 'none'
					? undefined
					: await credentialSecret(this, 'butterAiApi');
			// A platform retry of a signed delivery already accepted: 200, as for the URL token.
			const verdict = verifyDelivery(this, secret, { duplicates: 'acknowledge' });
			if (!verdict.accepted) return rejectDelivery(this, verdict.reason);
			if (verdict.duplicate) return acknowledgeDuplicate(this, verdict.deliveryId);
			signedKey = verdict.rememberedAs;
		}
		const payload = this.getBodyData() as IDataObject;
		const status = String(payload.status ?? '').toLowerCase();
		const selection = this.getNodeParameter('events', []) as string[];
		if (!(status in STATUS_GROUPS)) {
			logUnknownEvent(this, status, selection.includes(ANY_EVENT));
			if (!status || !selection.includes(ANY_EVENT)) return ignoreDelivery('unknown status');
		}
		if (!isSelected(selection, status)) return ignoreDelivery('status not selected');
		const item = normalise(payload);
		const deliveryId = item.delivery_id ? String(item.delivery_id) : undefined;
		// A platform retry of a callback already accepted: acknowledged, not started twice.
		if (deliveryId && isRepeat(this, deliveryId)) return acknowledgeDuplicate(this, deliveryId);
		if (wantsCallDetails(this) && endsCall(status)) {
			try {
				item.call = await fetchCall(this, item.call_id, detailDeadline());
			} catch (error) {
				// Not accepted after all: a retry of this callback is processed, not a duplicate.
				if (deliveryId) forgetRepeat(this, deliveryId);
				if (signedKey) forget(this, [signedKey]);
				return detailsUnavailable(this, error);
			}
		}
		return { workflowData: [[{ json: item }]] };
	}
}
