import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { invalidField, missingField, returnAllAndLimit, withExtraFields, extraFieldsOption } from '../../../shared/fields';
import { parseJsonObject } from '../../../shared/validation';
import { idParameter, readRoute, requireId, writeRoute } from '../../common';
import { AITELIER_EVENTS } from '../../trigger/events';

const show = (operations: string[]) => ({ show: { resource: ['webhook'], operation: operations } });
const checkWebhook = requireId('webhookId', 'Webhook ID');
const HTTP_URL = /^https?:\/\/\S+$/i;

function checkedUrl(context: IExecuteSingleFunctions, value: unknown): string {
	const url = String(value ?? '').trim();
	if (!HTTP_URL.test(url)) throw invalidField(context, 'URL', `"${url.slice(0, 60)}" is not an http(s) URL`, 'Where Aitelier posts the events');
	return url;
}

async function sendWebhookCreateBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const events = this.getNodeParameter('events', []) as string[];
	if (events.length === 0) throw missingField(this, 'Events', 'Pick at least one event type');
	const extra = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const body: IDataObject = { url: checkedUrl(this, this.getNodeParameter('url')), events };
	if (extra.description) body.description = extra.description;
	requestOptions.body = withExtraFields(this, extra, body);
	return requestOptions;
}

async function sendWebhookUpdateBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.url !== undefined) body.url = checkedUrl(this, fields.url);
	if (fields.events !== undefined) {
		if ((fields.events as string[]).length === 0) throw missingField(this, 'Events', 'Pick at least one event type');
		body.events = fields.events;
	}
	if (typeof fields.active === 'boolean') body.active = fields.active;
	if (fields.description !== undefined) body.description = fields.description;
	const merged = withExtraFields(this, fields, body);
	if (Object.keys(merged).length === 0) throw missingField(this, 'At least one Update Field', 'Add the fields to change');
	requestOptions.body = merged;
	return requestOptions;
}

async function sendFanOutBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	requestOptions.body = parseJsonObject(this.getNode(), this.getItemIndex(), 'Payload (JSON)', this.getNodeParameter('payload', '{}'));
	return requestOptions;
}

const eventOptions = AITELIER_EVENTS.map(({ name, value }) => ({ name, value }));

export const webhookDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhook'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a webhook subscription',
				description: 'The answer carries the signing secret — the only time it is shown',
				routing: writeRoute('POST', '/webhooks', { preSend: [sendWebhookCreateBody] }),
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a webhook subscription',
				routing: writeRoute('DELETE', '=/webhooks/{{$parameter.webhookId}}', { preSend: [checkWebhook] }),
			},
			{
				name: 'Fan Out to Sessions',
				value: 'fanOut',
				action: 'Send an inbound webhook to active sessions',
				description: "POST /projects/{project}/webhooks/{name}: hands a payload to the project's active sessions",
				routing: writeRoute('POST', '=/projects/{{$parameter.projectId}}/webhooks/{{$parameter.hookName}}', {
					preSend: [requireId('projectId', 'Project ID'), requireId('hookName', 'Webhook Name'), sendFanOutBody],
				}),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many webhook subscriptions',
				routing: readRoute('/webhooks', { list: true }),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a webhook subscription',
				routing: writeRoute('PUT', '=/webhooks/{{$parameter.webhookId}}', { preSend: [checkWebhook, sendWebhookUpdateBody] }),
			},
		],
		default: 'getAll',
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/aitelier-events',
		displayOptions: show(['create']),
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: eventOptions,
		default: [],
		displayOptions: show(['create']),
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(['create']),
		options: [{ displayName: 'Description', name: 'description', type: 'string', default: '' }, extraFieldsOption],
	},
	idParameter('webhook', ['update', 'delete'], 'Webhook ID', 'webhookId', 'wh_a1b2c3d4e5f6'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(['update']),
		options: [
			{ displayName: 'Active', name: 'active', type: 'boolean', default: true, description: 'Whether events are delivered' },
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{ displayName: 'Events', name: 'events', type: 'multiOptions', options: eventOptions, default: [] },
			extraFieldsOption,
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
		],
	},
	idParameter('webhook', ['fanOut'], 'Project ID', 'projectId', 'proj_a1b2c3d4e5f6'),
	idParameter('webhook', ['fanOut'], 'Webhook Name', 'hookName', 'e.g. order-updated'),
	{
		displayName: 'Payload (JSON)',
		name: 'payload',
		type: 'json',
		default: '{}',
		displayOptions: show(['fanOut']),
		description: 'What the active sessions receive',
	},
	...returnAllAndLimit('webhook'),
];
