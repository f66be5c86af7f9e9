import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { requestExecutor } from '../shared/requestExecutor';
import { sharedRequestDefaults } from '../shared/routing';
import { searchAgents } from './listSearch/searchAgents';
import { butterAi } from './profile';
import { agentDescription } from './resources/agent';

export class ButterAi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Butter AI',
		name: 'butterAi',
		icon: { light: 'file:../../icons/butterAi.svg', dark: 'file:../../icons/butterAi.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage Butter AI voice agents and place calls',
		defaults: { name: 'Butter AI' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'butterAiApi', required: true }],
		requestDefaults: sharedRequestDefaults,
		requestOperations: { pagination: requestExecutor(butterAi) },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Agent', value: 'agent' }],
				default: 'agent',
			},
			...agentDescription,
		],
	};

	methods = { listSearch: { searchAgents } };
}
