import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { extraFieldsOption, withExtraFields } from '../../common/body';
import { headersField, HTTP_METHODS, parametersField, toolFields } from './fields';

const show = { show: { resource: ['tool'], operation: ['create'] } };

export const toolCreateDescription: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. check_order_status',
		displayOptions: show,
		description: 'Letters, digits and underscores; what the agent calls the function',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 2 },
		required: true,
		default: '',
		displayOptions: show,
		description: 'When the agent should use the tool (1–500 characters)',
	},
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://api.example.com/orders/status',
		displayOptions: show,
		description: 'The endpoint Butter AI calls when the agent uses the tool',
	},
	{ ...parametersField, displayOptions: show },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show,
		options: [
			extraFieldsOption,
			headersField,
			{ displayName: 'HTTP Method', name: 'httpMethod', type: 'options', options: HTTP_METHODS, default: 'POST' },
			{ displayName: 'Timeout (Seconds)', name: 'timeoutSeconds', type: 'number', typeOptions: { minValue: 1, maxValue: 60 }, default: 10 },
		],
	},
];

export async function sendToolCreateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const extra = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const body = toolFields(this, {
		name: this.getNodeParameter('name', ''),
		description: this.getNodeParameter('description', ''),
		webhookUrl: this.getNodeParameter('webhookUrl', ''),
		parameters: this.getNodeParameter('parameters', '{}'),
		...extra,
	});
	requestOptions.body = withExtraFields(this, extra, body);
	return requestOptions;
}
