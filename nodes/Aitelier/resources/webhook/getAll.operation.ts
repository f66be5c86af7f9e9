import { defineOperation } from '../../../shared/description';
import { returnAllAndLimit } from '../../../shared/fields';
import { aitelierOptions } from '../../locators';
import { readRoute } from '../../profile';

export const getManyWebhooks = defineOperation(
	'webhook',
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many webhook subscriptions',
		routing: readRoute('/webhooks', { list: true }),
	},
	[...returnAllAndLimit(), aitelierOptions],
);
