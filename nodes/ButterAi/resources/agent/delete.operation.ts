import { defineOperation } from '../../../shared/description';
import { agentLocator, requireButterId } from '../../locators';
import { AGENT_ID, route } from '../../profile';

export const deleteAgent = defineOperation(
	'agent',
	{
		name: 'Delete',
		value: 'delete',
		action: 'Delete an agent',
		description: 'Delete an agent permanently',
		routing: route('DELETE', '=/v1/agents/{{$parameter.agentId}}', {
			preSend: [requireButterId('agentId', 'Agent', AGENT_ID)],
		}),
	},
	[
		agentLocator(),
		{
			displayName:
				'Deleting an agent is permanent. Its call logs and transcripts are kept for billing; its phone numbers become free.',
			name: 'deleteNotice',
			type: 'notice',
			default: '',
		},
	],
);
