import { defineOperation } from '../../../shared/description';
import { requireId } from '../../../shared/fields';
import { aitelierOptions, idField } from '../../locators';
import { writeRoute } from '../../profile';

export const deleteWebhook = defineOperation(
	'webhook',
	{
		name: 'Delete',
		value: 'delete',
		action: 'Delete a webhook subscription',
		routing: writeRoute('DELETE', '=/webhooks/{{$parameter.webhookId}}', {
			preSend: [requireId('webhookId', 'Webhook ID')],
		}),
	},
	[idField('Webhook ID', 'webhookId', 'wh_a1b2c3d4e5f6'), aitelierOptions],
);
