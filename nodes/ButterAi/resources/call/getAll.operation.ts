import { defineOperation } from '../../../shared/description';
import { filtersCollection, returnAllAndLimit } from '../../../shared/fields';
import { CURSOR_PAGES } from '../../../shared/request/paging';
import { agentIdFilter, checkAgentFilter } from '../../locators';
import { route, statusTitle } from '../../profile';

const CALL_STATUSES = [
	'queued',
	'initiated',
	'ringing',
	'in-progress',
	'completed',
	'busy',
	'no-answer',
	'failed',
	'canceled',
];

export const getManyCalls = defineOperation(
	'call',
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many calls',
		routing: route('GET', '/v1/calls', { paging: CURSOR_PAGES, preSend: [checkAgentFilter] }),
	},
	[
		...returnAllAndLimit(),
		filtersCollection([
			agentIdFilter,
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'options',
				options: [
					{ name: 'Inbound', value: 'inbound' },
					{ name: 'Outbound', value: 'outbound' },
					{ name: 'Preview', value: 'preview' },
				],
				default: 'outbound',
				routing: { send: { type: 'query', property: 'direction' } },
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: CALL_STATUSES.map((status) => ({ name: statusTitle(status), value: status })),
				default: 'completed',
				routing: { send: { type: 'query', property: 'status' } },
			},
		]),
	],
);
