import { defineOperation } from '../../../shared/description';
import { returnAllAndLimit } from '../../../shared/fields';
import { CURSOR_PAGES } from '../../../shared/request/paging';
import { route } from '../../profile';

export const getManyIntegrations = defineOperation(
	'integration',
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many integrations',
		routing: route('GET', '/v1/integrations', { paging: CURSOR_PAGES }),
	},
	returnAllAndLimit(),
);
