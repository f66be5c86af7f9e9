import { defineOperation } from '../../../shared/description';
import { phoneNumberLocator, requireButterId } from '../../locators';
import { PHONE_NUMBER_ID, route } from '../../profile';

export const deletePhoneNumber = defineOperation(
	'phoneNumber',
	{
		name: 'Delete',
		value: 'delete',
		action: 'Delete a phone number',
		description: 'Remove the number from Butter AI (the number stays yours at its provider)',
		routing: route('DELETE', '=/v1/phone-numbers/{{$parameter.phoneNumberId}}', {
			preSend: [requireButterId('phoneNumberId', 'Phone Number', PHONE_NUMBER_ID)],
		}),
	},
	[phoneNumberLocator()],
);
