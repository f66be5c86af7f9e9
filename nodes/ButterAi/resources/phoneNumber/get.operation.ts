import { defineOperation } from '../../../shared/description';
import { phoneNumberLocator, requireButterId } from '../../locators';
import { PHONE_NUMBER_ID, route } from '../../profile';

export const getPhoneNumber = defineOperation(
	'phoneNumber',
	{
		name: 'Get',
		value: 'get',
		action: 'Get a phone number',
		routing: route('GET', '=/v1/phone-numbers/{{$parameter.phoneNumberId}}', {
			preSend: [requireButterId('phoneNumberId', 'Phone Number', PHONE_NUMBER_ID)],
		}),
	},
	[phoneNumberLocator()],
);
