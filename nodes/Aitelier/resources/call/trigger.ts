import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { idOf, missingField } from '../../../shared/fields';
import { inputOf } from '../../../shared/validation';
import { scenarioLocator } from '../../listSearch/searchScenarios';

const showForTrigger = { resource: ['call'], operation: ['trigger'] };

export const callTriggerDescription: INodeProperties[] = [
	{ ...scenarioLocator, displayOptions: { show: showForTrigger } },
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+15551234567',
		displayOptions: { show: showForTrigger },
		description: 'The number to call, in E.164 form',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showForTrigger },
		options: [
			{
				displayName: 'Metadata (JSON)',
				name: 'metadata',
				type: 'json',
				default: '{}',
				description: 'An object visible as the session’s metadata',
			},
			{
				displayName: 'Scheduled For',
				name: 'scheduledFor',
				type: 'string',
				default: '',
				placeholder: '2026-05-13T18:42:30Z',
				description: 'When to dial, as an ISO-8601 time; empty dials now',
			},
		],
	},
];

export async function sendCallBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const input = inputOf(this);
	const scenario = idOf(this, 'scenario');
	if (!scenario) throw missingField(this, 'Scenario', 'Pick the outbound scenario the call runs');
	const phone = input.e164('Phone', this.getNodeParameter('phone', ''));
	const extra = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const body: IDataObject = { scenario, phone };
	const metadata = input.jsonObject('Metadata (JSON)', extra.metadata);
	if (Object.keys(metadata).length) body.metadata = metadata;
	if (extra.scheduledFor) body.scheduled_for = input.isoDate('Scheduled For', extra.scheduledFor);
	requestOptions.body = body;
	return requestOptions;
}
