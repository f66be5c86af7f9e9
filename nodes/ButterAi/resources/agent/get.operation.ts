import { defineOperation } from '../../../shared/description';
import { agentLocator, requireButterId } from '../../locators';
import { AGENT_ID, route } from '../../profile';

export const getAgent = defineOperation(
	'agent',
	{
		name: 'Get',
		value: 'get',
		action: 'Get an agent',
		description: "Get an agent's full configuration",
		routing: route('GET', '=/v1/agents/{{$parameter.agentId}}', {
			preSend: [requireButterId('agentId', 'Agent', AGENT_ID)],
		}),
	},
	[agentLocator()],
);
