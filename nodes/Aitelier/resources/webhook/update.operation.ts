import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { defineOperation } from '../../../shared/description';
import {
	extraFieldsOption,
	idOf,
	invalidField,
	requireId,
	requireSomeUpdate,
	withExtraFields,
} from '../../../shared/fields';
import { aitelierOptions, idField } from '../../locators';
import { allAitelierRecords } from '../../transport';
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

/** The subscription as it stands; the API lists subscriptions but has no GET by ID. */
async function currentSubscription(context: IExecuteSingleFunctions): Promise<IDataObject> {
	const id = idOf(context, 'webhookId');
	const found = (await allAitelierRecords(context, '/webhooks')).find((s) => s.id === id);
	if (!found) {
		throw invalidField(
			context,
			'Webhook ID',
			`"${id.slice(0, 40)}" is not a subscription of this project`,
			'Pick one from Webhook → Get Many',
		);
	}
	return found;
}

/**
 * PUT with the whole record — the fields given laid over the subscription as it stands — so the
 * update is right whether Aitelier's PUT merges or replaces (its text does not say).
 */
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
	const changes = requireSomeUpdate(
		this,
		withExtraFields(this, fields, body),
		'Add the fields to change',
	);
	const { url, events, description, active } = await currentSubscription(this);
	requestOptions.body = {
		url,
		events,
		description: description ?? null,
		active: active !== false,
		...changes,
	};
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
