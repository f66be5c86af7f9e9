import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { inputOf } from '../../../shared/validation';
import { extraFieldsOption, optionalId, requiredId, withExtraFields } from '../../common/body';
import { agentLocator } from '../../common/locators';

const show = { show: { resource: ['call'], operation: ['create'] } };

export const callCreateDescription: INodeProperties[] = [
	{ ...agentLocator(), description: 'The voice agent that makes the call (text agents cannot)', displayOptions: show },
	{
		displayName: 'To Number',
		name: 'toNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+15551234567',
		displayOptions: show,
		description: 'The number to call, in E.164 form',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show,
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

export async function sendCallCreateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const input = inputOf(this);
	const agentId = requiredId(this, 'agentId', 'agent_', 'Agent', 'Pick the voice agent that makes the call');
	const body: IDataObject = { agent_id: agentId, to_number: input.e164('To Number', this.getNodeParameter('toNumber')) };
	const extra = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const from = optionalId(this, extra.fromPhoneNumberId, 'phon_', 'From Phone Number ID', 'a phone number');
	if (from) body.from_phone_number_id = from;
	const metadata = input.jsonObject('Metadata (JSON)', extra.metadata);
	if (Object.keys(metadata).length) body.metadata = metadata;
	requestOptions.body = withExtraFields(this, extra, body);
	return requestOptions;
}
