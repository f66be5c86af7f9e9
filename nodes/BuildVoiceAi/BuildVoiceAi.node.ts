import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { requestExecutor } from '../shared/requestExecutor';
import { sharedRequestDefaults } from '../shared/routing';
import { buildVoiceAi } from './profile';
import { callDescription } from './resources/call';

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
		requestOperations: { pagination: requestExecutor(buildVoiceAi) },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Call', value: 'call' }],
				default: 'call',
			},
			...callDescription,
		],
	};
}
