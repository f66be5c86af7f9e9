import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { defineOperation } from '../../../shared/description';
import { requireId } from '../../../shared/fields';
import { inputOf } from '../../../shared/validation';
import { aitelierOptions, idField } from '../../locators';
import { writeRoute } from '../../profile';

async function sendFanOutBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	requestOptions.body = inputOf(this).jsonObject(
		'Payload (JSON)',
		this.getNodeParameter('payload', '{}'),
	);
	return requestOptions;
}

export const fanOutWebhook = defineOperation(
	'webhook',
	{
		name: 'Fan Out to Sessions',
		value: 'fanOut',
		action: 'Send an inbound webhook to active sessions',
		description:
			"POST /projects/{project}/webhooks/{name}: hands a payload to the project's active sessions",
		routing: writeRoute(
			'POST',
			'=/projects/{{$parameter.projectId}}/webhooks/{{$parameter.hookName}}',
			{
				preSend: [
					requireId('projectId', 'Project ID'),
					requireId('hookName', 'Webhook Name'),
					sendFanOutBody,
				],
			},
		),
	},
	[
		idField('Project ID', 'projectId', 'proj_a1b2c3d4e5f6'),
		idField('Webhook Name', 'hookName', 'e.g. order-updated'),
		{
			displayName: 'Payload (JSON)',
			name: 'payload',
			type: 'json',
			default: '{}',
			description: 'What the active sessions receive',
		},
		aitelierOptions,
	],
);
