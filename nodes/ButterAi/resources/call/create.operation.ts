import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { defineOperation } from '../../../shared/description';
import { checkedId, extraFieldsOption, withExtraFields } from '../../../shared/fields';
import { inputOf } from '../../../shared/validation';
import { agentLocator, optionalId } from '../../locators';
import { AGENT_ID, PHONE_NUMBER_ID, route } from '../../profile';

const fields: INodeProperties[] = [
	{ ...agentLocator(), description: 'The voice agent that makes the call (text agents cannot)' },
	{
		displayName: 'To Number',
		name: 'toNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+15551234567',
		description: 'The number to call, in E.164 form',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			extraFieldsOption,
			{
				displayName: 'From Phone Number ID',
				name: 'fromPhoneNumberId',
				type: 'string',
				default: '',
				placeholder: 'phon_a1b2c3d4e5f6',
				description: "The number to call from; default: the agent's outbound number",
			},
			{
				displayName: 'Metadata (JSON)',
				name: 'metadata',
				type: 'json',
				default: '{}',
				description: 'An object kept with the call and sent with its status callbacks',
			},
		],
	},
];

async function sendCallCreateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const input = inputOf(this);
	const agentId = checkedId(this, 'agentId', 'Agent', {
		shape: AGENT_ID,
		missingHint: 'Pick the voice agent that makes the call',
	});
	const body: IDataObject = {
		agent_id: agentId,
		to_number: input.e164('To Number', this.getNodeParameter('toNumber')),
	};
	const extra = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const from = optionalId(
		this,
		extra.fromPhoneNumberId,
		PHONE_NUMBER_ID,
		'From Phone Number ID',
		'a phone number',
	);
	if (from) body.from_phone_number_id = from;
	const metadata = input.jsonObject('Metadata (JSON)', extra.metadata);
	if (Object.keys(metadata).length) body.metadata = metadata;
	requestOptions.body = withExtraFields(this, extra, body);
	return requestOptions;
}

export const createCall = defineOperation(
	'call',
	{
		name: 'Create',
		value: 'create',
		action: 'Place an outbound call',
		description: 'Have a voice agent call a number; this dials a real phone',
		routing: route('POST', '/v1/calls', { preSend: [sendCallCreateBody] }),
	},
	fields,
);
