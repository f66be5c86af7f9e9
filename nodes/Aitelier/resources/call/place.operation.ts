import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { defineOperation } from '../../../shared/description';
import { extraFieldsOption, idOf, missingField, withExtraFields } from '../../../shared/fields';
import { inputOf } from '../../../shared/validation';
import { aitelierOptions, scenarioLocator } from '../../locators';
import { writeRoute } from '../../profile';

const fields: INodeProperties[] = [
	{
		displayName:
			'Aitelier dials at most 5 outbound calls per minute per project: to call many numbers, use Batch → Create from the incoming items',
		name: 'volumeNotice',
		type: 'notice',
		default: '',
	},
	scenarioLocator,
	{
		displayName: 'Phone',
		name: 'phone',
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
				description:
					'When to dial, as an ISO-8601 time; empty dials now; without an offset (e.g. 2026-05-13T18:42:30) it is read in the workflow’s time zone and sent with an explicit offset',
			},
		],
	},
	aitelierOptions,
];

async function sendCallBody(
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
	if (extra.scheduledFor) body.scheduled_for = input.instant('Scheduled For', extra.scheduledFor);
	requestOptions.body = withExtraFields(this, extra, body);
	return requestOptions;
}

/** Call → Trigger: the operation's value stays "trigger", as saved workflows name it. */
export const placeCall = defineOperation(
	'call',
	{
		name: 'Trigger',
		value: 'trigger',
		action: 'Trigger an outbound call',
		description:
			'Dial one number with a scenario; for many numbers, Batch → Create is kinder to rate limits',
		routing: writeRoute('POST', '/calls', { preSend: [sendCallBody] }),
	},
	fields,
);
