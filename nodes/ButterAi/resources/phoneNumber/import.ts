import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { inputOf } from '../../../shared/validation';
import { agentIdOption, checkAgentId, copyGiven, extraFieldsOption, invalidField, missingField, requiredId, withExtraFields } from '../../common/body';
import { integrationLocator } from '../../common/locators';
import { sipProperties, sipFieldNames } from './sipFields';

const show = (provider?: string[]) => ({
	show: { resource: ['phoneNumber'], operation: ['import'], ...(provider ? { provider } : {}) },
});

export const phoneNumberImportDescription: INodeProperties[] = [
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+15551234567',
		displayOptions: show(),
		description: 'The number to import, in E.164 form',
	},
	{
		displayName: 'Provider',
		name: 'provider',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Twilio', value: 'twilio', description: 'A number of a Twilio account connected as an integration' },
			{ name: 'SIP Trunk', value: 'sip', description: 'A number reached through your SIP trunk' },
		],
		default: 'twilio',
		displayOptions: show(),
	},
	{ ...integrationLocator(), displayName: 'Twilio Integration', displayOptions: show(['twilio']) },
	{
		displayName: 'Supports Inbound',
		name: 'supportsInbound',
		type: 'boolean',
		default: false,
		displayOptions: show(),
		description: 'Whether calls to this number reach the assigned agent',
	},
	{
		displayName: 'Supports Outbound',
		name: 'supportsOutbound',
		type: 'boolean',
		default: false,
		displayOptions: show(),
		description: 'Whether agents may place calls from this number (SIP needs a server address)',
	},
	...sipProperties(show(['sip'])),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(),
		options: [
			agentIdOption('Assign the number to this agent (voice agents only)'),
			extraFieldsOption,
			{ displayName: 'Label', name: 'name', type: 'string', default: '', description: 'A name to recognise the number by' },
			{
				displayName: 'Status Callback URL',
				name: 'webhookUrl',
				type: 'string',
				default: '',
				placeholder: 'https://…',
				description: "Where Butter AI posts call status events for this number (a Butter AI Trigger's URL)",
			},
		],
	},
];

export async function sendPhoneNumberImportBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const provider = String(this.getNodeParameter('provider'));
	const body: IDataObject = {
		phone_number: inputOf(this).e164('Phone Number', this.getNodeParameter('phoneNumber')),
		provider,
		supports_inbound: this.getNodeParameter('supportsInbound', false) as boolean,
		supports_outbound: this.getNodeParameter('supportsOutbound', false) as boolean,
	};
	if (provider === 'twilio') {
		body.integration_id = requiredId(this, 'integrationId', 'intg_', 'Twilio Integration', 'Create one with Integration → Create, then pick it here');
	} else {
		const sip = this.getNodeParameter('sipFields', {}) as IDataObject;
		copyGiven(body, sip, sipFieldNames);
		const serverAddress = String(this.getNodeParameter('sipServerAddress', '')).trim();
		if (serverAddress) body.sip_server_address = serverAddress;
		if (body.supports_outbound && !serverAddress) {
			throw missingField(this, 'SIP Server Address', 'Outbound calls over SIP need the address of your SIP server');
		}
		const pin = body.inbound_pin;
		if (pin !== undefined && (String(pin).length < 4 || String(pin).length > 10)) {
			throw invalidField(this, 'Inbound PIN', 'must be 4 to 10 characters', 'Or leave it empty');
		}
	}
	const extra = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const agentId = checkAgentId(this, extra.agentId);
	if (agentId) body.agent_id = agentId;
	copyGiven(body, extra, { name: 'name', webhookUrl: 'webhook_url' });
	requestOptions.body = withExtraFields(this, extra, body);
	return requestOptions;
}
