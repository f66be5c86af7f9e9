import { defineOperation } from '../../../shared/description';
import { filtersCollection, returnAllAndLimit } from '../../../shared/fields';
import { CURSOR_PAGES } from '../../../shared/request/paging';
import { agentIdFilter, checkAgentFilter } from '../../locators';
import { route } from '../../profile';

export const getManyPhoneNumbers = defineOperation(
	'phoneNumber',
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many phone numbers',
		routing: route('GET', '/v1/phone-numbers', {
			paging: CURSOR_PAGES,
			preSend: [checkAgentFilter],
		}),
	},
	[
		...returnAllAndLimit(),
		filtersCollection([
			agentIdFilter,
			{
				displayName: 'Provider',
				name: 'provider',
				type: 'options',
				options: [
					{ name: 'SIP', value: 'sip' },
					{ name: 'Twilio', value: 'twilio' },
				],
				default: 'twilio',
				routing: { send: { type: 'query', property: 'provider' } },
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Assigned', value: 'assigned' },
					{ name: 'Free', value: 'free' },
				],
				default: 'free',
				routing: { send: { type: 'query', property: 'status' } },
			},
		]),
	],
);
