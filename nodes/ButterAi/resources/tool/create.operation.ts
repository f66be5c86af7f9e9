import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { defineOperation } from '../../../shared/description';
import { extraFieldsOption, withExtraFields } from '../../../shared/fields';
import { route } from '../../profile';
import { headersField, HTTP_METHODS, parametersField, toolBody } from './toolBody';

const fields: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. check_order_status',
		description: 'Letters, digits and underscores; what the agent calls the function',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 2 },
		required: true,
		default: '',
		description: 'When the agent should use the tool (1–500 characters)',
	},
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://api.example.com/orders/status',
		description: 'The endpoint Butter AI calls when the agent uses the tool',
	},
	parametersField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			extraFieldsOption,
			headersField,
			{
				displayName: 'HTTP Method',
				name: 'httpMethod',
				type: 'options',
				options: HTTP_METHODS,
				default: 'POST',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 60 },
				default: 10,
			},
		],
	},
];

async function sendToolCreateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const extra = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const body = toolBody(this, {
		name: this.getNodeParameter('name', ''),
		description: this.getNodeParameter('description', ''),
		webhookUrl: this.getNodeParameter('webhookUrl', ''),
		parameters: this.getNodeParameter('parameters', '{}'),
		...extra,
	});
	requestOptions.body = withExtraFields(this, extra, body);
	return requestOptions;
}

export const createTool = defineOperation(
	'tool',
	{
		name: 'Create',
		value: 'create',
		action: 'Create a tool',
		description: 'Define an API endpoint agents can call during conversations',
		routing: route('POST', '/v1/tools', { preSend: [sendToolCreateBody] }),
	},
	fields,
);
