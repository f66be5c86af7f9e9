import type { INodeProperties } from 'n8n-workflow';

import { agentLocator } from '../../common/locators';

export const agentGetDescription: INodeProperties[] = [
	{ ...agentLocator(), displayOptions: { show: { resource: ['agent'], operation: ['get'] } } },
];
