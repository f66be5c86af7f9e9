import type { INodeProperties } from 'n8n-workflow';

import { agentLocator } from '../../common/locators';

export const agentDeleteDescription: INodeProperties[] = [
	{ ...agentLocator(), displayOptions: { show: { resource: ['agent'], operation: ['delete'] } } },
	{
		displayName:
			'Deleting an agent is permanent. Its call logs and transcripts are kept for billing; its phone numbers become free.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['agent'], operation: ['delete'] } },
	},
];
