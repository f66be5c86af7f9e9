import { defineOperation } from '../../../shared/description';
import { filtersCollection, returnAllAndLimit } from '../../../shared/fields';
import { CURSOR_PAGES } from '../../../shared/request/paging';
import { agentIdFilter, checkAgentFilter } from '../../locators';
import { route } from '../../profile';

export const getManyDocuments = defineOperation(
	'knowledgeBase',
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many knowledge base documents',
		routing: route('GET', '/v1/knowledge-base', {
			paging: CURSOR_PAGES,
			preSend: [checkAgentFilter],
		}),
	},
	[
		...returnAllAndLimit(),
		filtersCollection([
			agentIdFilter,
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'File', value: 'file' },
					{ name: 'Text', value: 'text' },
				],
				default: 'file',
				routing: { send: { type: 'query', property: 'type' } },
			},
		]),
	],
);
