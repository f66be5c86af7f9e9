import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { defineOperation } from '../../../shared/description';
import {
	copyGiven,
	extraFieldsOption,
	listOfStrings,
	missingField,
	withExtraFields,
} from '../../../shared/fields';
import { AGENT_MODES, route } from '../../profile';
import { architectureFields, REQUIRED_BY_ARCHITECTURE } from './architecture';
import { customFunctions, toolIdsOption } from './tools';

const fields: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Sales Bot',
	},
	...architectureFields,
	{
		displayName: 'System Prompt',
		name: 'systemPrompt',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'e.g. You are a helpful sales agent for Acme Corp…',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Enabled Custom Functions',
				name: 'enabledCustomFunctions',
				type: 'string',
				default: '',
				placeholder: 'e.g. check_order_status, book_meeting',
				description: 'Comma-separated names of your tools the agent may call',
			},
			{
				displayName: 'Enabled Functions',
				name: 'enabledFunctions',
				type: 'string',
				default: '',
				placeholder: 'e.g. web_search',
				description: 'Comma-separated built-in functions the agent may call',
			},
			extraFieldsOption,
			{
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: 'en',
				description: 'Language code, e.g. en, de, es',
			},
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: AGENT_MODES,
				default: 'private',
				description:
					'Who may see and use the agent; only owners and admins may change public or commercial agents later',
			},
			{
				displayName: 'Model (Realtime)',
				name: 'realtimeModel',
				type: 'string',
				default: '',
				placeholder: 'e.g. gpt-4o-realtime-preview',
				description: "Optional for realtime agents: the provider's model",
				displayOptions: { show: { '/agentArchitecture': ['realtime'] } },
			},
			{
				displayName: 'Temperature',
				name: 'temperature',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 2 },
				default: 0.7,
			},
			toolIdsOption,
			{
				displayName: 'Voice ID',
				name: 'voiceId',
				type: 'string',
				default: '',
				placeholder: 'e.g. alloy',
				description: "The voice, in the TTS or realtime provider's IDs",
				displayOptions: { show: { '/agentArchitecture': ['pipeline', 'realtime'] } },
			},
		],
	},
];

/** Validates the architecture's required fields per item, then builds the body. */
async function sendAgentCreateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const architecture = String(this.getNodeParameter('agentArchitecture'));
	const text = (name: string) => String(this.getNodeParameter(name, '') ?? '').trim();
	const body: IDataObject = { agentArchitecture: architecture };
	const required: Array<[string, string, string]> = [
		['name', 'name', 'Name'],
		...(REQUIRED_BY_ARCHITECTURE[architecture] ?? []),
		['systemPrompt', 'systemPrompt', 'System Prompt'],
	];
	for (const [parameter, field, label] of required) {
		const value = text(parameter);
		if (!value)
			throw missingField(
				this,
				label,
				`${architecture} agents need ${required.map((r) => r[2]).join(', ')}`,
			);
		body[field] = value;
	}
	const extra = this.getNodeParameter('additionalFields', {}) as IDataObject;
	copyGiven(body, extra, { language: 'language', mode: 'mode', temperature: 'temperature' });
	if (architecture !== 'text' && extra.voiceId) body.voiceId = extra.voiceId;
	if (architecture === 'realtime' && extra.realtimeModel) body.model = extra.realtimeModel;
	if (extra.enabledFunctions !== undefined && extra.enabledFunctions !== '') {
		body.enabledFunctions = listOfStrings(extra.enabledFunctions);
	}
	const custom = await customFunctions(this, extra.enabledCustomFunctions, extra.toolIds);
	if (custom) body.enabledCustomFunctions = custom;
	const rest = { ...extra };
	delete rest.toolIds;
	requestOptions.body = withExtraFields(this, rest, body);
	return requestOptions;
}

export const createAgent = defineOperation(
	'agent',
	{
		name: 'Create',
		value: 'create',
		action: 'Create an agent',
		description: 'Create a pipeline, realtime or text agent',
		routing: route('POST', '/v1/agents', { preSend: [sendAgentCreateBody] }),
	},
	fields,
);
