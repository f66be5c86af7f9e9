import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { requestExecutor } from '../shared/requestExecutor';
import { sharedRequestDefaults } from '../shared/routing';
import { searchAgents } from './listSearch/searchAgents';
import { searchDocuments, searchIntegrations, searchPhoneNumbers, searchTools } from './listSearch/searchCursorList';
import { butterAi } from './profile';
import { agentDescription } from './resources/agent';
import { callDescription } from './resources/call';
import { chatDescription } from './resources/chat';
import { integrationDescription } from './resources/integration';
import { knowledgeBaseDescription } from './resources/knowledgeBase';
import { phoneNumberDescription } from './resources/phoneNumber';
import { toolDescription } from './resources/tool';

export class ButterAi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Butter AI',
		name: 'butterAi',
		icon: { light: 'file:../../icons/butterAi.svg', dark: 'file:../../icons/butterAi.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage Butter AI agents, phone numbers, knowledge, tools and integrations; place calls and chat',
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
				options: [
					{ name: 'Agent', value: 'agent' },
					{ name: 'Call', value: 'call' },
					{ name: 'Chat', value: 'chat' },
					{ name: 'Integration', value: 'integration' },
					{ name: 'Knowledge Base', value: 'knowledgeBase' },
					{ name: 'Phone Number', value: 'phoneNumber' },
					{ name: 'Tool', value: 'tool' },
				],
				default: 'agent',
			},
			...agentDescription,
			...callDescription,
			...chatDescription,
			...integrationDescription,
			...knowledgeBaseDescription,
			...phoneNumberDescription,
			...toolDescription,
		],
	};

	methods = {
		listSearch: { searchAgents, searchDocuments, searchIntegrations, searchPhoneNumbers, searchTools },
	};
}
