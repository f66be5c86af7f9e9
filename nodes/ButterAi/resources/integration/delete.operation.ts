import { defineOperation } from '../../../shared/description';
import { integrationLocator, requireButterId } from '../../locators';
import { INTEGRATION_ID, route } from '../../profile';

export const deleteIntegration = defineOperation(
	'integration',
	{
		name: 'Delete',
		value: 'delete',
		action: 'Delete an integration',
		routing: route('DELETE', '=/v1/integrations/{{$parameter.integrationId}}', {
			preSend: [requireButterId('integrationId', 'Integration', INTEGRATION_ID)],
		}),
	},
	[integrationLocator()],
);
