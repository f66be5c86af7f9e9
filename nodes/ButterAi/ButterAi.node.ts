import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { requestExecutor } from '../shared/request/executor';
import { sharedRequestDefaults } from '../shared/request/routing';
import { getTools } from './listSearch/getTools';
import { searchAgents } from './listSearch/searchAgents';
import {
	searchDocuments,
	searchIntegrations,
	searchPhoneNumbers,
	searchTools,
} from './listSearch/searchCursorList';
import { profile } from './profile';
import { placeButterCalls } from './resources/call/create.operation';
import { agentResource } from './resources/agent';
import { callResource } from './resources/call';
import { chatResource } from './resources/chat';
import { integrationResource } from './resources/integration';
import { knowledgeBaseResource } from './resources/knowledgeBase';
import { phoneNumberResource } from './resources/phoneNumber';
import { toolResource } from './resources/tool';
import { answerToolCall } from './resources/tool/answer.operation';

export class ButterAi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Butter AI',
		name: 'butterAi',
		icon: { light: 'file:../../icons/butterAi.svg', dark: 'file:../../icons/butterAi.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage Butter AI agents, phone numbers, knowledge, tools and integrations; place calls and chat',
		defaults: { name: 'Butter AI' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'butterAiApi', required: true }],
		requestDefaults: sharedRequestDefaults,
		requestOperations: { pagination: requestExecutor(profile) },
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
			...agentResource,
			...callResource,
			...chatResource,
			...integrationResource,
			...knowledgeBaseResource,
			...phoneNumberResource,
			...toolResource,
		],
	};

	methods = {
		loadOptions: { getTools },
		listSearch: {
			searchAgents,
			searchDocuments,
			searchIntegrations,
			searchPhoneNumbers,
			searchTools,
		},
	};

	/** Placing calls is not routing: the duplicate guard needs n8n's deduplication store. */
	customOperations = {
		call: { create: placeButterCalls },
		tool: { answer: answerToolCall },
	};
}
