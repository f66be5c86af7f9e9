import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	NodeApiError,
} from 'n8n-workflow';

import { idOf, invalidField, listOfStrings, missingField } from '../../../shared/fields';
import { binaryOf } from '../../../shared/binaryUpload';
import { multipartBody, type MultipartFile } from '../../../shared/multipart';
import { inputOf, requireE164 } from '../../../shared/validation';
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

interface RowCheck {
	items: INodeExecutionData[];
	/** Rows whose phone is not E.164 (or missing), with the error naming their item. */
	refused: Map<number, NodeApiError>;
	/** The item that uploads the batch: the first with a good row. */
	sender: number | undefined;
}

// One check of every row per node run (each item's request asks), keyed by the run's execute data.
const rowChecks = new WeakMap<object, RowCheck>();

function checkRows(context: IExecuteSingleFunctions): RowCheck {
	const key = context.getExecuteData() as object;
	const known = rowChecks.get(key);
	if (known) return known;
	const items = allInputItems(context);
	if (items.length > MAX_ROWS) throw invalidField(context, 'Incoming Items', `are ${items.length} rows`, `A batch holds at most ${MAX_ROWS}; split the items`);
	const phoneField = String(context.getNodeParameter('phoneField', 'phone'));
	if (!phoneField.trim()) throw missingField(context, 'Phone Field', 'The item field holding the number to call, e.g. phone');
	const refused = new Map<number, NodeApiError>();
	items.forEach(({ json }, index) => {
		try {
			requireE164(context.getNode(), index, `Phone Field "${phoneField}"`, json[phoneField]);
		} catch (error) {
			refused.set(index, error as NodeApiError);
		}
	});
	const sender = items.findIndex((_, index) => !refused.has(index));
	const check = { items, refused, sender: sender < 0 ? undefined : sender };
	rowChecks.set(key, check);
	return check;
}

/** The multipart upload: the CSV plus the batch-level fields. */
export async function sendBatchBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	// n8n runs preSend for every item; only the item that uploads for all of them builds the body.
	if (fromItems(this) && checkRows(this).sender !== this.getItemIndex()) return requestOptions;
	const input = inputOf(this);
	const scenario = idOf(this, 'scenario');
	if (!scenario) throw missingField(this, 'Scenario', 'Pick the scenario for rows without their own');
	const extra = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const fields: Record<string, string> = { scenario };
	if (extra.name) fields.name = String(extra.name);
	if (extra.scheduledFor) fields.scheduled_for = input.isoDate('Scheduled For', extra.scheduledFor);

	let file: MultipartFile;
	if (fromItems(this)) {
		const { items, refused } = checkRows(this);
		// Only reached when every row is good, or under Continue On Fail: refused rows stay out.
		const { csv } = itemsToCsv(this.getNode(), items.filter((_, index) => !refused.has(index)), {
			phoneField: String(this.getNodeParameter('phoneField', 'phone')),
			scenarioField: extra.scenarioField ? String(extra.scenarioField) : undefined,
			metadataFields: listOfStrings(this.getNodeParameter('metadataFields', '*')),
		});
		file = { field: 'file', filename: 'batch.csv', contentType: 'text/csv', data: Buffer.from(csv, 'utf8') };
	} else {
		const property = String(this.getNodeParameter('binaryPropertyName', 'data'));
		const binary = binaryOf(this, property);
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

/**
 * A batch built from items is ONE upload. Each item with a bad phone fails on its own; the first
 * item with a good row sends the batch for all of them. Without Continue On Fail one bad row
 * stops the batch before anything is sent; with it, the good rows go out and the bad ones are
 * reported, each on its own item.
 */
export function oneBatchForAllItems(send: Send): Send {
	return async function sendOnce(this: IExecutePaginationFunctions, request: DeclarativeRestApiSettings.ResultOptions) {
		if (this.getNodeParameter('source') !== 'items') return await send.call(this, request);
		const { refused, sender } = checkRows(this);
		const index = this.getItemIndex();
		const own = refused.get(index);
		if (own) throw own;
		if (index !== sender) return [];
		const [firstRefused] = refused.values();
		if (firstRefused && !this.continueOnFail()) throw firstRefused;
		return await send.call(this, request);
	};
}
