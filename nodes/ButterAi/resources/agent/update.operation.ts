import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { defineOperation } from '../../../shared/description';
import {
	extraFieldsOption,
	listOfStrings,
	requireSomeUpdate,
	withExtraFields,
} from '../../../shared/fields';
import { agentLocator, requireButterId } from '../../locators';
import { AGENT_ID, AGENT_MODES, route } from '../../profile';
import { customFunctions, toolIdsOption } from './tools';

const text = (displayName: string, name: string, placeholder = ''): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder,
});

const fields: INodeProperties[] = [
	agentLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are sent; everything else stays as it is',
		options: [
			{
				displayName: 'Active',
				name: 'active',
				type: 'boolean',
				default: true,
				description: 'Whether the agent takes calls and chats',
			},
			{
				...text('Enabled Custom Functions', 'enabledCustomFunctions', 'e.g. check_order_status'),
				description: 'Comma-separated; replaces the list',
			},
			{
				...text('Enabled Functions', 'enabledFunctions', 'e.g. web_search'),
				description: 'Comma-separated; replaces the list',
			},
			extraFieldsOption,
			text('Language', 'language', 'e.g. en'),
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: AGENT_MODES,
				default: 'private',
			},
			text('Model', 'model', 'e.g. gpt-4o'),
			text('Name', 'name'),
			text('Realtime Provider', 'realtimeProvider', 'e.g. openai'),
			text('Speech-to-Text Provider', 'stt', 'e.g. deepgram'),
			{ ...text('System Prompt', 'systemPrompt'), typeOptions: { rows: 4 } },
			{
				displayName: 'Temperature',
				name: 'temperature',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 2 },
				default: 0.7,
			},
			text('Text-to-Speech Provider', 'tts', 'e.g. cartesia'),
			{
				...toolIdsOption,
				description:
					'Replaces the list (with Enabled Custom Functions, if given): your tools, enabled under their names. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			text('Voice ID', 'voiceId', 'e.g. alloy'),
		],
	},
];

/** PATCH with only the fields the user added (an empty update is refused before sending). */
async function sendAgentUpdateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const updates = { ...(this.getNodeParameter('updateFields', {}) as IDataObject) };
	if (updates.enabledFunctions !== undefined) {
		updates.enabledFunctions = listOfStrings(updates.enabledFunctions);
	}
	const custom = await customFunctions(this, updates.enabledCustomFunctions, updates.toolIds);
	delete updates.toolIds;
	if (custom) updates.enabledCustomFunctions = custom;
	const body = withExtraFields(this, updates, updates);
	delete body.extraFieldsJson;
	requestOptions.body = requireSomeUpdate(this, body);
	return requestOptions;
}

export const updateAgent = defineOperation(
	'agent',
	{
		name: 'Update',
		value: 'update',
		action: 'Update an agent',
		description: 'Change only the fields given',
		routing: route('PATCH', '=/v1/agents/{{$parameter.agentId}}', {
			preSend: [requireButterId('agentId', 'Agent', AGENT_ID), sendAgentUpdateBody],
		}),
	},
	fields,
);
