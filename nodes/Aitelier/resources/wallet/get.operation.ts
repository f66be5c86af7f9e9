import { defineOperation } from '../../../shared/description';
import { aitelierOptions } from '../../locators';
import { readRoute } from '../../profile';

export const getWallet = defineOperation(
	'wallet',
	{
		name: 'Get',
		value: 'get',
		action: 'Get the wallet',
		description: 'Balance and recent transactions of the prepaid wallet',
		routing: readRoute('/wallet'),
	},
	[aitelierOptions],
);
