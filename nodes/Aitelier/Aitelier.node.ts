import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { requestExecutor } from '../shared/requestExecutor';
import { sharedRequestDefaults } from '../shared/routing';
import { searchScenarios } from './listSearch/searchScenarios';
import { aitelierOptions } from './options';
import { aitelier } from './profile';
import { invoiceDescription, usageDescription, walletDescription } from './resources/account';
import { batchDescription } from './resources/batch';
import { callDescription } from './resources/call';
import { knowledgeDescription } from './resources/knowledge';
import { sessionDescription } from './resources/session';
import { webhookDescription } from './resources/webhook';

export class Aitelier implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Aitelier',
		name: 'aitelier',
		icon: { light: 'file:../../icons/aitelier.svg', dark: 'file:../../icons/aitelier.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Aitelier voice agents: calls, batch campaigns, sessions, webhooks, knowledge and billing',
		defaults: { name: 'Aitelier' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'aitelierApi', required: true }],
		requestDefaults: sharedRequestDefaults,
		requestOperations: { pagination: requestExecutor(aitelier) },
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
			{
				displayName:
					'Aitelier dials at most 5 outbound calls per minute per project: to call many numbers, use Batch → Create from the incoming items',
				name: 'volumeNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { resource: ['call'], operation: ['trigger'] } },
			},
			...batchDescription,
			...callDescription,
			...invoiceDescription,
			...knowledgeDescription,
			...sessionDescription,
			...usageDescription,
			...walletDescription,
			...webhookDescription,
			aitelierOptions,
		],
	};

	methods = { listSearch: { searchScenarios } };
}
