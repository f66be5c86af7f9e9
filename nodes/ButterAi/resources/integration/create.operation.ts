import type {
	IExecuteSingleFunctions,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { defineOperation } from '../../../shared/description';
import {
	extraFieldsOption,
	invalidField,
	missingField,
	withExtraFields,
} from '../../../shared/fields';
import { route } from '../../profile';

const fields: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Main Twilio account',
	},
	{
		displayName: 'Twilio Account SID',
		name: 'accountSid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'AC…',
	},
	{
		displayName: 'Twilio Auth Token',
		name: 'authToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: 'Sent to Butter AI only; never part of the node’s output or errors',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [extraFieldsOption],
	},
];

async function sendIntegrationCreateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const name = String(this.getNodeParameter('name', '')).trim();
	const accountSid = String(this.getNodeParameter('accountSid', '')).trim();
	const authToken = String(this.getNodeParameter('authToken', '')).trim();
	if (!name) throw missingField(this, 'Name', 'Give the integration a name (1–100 characters)');
	if (name.length > 100)
		throw invalidField(this, 'Name', 'is longer than 100 characters', 'Shorten it');
	if (!accountSid)
		throw missingField(
			this,
			'Twilio Account SID',
			'Find it on the Twilio console, it starts with AC',
		);
	if (!authToken)
		throw missingField(
			this,
			'Twilio Auth Token',
			'Find it on the Twilio console next to the Account SID',
		);
	const extra = this.getNodeParameter('additionalFields', {}) as IDataObject;
	requestOptions.body = withExtraFields(this, extra, {
		name,
		credentials: { provider: 'twilio', account_sid: accountSid, auth_token: authToken },
	});
	return requestOptions;
}

export const createIntegration = defineOperation(
	'integration',
	{
		name: 'Create',
		value: 'create',
		action: 'Create an integration',
		description: 'Connect a Twilio account, so its numbers can be imported',
		routing: route('POST', '/v1/integrations', { preSend: [sendIntegrationCreateBody] }),
	},
	fields,
);
