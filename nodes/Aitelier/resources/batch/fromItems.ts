import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
	NodeApiError,
} from 'n8n-workflow';

import { invalidField, missingField } from '../../../shared/fields';
import { requireE164 } from '../../../shared/validation';

const MAX_ROWS = 10_000;

/** Whether the batch is built from the incoming items (else from each item's CSV file). */
export const fromItems = (context: IExecuteSingleFunctions) =>
	context.getNodeParameter('source') === 'items';

/** All items of the node's input (a batch built from items is one request for all of them). */
function allInputItems(context: IExecuteSingleFunctions): INodeExecutionData[] {
	return (
		context.getWorkflowDataProxy(context.getItemIndex()).$input as { all(): INodeExecutionData[] }
	).all();
}

export interface RowCheck {
	items: INodeExecutionData[];
	/** Rows whose phone is not E.164 (or missing), with the error naming their item. */
	refused: Map<number, NodeApiError>;
	/** The item that uploads the batch: the first with a good row. */
	sender: number | undefined;
}

// One check of every row per node run (each item's request asks), keyed by the run's execute data.
const rowChecks = new WeakMap<object, RowCheck>();

export function checkRows(context: IExecuteSingleFunctions): RowCheck {
	const key = context.getExecuteData() as object;
	const known = rowChecks.get(key);
	if (known) return known;
	const items = allInputItems(context);
	if (items.length > MAX_ROWS)
		throw invalidField(
			context,
			'Incoming Items',
			`are ${items.length} rows`,
			`A batch holds at most ${MAX_ROWS}; split the items`,
		);
	const phoneField = String(context.getNodeParameter('phoneField', 'phone'));
	if (!phoneField.trim())
		throw missingField(
			context,
			'Phone Field',
			'The item field holding the number to call, e.g. phone',
		);
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

type Send = (
	this: IExecutePaginationFunctions,
	request: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/**
 * A batch built from items is ONE upload. Each item with a bad phone fails on its own; the first
 * item with a good row sends the batch for all of them. Without Continue On Fail one bad row
 * stops the batch before anything is sent; with it, the good rows go out and the bad ones are
 * reported, each on its own item.
 */
export function oneBatchForAllItems(send: Send): Send {
	return async function sendOnce(
		this: IExecutePaginationFunctions,
		request: DeclarativeRestApiSettings.ResultOptions,
	) {
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
