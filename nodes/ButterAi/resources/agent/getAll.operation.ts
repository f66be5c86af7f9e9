import { defineOperation } from '../../../shared/description';
import { filtersCollection, returnAllAndLimit } from '../../../shared/fields';
import { AGENT_MODES, AGENT_PAGES, route } from '../../profile';

export const getManyAgents = defineOperation(
	'agent',
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many agents',
		description: 'List agents, optionally filtered by mode',
		routing: route('GET', '/v1/agents', { paging: AGENT_PAGES }),
	},
	[
		...returnAllAndLimit(),
		filtersCollection([
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: AGENT_MODES,
				default: 'public',
				description: 'Only agents of this visibility',
				routing: { send: { type: 'query', property: 'mode' } },
			},
		]),
	],
);
