import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { idOf, invalidField, listOfStrings, missingField } from '../../../shared/fields';
import { multipartBody, type MultipartFile } from '../../../shared/multipart';
import { inputOf } from '../../../shared/validation';
import { scenarioLocator } from '../../listSearch/searchScenarios';
import { itemsToCsv } from './csv';

const show = (source?: string[]) => ({ show: { resource: ['batch'], operation: ['create'], ...(source ? { source } : {}) } });
const MAX_ROWS = 10_000;

export const batchCreateDescription: INodeProperties[] = [
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
			{ name: 'CSV File (Binary Property)', value: 'binary', description: 'Each item’s CSV file becomes a batch' },
		],
		default: 'items',
		displayOptions: show(),
	},
	{
		...scenarioLocator,
		description: 'The scenario for rows without their own',
		displayOptions: show(),
	},
	{
		displayName: 'Phone Field',
		name: 'phoneField',
		type: 'string',
		required: true,
		default: 'phone',
		displayOptions: show(['items']),
		description: 'The item field holding the number to call (E.164, checked for every item before upload)',
	},
	{
		displayName: 'Metadata Fields',
		name: 'metadataFields',
		type: 'string',
		default: '*',
		placeholder: 'e.g. lead_id, first_name',
		displayOptions: show(['items']),
		description: 'Comma-separated item fields that travel as the session’s metadata; * takes every other field',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		displayOptions: show(['binary']),
		description: 'The binary property holding the CSV (a phone column, optional scenario column, the rest metadata)',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(),
		options: [
			{ displayName: 'Batch Name', name: 'name', type: 'string', default: '' },
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
				description: 'When dialling starts, as an ISO-8601 time; empty starts now',
			},
		],
	},
];

const fromItems = (context: IExecuteSingleFunctions) => context.getNodeParameter('source') === 'items';

/** All items of the node's input (a batch built from items is one request for all of them). */
function allInputItems(context: IExecuteSingleFunctions): INodeExecutionData[] {
	return (context.getWorkflowDataProxy(context.getItemIndex()).$input as { all(): INodeExecutionData[] }).all();
}

/** The multipart upload: the CSV plus the batch-level fields. */
export async function sendBatchBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	// Items after the first are rows of the first item's upload; they send nothing of their own.
	if (fromItems(this) && this.getItemIndex() > 0) return requestOptions;
	const input = inputOf(this);
	const scenario = idOf(this, 'scenario');
	if (!scenario) throw missingField(this, 'Scenario', 'Pick the scenario for rows without their own');
	const extra = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const fields: Record<string, string> = { scenario };
	if (extra.name) fields.name = String(extra.name);
	if (extra.scheduledFor) fields.scheduled_for = input.isoDate('Scheduled For', extra.scheduledFor);

	let file: MultipartFile;
	if (fromItems(this)) {
		const items = allInputItems(this);
		if (items.length > MAX_ROWS) throw invalidField(this, 'Incoming Items', `are ${items.length} rows`, `A batch holds at most ${MAX_ROWS}; split the items`);
		const { csv } = itemsToCsv(this.getNode(), items, {
			phoneField: String(this.getNodeParameter('phoneField', 'phone')),
			scenarioField: extra.scenarioField ? String(extra.scenarioField) : undefined,
			metadataFields: listOfStrings(this.getNodeParameter('metadataFields', '*')),
		});
		file = { field: 'file', filename: 'batch.csv', contentType: 'text/csv', data: Buffer.from(csv, 'utf8') };
	} else {
		const property = String(this.getNodeParameter('binaryPropertyName', 'data'));
		const binary = this.helpers.assertBinaryData(property);
		file = {
			field: 'file',
			filename: binary.fileName ?? 'batch.csv',
			contentType: 'text/csv',
			data: await this.helpers.getBinaryDataBuffer(property),
		};
	}
	const { body, contentType } = multipartBody(fields, [file]);
	requestOptions.body = body;
	requestOptions.headers = { ...(requestOptions.headers ?? {}), 'Content-Type': contentType };
	return requestOptions;
}

type Send = (this: IExecutePaginationFunctions, request: DeclarativeRestApiSettings.ResultOptions) => Promise<INodeExecutionData[]>;

/** For a batch built from items, only the first item sends (it carries every row). */
export function firstItemSendsForAll(send: Send): Send {
	return async function sendOnce(this: IExecutePaginationFunctions, request: DeclarativeRestApiSettings.ResultOptions) {
		if (this.getNodeParameter('source') === 'items' && this.getItemIndex() > 0) return [];
		return await send.call(this, request);
	};
}
