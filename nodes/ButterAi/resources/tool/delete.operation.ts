import { defineOperation } from '../../../shared/description';
import { requireButterId, toolLocator } from '../../locators';
import { route, TOOL_ID } from '../../profile';

export const deleteTool = defineOperation(
	'tool',
	{
		name: 'Delete',
		value: 'delete',
		action: 'Delete a tool',
		routing: route('DELETE', '=/v1/tools/{{$parameter.toolId}}', {
			preSend: [requireButterId('toolId', 'Tool', TOOL_ID)],
		}),
	},
	[toolLocator()],
);
