import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { requestExecutor } from '../shared/request/executor';
import { sharedRequestDefaults } from '../shared/request/routing';
import { profile } from './profile';
import { placeBuildVoiceAiCalls } from './resources/call/place.operation';
import { callResource } from './resources/call';

export class BuildVoiceAi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BuildVoiceAI',
		name: 'buildVoiceAi',
		icon: {
			light: 'file:../../icons/buildVoiceAi.svg',
			dark: 'file:../../icons/buildVoiceAi.dark.svg',
		},
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Place outbound calls with BuildVoiceAI agents',
		defaults: { name: 'BuildVoiceAI' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'buildVoiceAiApi', required: true }],
		requestDefaults: sharedRequestDefaults,
		requestOperations: { pagination: requestExecutor(profile) },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Call', value: 'call' }],
				default: 'call',
			},
			...callResource,
		],
	};

	/** Placing calls is not routing: the duplicate guard needs n8n's deduplication store. */
	customOperations = {
		call: { trigger: placeBuildVoiceAiCalls },
	};
}
