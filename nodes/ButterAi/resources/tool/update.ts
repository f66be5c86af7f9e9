import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { extraFieldsOption, missingField, withExtraFields } from '../../common/body';
import { toolLocator } from '../../common/locators';
import { headersField, HTTP_METHODS, parametersField, toolFields } from './fields';

const show = { show: { resource: ['tool'], operation: ['update'] } };

export const toolUpdateDescription: INodeProperties[] = [
	{ ...toolLocator(), displayOptions: show },
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show,
		description: 'Only the fields added here are sent',
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', typeOptions: { rows: 2 }, default: '' },
			extraFieldsOption,
			headersField,
			{ displayName: 'HTTP Method', name: 'httpMethod', type: 'options', options: HTTP_METHODS, default: 'POST' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			parametersField,
			{ displayName: 'Timeout (Seconds)', name: 'timeoutSeconds', type: 'number', typeOptions: { minValue: 1, maxValue: 60 }, default: 10 },
			{ displayName: 'Webhook URL', name: 'webhookUrl', type: 'string', default: '' },
		],
	},
];

export async function sendToolUpdateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	const body = withExtraFields(this, fields, toolFields(this, fields));
	if (Object.keys(body).length === 0) {
		throw missingField(this, 'At least one Update Field', 'Add the fields to change under Update Fields');
	}
	requestOptions.body = body;
	return requestOptions;
}
