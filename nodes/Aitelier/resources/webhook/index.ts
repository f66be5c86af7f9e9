import { resourceProperties } from '../../../shared/description';
import { createWebhook } from './create.operation';
import { deleteWebhook } from './delete.operation';
import { fanOutWebhook } from './fanOut.operation';
import { getManyWebhooks } from './getAll.operation';
import { updateWebhook } from './update.operation';

export const webhookResource = resourceProperties('webhook', 'getAll', [
	createWebhook,
	deleteWebhook,
	fanOutWebhook,
	getManyWebhooks,
	updateWebhook,
]);
