import { defineOperation } from '../../../shared/description';
import { returnAllAndLimit } from '../../../shared/fields';
import { CURSOR_PAGES } from '../../../shared/request/paging';
import { route } from '../../profile';

export const getManyTools = defineOperation(
	'tool',
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many tools',
		routing: route('GET', '/v1/tools', { paging: CURSOR_PAGES }),
	},
	returnAllAndLimit(),
);
