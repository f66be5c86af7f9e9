import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { requestExecutor } from '../shared/request/executor';
import { sharedRequestDefaults } from '../shared/request/routing';
import { searchScenarios } from './listSearch/searchScenarios';
import { profile } from './profile';
import { batchResource } from './resources/batch';
import { callResource } from './resources/call';
import { invoiceResource } from './resources/invoice';
import { knowledgeResource } from './resources/knowledge';
import { sessionResource } from './resources/session';
import { usageResource } from './resources/usage';
import { walletResource } from './resources/wallet';
import { webhookResource } from './resources/webhook';

export class Aitelier implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Aitelier',
		name: 'aitelier',
		icon: { light: 'file:../../icons/aitelier.svg', dark: 'file:../../icons/aitelier.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Aitelier voice agents: calls, batch campaigns, sessions, webhooks, knowledge and billing',
		defaults: { name: 'Aitelier' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'aitelierApi', required: true }],
		requestDefaults: sharedRequestDefaults,
		requestOperations: { pagination: requestExecutor(profile) },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Batch', value: 'batch' },
					{ name: 'Call', value: 'call' },
					{ name: 'Invoice', value: 'invoice' },
					{ name: 'Knowledge', value: 'knowledge' },
					{ name: 'Session', value: 'session' },
					{ name: 'Usage', value: 'usage' },
					{ name: 'Wallet', value: 'wallet' },
					{ name: 'Webhook', value: 'webhook' },
				],
				default: 'call',
			},
			...batchResource,
			...callResource,
			...invoiceResource,
			...knowledgeResource,
			...sessionResource,
			...usageResource,
			...walletResource,
			...webhookResource,
		],
	};

	methods = { listSearch: { searchScenarios } };
}
