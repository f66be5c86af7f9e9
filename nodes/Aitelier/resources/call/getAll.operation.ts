import { defineOperation } from '../../../shared/description';
import { filtersCollection, returnAllAndLimit } from '../../../shared/fields';
import { aitelierOptions, sinceFilter } from '../../locators';
import { readRoute } from '../../profile';

const CALL_STATUSES = ['completed', 'connected', 'dialing', 'failed', 'queued'];

export const getManyCalls = defineOperation(
	'call',
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many calls',
		routing: readRoute('/calls', { list: true }),
	},
	[
		...returnAllAndLimit(),
		filtersCollection([
			sinceFilter,
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: CALL_STATUSES.map((status) => ({
					name: status[0].toUpperCase() + status.slice(1),
					value: status,
				})),
				default: 'queued',
				routing: { send: { type: 'query', property: 'status' } },
			},
		]),
		aitelierOptions,
	],
);
