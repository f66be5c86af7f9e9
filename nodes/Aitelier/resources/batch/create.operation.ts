import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { binaryOf } from '../../../shared/binaryUpload';
import { defineOperation } from '../../../shared/description';
import {
	extraFieldsOption,
	idOf,
	listOfStrings,
	missingField,
	withExtraFields,
} from '../../../shared/fields';
import { sendMultipart, type MultipartFile } from '../../../shared/multipart';
import { requestExecutor } from '../../../shared/request/executor';
import { inputOf } from '../../../shared/validation';
import { aitelierOptions, scenarioLocator } from '../../locators';
import { profile, writeRoute } from '../../profile';
import { itemsToCsv } from './csv';
import { checkRows, fromItems, oneBatchForAllItems } from './fromItems';

const fields: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Incoming Items',
				value: 'items',
				description: 'One row per item — all items become ONE batch (one upload, one output item)',
			},
			{
				name: 'CSV File (Binary Property)',
				value: 'binary',
				description: 'Each item’s CSV file becomes a batch',
			},
		],
		default: 'items',
	},
	{ ...scenarioLocator, description: 'The scenario for rows without their own' },
	{
		displayName: 'Phone Field',
		name: 'phoneField',
		type: 'string',
		required: true,
		default: 'phone',
		displayOptions: { show: { source: ['items'] } },
		description:
			'The item field holding the number to call (E.164, checked for every item before upload)',
	},
	{
		displayName: 'Metadata Fields',
		name: 'metadataFields',
		type: 'string',
		default: '*',
		placeholder: 'e.g. lead_id, first_name',
		displayOptions: { show: { source: ['items'] } },
		description:
			'Comma-separated item fields that travel as the session’s metadata; * takes every other field',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		displayOptions: { show: { source: ['binary'] } },
		description:
			'The binary property holding the CSV (a phone column, optional scenario column, the rest metadata)',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Batch Name', name: 'name', type: 'string', default: '' },
			{
				...extraFieldsOption,
				description:
					'More fields of the upload as a JSON object, each sent as a form field (objects as JSON text); fields set above take precedence',
			},
			{
				displayName: 'Scenario Field',
				name: 'scenarioField',
				type: 'string',
				default: '',
				description: 'Incoming items only: the item field holding a per-row scenario',
			},
			{
				displayName: 'Scheduled For',
				name: 'scheduledFor',
				type: 'string',
				default: '',
				placeholder: '2026-05-13T18:42:30Z',
				description:
					'When dialling starts, as an ISO-8601 time; empty starts now; without an offset it is read in the workflow’s time zone and sent with an explicit offset',
			},
		],
	},
	aitelierOptions,
];

/** The CSV to upload: built from the incoming items with good rows, or the item's own file. */
async function csvFile(
	context: IExecuteSingleFunctions,
	extra: IDataObject,
): Promise<MultipartFile> {
	if (fromItems(context)) {
		const { items, refused } = checkRows(context);
		// Only reached when every row is good, or under Continue On Fail: refused rows stay out.
		const { csv } = itemsToCsv(
			context.getNode(),
			items.filter((_, index) => !refused.has(index)),
			{
				phoneField: String(context.getNodeParameter('phoneField', 'phone')),
				scenarioField: extra.scenarioField ? String(extra.scenarioField) : undefined,
				metadataFields: listOfStrings(context.getNodeParameter('metadataFields', '*')),
			},
		);
		return {
			field: 'file',
			filename: 'batch.csv',
			contentType: 'text/csv',
			data: Buffer.from(csv, 'utf8'),
		};
	}
	const property = String(context.getNodeParameter('binaryPropertyName', 'data'));
	const binary = binaryOf(context, property);
	return {
		field: 'file',
		filename: binary.fileName ?? 'batch.csv',
		contentType: 'text/csv',
		data: await context.helpers.getBinaryDataBuffer(property),
	};
}

/** The multipart upload: the CSV plus the batch-level fields. */
async function sendBatchBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	// n8n runs preSend for every item; only the item that uploads for all of them builds the body.
	if (fromItems(this) && checkRows(this).sender !== this.getItemIndex()) return requestOptions;
	const input = inputOf(this);
	const scenario = idOf(this, 'scenario');
	if (!scenario)
		throw missingField(this, 'Scenario', 'Pick the scenario for rows without their own');
	const extra = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const fields: Record<string, string> = { scenario };
	if (extra.name) fields.name = String(extra.name);
	if (extra.scheduledFor) fields.scheduled_for = input.instant('Scheduled For', extra.scheduledFor);
	// Extra fields travel as more multipart fields, as text; those set above take precedence.
	for (const [name, value] of Object.entries(withExtraFields(this, extra, {}))) {
		if (!(name in fields) && value !== undefined && value !== null) {
			fields[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
		}
	}

	return sendMultipart(requestOptions, fields, [await csvFile(this, extra)]);
}

export const createBatch = defineOperation(
	'batch',
	{
		name: 'Create',
		value: 'create',
		action: 'Create a batch of calls',
		description: 'Upload many numbers as one CSV batch — the way to call at volume',
		routing: {
			...writeRoute('POST', '/batches', { preSend: [sendBatchBody] }),
			operations: { pagination: oneBatchForAllItems(requestExecutor(profile)) },
		},
	},
	fields,
);
