import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { defineOperation } from '../../../shared/description';
import {
	copyGiven,
	extraFieldsOption,
	invalidField,
	requireSomeUpdate,
	withExtraFields,
} from '../../../shared/fields';
import { agentIdOption, checkAgentId, phoneNumberLocator, requireButterId } from '../../locators';
import { PHONE_NUMBER_ID, route } from '../../profile';
import { sipFieldNames, sipSettingOptions } from './sipFields';

const fields: INodeProperties[] = [
	phoneNumberLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are sent',
		options: [
			agentIdOption('Assign the number to this agent; use Unassign Agent to free it'),
			extraFieldsOption,
			...sipSettingOptions,
			{ displayName: 'Label', name: 'name', type: 'string', default: '' },
			{ displayName: 'SIP Server Address', name: 'sipServerAddress', type: 'string', default: '' },
			{
				displayName: 'Status Callback URL',
				name: 'webhookUrl',
				type: 'string',
				default: '',
				description: 'Where call status events for this number go',
			},
			{ displayName: 'Supports Inbound', name: 'supportsInbound', type: 'boolean', default: false },
			{
				displayName: 'Supports Outbound',
				name: 'supportsOutbound',
				type: 'boolean',
				default: false,
			},
			{
				displayName: 'Unassign Agent',
				name: 'unassignAgent',
				type: 'boolean',
				default: true,
				description: 'Whether to free the number from its agent',
			},
		],
	},
];

async function sendPhoneNumberUpdateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const updates = this.getNodeParameter('updateFields', {}) as IDataObject;
	const body: IDataObject = {};
	copyGiven(body, updates, {
		...sipFieldNames,
		name: 'name',
		webhookUrl: 'webhook_url',
		sipServerAddress: 'sip_server_address',
	});
	for (const [parameter, field] of [
		['supportsInbound', 'supports_inbound'],
		['supportsOutbound', 'supports_outbound'],
	]) {
		if (typeof updates[parameter] === 'boolean') body[field] = updates[parameter];
	}
	const agentId = checkAgentId(this, updates.agentId);
	if (agentId && updates.unassignAgent === true) {
		throw invalidField(this, 'Agent ID', 'and Unassign Agent are both set', 'Choose one');
	}
	if (agentId) body.agent_id = agentId;
	if (updates.unassignAgent === true) body.agent_id = null;
	const pin = body.inbound_pin;
	if (pin !== undefined && (String(pin).length < 4 || String(pin).length > 10)) {
		throw invalidField(this, 'Inbound PIN', 'must be 4 to 10 characters', 'Or leave it out');
	}
	requestOptions.body = requireSomeUpdate(this, withExtraFields(this, updates, body));
	return requestOptions;
}

export const updatePhoneNumber = defineOperation(
	'phoneNumber',
	{
		name: 'Update',
		value: 'update',
		action: 'Update a phone number',
		description: 'Assign it to an agent, set its status callback URL, or change its settings',
		routing: route('PATCH', '=/v1/phone-numbers/{{$parameter.phoneNumberId}}', {
			preSend: [
				requireButterId('phoneNumberId', 'Phone Number', PHONE_NUMBER_ID),
				sendPhoneNumberUpdateBody,
			],
		}),
	},
	fields,
);
