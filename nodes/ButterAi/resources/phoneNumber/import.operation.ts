import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { defineOperation } from '../../../shared/description';
import {
	checkedId,
	copyGiven,
	extraFieldsOption,
	invalidField,
	missingField,
	withExtraFields,
} from '../../../shared/fields';
import { inputOf } from '../../../shared/validation';
import { agentIdOption, checkAgentId, integrationLocator } from '../../locators';
import { INTEGRATION_ID, route } from '../../profile';
import { sipFieldNames, sipProperties } from './sipFields';

const forProvider = (provider: string[]) => ({ show: { provider } });

const fields: INodeProperties[] = [
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+15551234567',
		description: 'The number to import, in E.164 form',
	},
	{
		displayName: 'Provider',
		name: 'provider',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Twilio',
				value: 'twilio',
				description: 'A number of a Twilio account connected as an integration',
			},
			{ name: 'SIP Trunk', value: 'sip', description: 'A number reached through your SIP trunk' },
		],
		default: 'twilio',
	},
	{
		...integrationLocator(),
		displayName: 'Twilio Integration',
		displayOptions: forProvider(['twilio']),
	},
	{
		displayName: 'Supports Inbound',
		name: 'supportsInbound',
		type: 'boolean',
		default: false,
		description: 'Whether calls to this number reach the assigned agent',
	},
	{
		displayName: 'Supports Outbound',
		name: 'supportsOutbound',
		type: 'boolean',
		default: false,
		description: 'Whether agents may place calls from this number (SIP needs a server address)',
	},
	...sipProperties(forProvider(['sip'])),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			agentIdOption('Assign the number to this agent (voice agents only)'),
			extraFieldsOption,
			{
				displayName: 'Label',
				name: 'name',
				type: 'string',
				default: '',
				description: 'A name to recognise the number by',
			},
			{
				displayName: 'Status Callback URL',
				name: 'webhookUrl',
				type: 'string',
				default: '',
				placeholder: 'https://…',
				description:
					"Where Butter AI posts call status events for this number (a Butter AI Trigger's URL)",
			},
		],
	},
];

async function sendPhoneNumberImportBody(
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
		body.integration_id = checkedId(this, 'integrationId', 'Twilio Integration', {
			shape: INTEGRATION_ID,
			missingHint: 'Create one with Integration → Create, then pick it here',
		});
	} else {
		const sip = this.getNodeParameter('sipFields', {}) as IDataObject;
		copyGiven(body, sip, sipFieldNames);
		const serverAddress = String(this.getNodeParameter('sipServerAddress', '')).trim();
		if (serverAddress) body.sip_server_address = serverAddress;
		if (body.supports_outbound && !serverAddress) {
			throw missingField(
				this,
				'SIP Server Address',
				'Outbound calls over SIP need the address of your SIP server',
			);
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

export const importPhoneNumber = defineOperation(
	'phoneNumber',
	{
		name: 'Import',
		value: 'import',
		action: 'Import a phone number',
		description: 'Bring a Twilio or SIP number into Butter AI',
		routing: route('POST', '/v1/phone-numbers', { preSend: [sendPhoneNumberImportBody] }),
	},
	fields,
);
