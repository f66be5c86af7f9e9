import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { agentIdOption, checkAgentId, copyGiven, extraFieldsOption, invalidField, missingField, withExtraFields } from '../../common/body';
import { phoneNumberLocator } from '../../common/locators';
import { sipFieldNames, sipSettingOptions } from './sipFields';

const show = { show: { resource: ['phoneNumber'], operation: ['update'] } };

export const phoneNumberUpdateDescription: INodeProperties[] = [
	{ ...phoneNumberLocator(), displayOptions: show },
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show,
		description: 'Only the fields added here are sent',
		options: [
			agentIdOption('Assign the number to this agent; use Unassign Agent to free it'),
			extraFieldsOption,
			...sipSettingOptions,
			{ displayName: 'Label', name: 'name', type: 'string', default: '' },
			{ displayName: 'SIP Server Address', name: 'sipServerAddress', type: 'string', default: '' },
			{ displayName: 'Status Callback URL', name: 'webhookUrl', type: 'string', default: '', description: 'Where call status events for this number go' },
			{ displayName: 'Supports Inbound', name: 'supportsInbound', type: 'boolean', default: false },
			{ displayName: 'Supports Outbound', name: 'supportsOutbound', type: 'boolean', default: false },
			{ displayName: 'Unassign Agent', name: 'unassignAgent', type: 'boolean', default: true, description: 'Whether to free the number from its agent' },
		],
	},
];

export async function sendPhoneNumberUpdateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	const body: IDataObject = {};
	copyGiven(body, fields, {
		...sipFieldNames,
		name: 'name',
		webhookUrl: 'webhook_url',
		sipServerAddress: 'sip_server_address',
	});
	for (const [parameter, field] of [['supportsInbound', 'supports_inbound'], ['supportsOutbound', 'supports_outbound']]) {
		if (typeof fields[parameter] === 'boolean') body[field] = fields[parameter];
	}
	const agentId = checkAgentId(this, fields.agentId);
	if (agentId && fields.unassignAgent === true) {
		throw invalidField(this, 'Agent ID', 'and Unassign Agent are both set', 'Choose one');
	}
	if (agentId) body.agent_id = agentId;
	if (fields.unassignAgent === true) body.agent_id = null;
	const pin = body.inbound_pin;
	if (pin !== undefined && (String(pin).length < 4 || String(pin).length > 10)) {
		throw invalidField(this, 'Inbound PIN', 'must be 4 to 10 characters', 'Or leave it out');
	}
	const merged = withExtraFields(this, fields, body);
	if (Object.keys(merged).length === 0) {
		throw missingField(this, 'At least one Update Field', 'Add the fields to change under Update Fields');
	}
	requestOptions.body = merged;
	return requestOptions;
}
