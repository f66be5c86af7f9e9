import { defineOperation } from '../../../shared/description';
import { requireButterId, toolLocator } from '../../locators';
import { route, TOOL_ID } from '../../profile';

export const getTool = defineOperation(
	'tool',
	{
		name: 'Get',
		value: 'get',
		action: 'Get a tool',
		routing: route('GET', '=/v1/tools/{{$parameter.toolId}}', {
			preSend: [requireButterId('toolId', 'Tool', TOOL_ID)],
		}),
	},
	[toolLocator()],
);
