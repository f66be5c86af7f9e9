import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { agentLocator } from '../../common/locators';
import { AGENT_MODES, extraFieldsOption, listOfStrings, missingField, withExtraFields } from '../../common/body';

const show = { show: { resource: ['agent'], operation: ['update'] } };
const text = (displayName: string, name: string, placeholder = ''): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder,
});

export const agentUpdateDescription: INodeProperties[] = [
	{ ...agentLocator(), displayOptions: show },
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show,
		description: 'Only the fields added here are sent; everything else stays as it is',
		options: [
			{ displayName: 'Active', name: 'active', type: 'boolean', default: true, description: 'Whether the agent takes calls and chats' },
			{ ...text('Enabled Custom Functions', 'enabledCustomFunctions', 'e.g. check_order_status'), description: 'Comma-separated; replaces the list' },
			{ ...text('Enabled Functions', 'enabledFunctions', 'e.g. web_search'), description: 'Comma-separated; replaces the list' },
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
			text('Voice ID', 'voiceId', 'e.g. alloy'),
		],
	},
];

/** PATCH with only the fields the user added (an empty update is refused before sending). */
export async function sendAgentUpdateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const fields = { ...(this.getNodeParameter('updateFields', {}) as IDataObject) };
	for (const list of ['enabledFunctions', 'enabledCustomFunctions']) {
		if (fields[list] !== undefined) fields[list] = listOfStrings(fields[list]);
	}
	const body = withExtraFields(this, fields, fields);
	delete body.extraFieldsJson;
	if (Object.keys(body).length === 0) {
		throw missingField(this, 'At least one Update Field', 'Add the fields to change under Update Fields');
	}
	requestOptions.body = body;
	return requestOptions;
}
