import {
	type IHookFunctions,
	type ILoadOptionsFunctions,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { rejectDelivery } from '../shared/webhookVerification';
import { invocationItem, logLateAnswer, secretProblem } from './trigger/tool/invocation';
import { toolTriggerProperties } from './trigger/tool/properties';
import {
	allAgents,
	registerTool,
	toolIsInPlace,
	unregisterTool,
} from './trigger/tool/registration';

export class ButterAiToolTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Butter AI Tool Trigger',
		name: 'butterAiToolTrigger',
		icon: { light: 'file:../../icons/butterAi.svg', dark: 'file:../../icons/butterAi.dark.svg' },
		group: ['trigger'],
		// 2, as the other triggers: n8n evaluates `$parameter.options.binaryData` on every request
		// to a version-1 webhook node (~1 ms per tool answer, measured in bench/toolAnswer.ts).
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{"Tool: " + $parameter["toolName"]}}',
		description:
			'Answers a Butter AI voice agent during a live call: the agent uses a tool, the workflow answers',
		defaults: { name: 'Butter AI Tool Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'butterAiApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: '={{$parameter["httpMethod"] || "POST"}}',
				responseMode: '={{$parameter["responseMode"]}}',
				responseData: '={{$parameter["responseData"] || "firstEntryJson"}}',
				path: 'tool',
			},
		],
		properties: toolTriggerProperties,
	};

	methods = {
		loadOptions: {
			async getAgents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const agents = await allAgents(this);
				return agents
					.map((agent) => ({ name: String(agent.name ?? agent.id), value: String(agent.id) }))
					.sort((a, b) => a.name.localeCompare(b.name));
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await toolIsInPlace(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await registerTool(this);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				await unregisterTool(this);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const receivedAt = new Date();
		const problem = secretProblem(this);
		if (problem) return rejectDelivery(this, problem);
		const item = invocationItem(this, receivedAt);
		if (this.getNodeParameter('responseMode', 'lastNode') === 'lastNode')
			logLateAnswer(this, receivedAt);
		return { workflowData: [[{ json: item }]] };
	}
}
