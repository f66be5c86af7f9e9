import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { defineOperation } from '../../../shared/description';
import {
	extraFieldsOption,
	requireId,
	requireSomeUpdate,
	withExtraFields,
} from '../../../shared/fields';
import { aitelierOptions, idField } from '../../locators';
import { writeRoute } from '../../profile';
import { EVENT_OPTIONS } from '../../trigger/events';
import { subscriptionEvents, subscriptionUrl } from './webhookBody';

const fields: INodeProperties[] = [
	idField('Webhook ID', 'webhookId', 'wh_a1b2c3d4e5f6'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Active',
				name: 'active',
				type: 'boolean',
				default: true,
				description: 'Whether events are delivered',
			},
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENT_OPTIONS,
				default: [],
			},
			extraFieldsOption,
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
		],
	},
	aitelierOptions,
];

async function sendWebhookUpdateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.url !== undefined) body.url = subscriptionUrl(this, fields.url);
	if (fields.events !== undefined)
		body.events = subscriptionEvents(this, fields.events as string[]);
	if (typeof fields.active === 'boolean') body.active = fields.active;
	if (fields.description !== undefined) body.description = fields.description;
	requestOptions.body = requireSomeUpdate(
		this,
		withExtraFields(this, fields, body),
		'Add the fields to change',
	);
	return requestOptions;
}

export const updateWebhook = defineOperation(
	'webhook',
	{
		name: 'Update',
		value: 'update',
		action: 'Update a webhook subscription',
		routing: writeRoute('PUT', '=/webhooks/{{$parameter.webhookId}}', {
			preSend: [requireId('webhookId', 'Webhook ID'), sendWebhookUpdateBody],
		}),
	},
	fields,
);
