import { defineOperation } from '../../../shared/description';
import { returnAllAndLimit } from '../../../shared/fields';
import { aitelierOptions } from '../../locators';
import { readRoute } from '../../profile';

export const getManyKnowledgeFiles = defineOperation(
	'knowledge',
	{
		name: 'Get Many Files',
		value: 'getAllFiles',
		action: 'Get many knowledge files',
		routing: readRoute('/knowledge/files', { list: true }),
	},
	[...returnAllAndLimit(), aitelierOptions],
);
