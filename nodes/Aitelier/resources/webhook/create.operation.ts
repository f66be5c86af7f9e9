import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { defineOperation } from '../../../shared/description';
import { extraFieldsOption, withExtraFields } from '../../../shared/fields';
import { aitelierOptions } from '../../locators';
import { writeRoute } from '../../profile';
import { EVENT_OPTIONS } from '../../trigger/events';
import { subscriptionEvents, subscriptionUrl } from './webhookBody';

const fields: INodeProperties[] = [
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/aitelier-events',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: EVENT_OPTIONS,
		default: [],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			extraFieldsOption,
		],
	},
	aitelierOptions,
];

async function sendWebhookCreateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const events = subscriptionEvents(this, this.getNodeParameter('events', []) as string[]);
	const extra = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const body: IDataObject = { url: subscriptionUrl(this, this.getNodeParameter('url')), events };
	if (extra.description) body.description = extra.description;
	requestOptions.body = withExtraFields(this, extra, body);
	return requestOptions;
}

export const createWebhook = defineOperation(
	'webhook',
	{
		name: 'Create',
		value: 'create',
		action: 'Create a webhook subscription',
		description: 'The answer carries the signing secret — the only time it is shown',
		routing: writeRoute('POST', '/webhooks', { preSend: [sendWebhookCreateBody] }),
	},
	fields,
);
