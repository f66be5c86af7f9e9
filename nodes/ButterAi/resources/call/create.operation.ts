import type {
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { defineOperation } from '../../../shared/description';
import { duplicateGuardField } from '../../../shared/dialGuard/guardFields';
import { placeCallsOnce } from '../../../shared/dialGuard/placeCallsOnce';
import { unwrapDataEnvelope } from '../../../shared/platformProfile';
import { checkedId, extraFieldsOption, withExtraFields } from '../../../shared/fields';
import { inputOf } from '../../../shared/validation';
import { agentLocator, optionalId } from '../../locators';
import { AGENT_ID, api, PHONE_NUMBER_ID } from '../../profile';

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

/** The request body, validated before anything is sent. */
function callCreateBody(context: IExecuteSingleFunctions): IDataObject {
	const input = inputOf(context);
	const agentId = checkedId(context, 'agentId', 'Agent', {
		shape: AGENT_ID,
		missingHint: 'Pick the voice agent that makes the call',
	});
	const body: IDataObject = {
		agent_id: agentId,
		to_number: input.e164('To Number', context.getNodeParameter('toNumber')),
	};
	const extra = context.getNodeParameter('additionalFields', {}) as IDataObject;
	const from = optionalId(
		context,
		extra.fromPhoneNumberId,
		PHONE_NUMBER_ID,
		'From Phone Number ID',
		'a phone number',
	);
	if (from) body.from_phone_number_id = from;
	const metadata = input.jsonObject('Metadata (JSON)', extra.metadata);
	if (Object.keys(metadata).length) body.metadata = metadata;
	return withExtraFields(context, extra, body);
}

/**
 * The endpoint, declared in the operation's routing for the node's map (n8n runs the custom
 * operation instead of routing when both exist) and sent by the custom operation below.
 */
const CALL_ENDPOINT = { method: 'POST' as const, url: '/v1/calls' };

/**
 * Call → Create runs as a custom operation: Butter has no idempotency key, so the shared
 * duplicate guard decides, per item, whether the call was already placed.
 */
export async function placeButterCalls(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await placeCallsOnce(this, {
		api,
		url: CALL_ENDPOINT.url,
		body: callCreateBody,
		output: (answer) => unwrapDataEnvelope(answer) as IDataObject,
		numberOf: (body) => body.to_number,
	});
}

export const createCall = defineOperation(
	'call',
	{
		name: 'Create',
		value: 'create',
		action: 'Place an outbound call',
		description: 'Have a voice agent call a number; this dials a real phone',
		routing: { request: CALL_ENDPOINT },
	},
	[...fields, duplicateGuardField],
);
