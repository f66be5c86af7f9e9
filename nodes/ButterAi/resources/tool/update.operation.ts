import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { defineOperation } from '../../../shared/description';
import { extraFieldsOption, requireSomeUpdate, withExtraFields } from '../../../shared/fields';
import { requireButterId, toolLocator } from '../../locators';
import { route, TOOL_ID } from '../../profile';
import { headersField, HTTP_METHODS, parametersField, toolBody } from './toolBody';

const fields: INodeProperties[] = [
	toolLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are sent',
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
			},
			extraFieldsOption,
			headersField,
			{
				displayName: 'HTTP Method',
				name: 'httpMethod',
				type: 'options',
				options: HTTP_METHODS,
				default: 'POST',
			},
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			parametersField,
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 60 },
				default: 10,
			},
			{ displayName: 'Webhook URL', name: 'webhookUrl', type: 'string', default: '' },
		],
	},
];

async function sendToolUpdateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const updates = this.getNodeParameter('updateFields', {}) as IDataObject;
	requestOptions.body = requireSomeUpdate(
		this,
		withExtraFields(this, updates, toolBody(this, updates)),
	);
	return requestOptions;
}

export const updateTool = defineOperation(
	'tool',
	{
		name: 'Update',
		value: 'update',
		action: 'Update a tool',
		description: 'Change only the fields given',
		routing: route('PATCH', '=/v1/tools/{{$parameter.toolId}}', {
			preSend: [requireButterId('toolId', 'Tool', TOOL_ID), sendToolUpdateBody],
		}),
	},
	fields,
);
