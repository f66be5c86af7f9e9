import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { requestExecutor } from '../shared/requestExecutor';
import { sharedRequestDefaults } from '../shared/routing';
import { aitelierOptions } from './options';
import { aitelier } from './profile';
import { callDescription } from './resources/call';

export class Aitelier implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Aitelier',
		name: 'aitelier',
		icon: { light: 'file:../../icons/aitelier.svg', dark: 'file:../../icons/aitelier.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Trigger Aitelier voice-agent calls and campaigns',
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
				options: [{ name: 'Call', value: 'call' }],
				default: 'call',
			},
			...callDescription,
			aitelierOptions,
		],
	};
}
