import { defineOperation } from '../../../shared/description';
import { returnAllAndLimit } from '../../../shared/fields';
import { aitelierOptions } from '../../locators';
import { readRoute } from '../../profile';

export const getManyInvoices = defineOperation(
	'invoice',
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many invoices',
		routing: readRoute('/invoices', { list: true }),
	},
	[...returnAllAndLimit(), aitelierOptions],
);
