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
import { extraFieldsOption, invalidField, withExtraFields } from '../../../shared/fields';
import { inputOf } from '../../../shared/validation';
import { api, profile } from '../../profile';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const fields: INodeProperties[] = [
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+15551234567',
		description: 'The number to call, in E.164 form',
	},
	{
		displayName: 'Agent ID',
		name: 'agentId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 3f0b6a52-8c1e-4d7a-9b2f-0e6c1d2a4b5c',
		description: "The agent's UUID; leave empty to use the account's default agent",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'The contact’s email, available to the agent and in webhooks',
			},
			extraFieldsOption,
			{
				displayName: 'Metadata (JSON)',
				name: 'metadataJson',
				type: 'json',
				default: '{}',
				description: 'An object passed through to the call’s webhooks; merged with the pairs below',
			},
			{
				displayName: 'Metadata Pairs',
				name: 'metadataPairs',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				options: [
					{
						displayName: 'Pair',
						name: 'pair',
						values: [
							{ displayName: 'Key', name: 'key', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
				description: 'Key/value pairs passed through to the call’s webhooks',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The contact’s name, available to the agent',
			},
		],
	},
];

/** The request body, validated; also echoed in the output so each result shows its input. */
function buildCallBody(context: IExecuteSingleFunctions): IDataObject {
	const input = inputOf(context);
	const phone = input.e164('Phone Number', context.getNodeParameter('phoneNumber'));
	const agentId = String(context.getNodeParameter('agentId', '') ?? '').trim();
	if (agentId !== '' && !UUID.test(agentId)) {
		throw invalidField(
			context,
			'Agent ID',
			`"${agentId.slice(0, 60)}" is not a UUID`,
			'Leave it empty to use the default agent',
		);
	}
	const extra = context.getNodeParameter('additionalFields', {}) as IDataObject;
	const metadata = input.jsonObject('Metadata (JSON)', extra.metadataJson);
	const pairs = ((extra.metadataPairs as IDataObject | undefined)?.pair ?? []) as IDataObject[];
	for (const { key, value } of pairs) if (key) metadata[String(key)] = value as string;

	const body: IDataObject = { phone_number: phone };
	if (agentId) body.agent_id = agentId;
	if (extra.name) body.name = extra.name;
	if (extra.email) body.email = extra.email;
	if (Object.keys(metadata).length) body.metadata = metadata;
	return withExtraFields(context, extra, body);
}

/**
 * The endpoint, declared in the operation's routing for the node's map (n8n runs the custom
 * operation instead of routing when both exist) and sent by the custom operation below.
 */
const CALL_ENDPOINT = { method: 'POST' as const, url: '/calls/trigger' };

/**
 * Call → Trigger runs as a custom operation: BuildVoiceAI has no idempotency key, so the shared
 * duplicate guard decides, per item, whether the call was already placed. Each result also
 * shows the input it was placed with.
 */
export async function placeBuildVoiceAiCalls(
	this: IExecuteFunctions,
): Promise<INodeExecutionData[][]> {
	return await placeCallsOnce(this, {
		api,
		url: CALL_ENDPOINT.url,
		body: buildCallBody,
		output: (answer, input) => ({ ...(profile.unwrap?.(answer) as IDataObject), input }),
		numberOf: (body) => body.phone_number,
	});
}

/** Call → Trigger: the operation's value stays "trigger", as saved workflows name it. */
export const placeCall = defineOperation(
	'call',
	{
		name: 'Trigger',
		value: 'trigger',
		action: 'Trigger an outbound call',
		description: 'Place an outbound call with an agent; this dials a real phone',
		routing: { request: CALL_ENDPOINT },
	},
	[...fields, duplicateGuardField],
);
