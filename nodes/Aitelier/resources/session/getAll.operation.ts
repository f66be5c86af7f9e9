import { defineOperation } from '../../../shared/description';
import { filtersCollection, returnAllAndLimit } from '../../../shared/fields';
import { aitelierOptions, sinceFilter } from '../../locators';
import { readRoute } from '../../profile';

export const getManySessions = defineOperation(
	'session',
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many sessions',
		routing: readRoute('/sessions', { list: true }),
	},
	[
		...returnAllAndLimit(),
		filtersCollection([
			{
				displayName: 'Goal Achieved',
				name: 'goalAchieved',
				type: 'boolean',
				default: true,
				description: 'Whether to list only sessions that reached (or missed) their goal',
				routing: {
					send: { type: 'query', property: 'goal_achieved', value: '={{ String($value) }}' },
				},
			},
			sinceFilter,
		]),
		aitelierOptions,
	],
);
