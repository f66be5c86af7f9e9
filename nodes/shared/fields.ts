import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INode,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { inputError } from './platformError';
import { scrubbedNode } from './scrub';
import { parseJsonObject } from './validation';

/** The escape hatch every body offers, for fields the docs add later. */
export const extraFieldsOption: INodeProperties = {
	displayName: 'Extra Fields (JSON)',
	name: 'extraFieldsJson',
	type: 'json',
	default: '{}',
	description: 'More body fields as a JSON object, sent as given; fields set above take precedence',
};

/** A node parameter's value with a resource locator reduced to its ID. */
export function idOf(context: IExecuteSingleFunctions, name: string): string {
	return String(context.getNodeParameter(name, '', { extractValue: true }) ?? '').trim();
}

/** Missing-field error naming the field and the item, thrown before any request. */
export function missingField(
	context: IExecuteSingleFunctions,
	field: string,
	hint: string,
): NodeApiError {
	const itemIndex = context.getItemIndex();
	return inputError(
		context.getNode(),
		itemIndex,
		`${field} is required (item ${itemIndex + 1})`,
		hint,
	);
}

export function invalidField(
	context: IExecuteSingleFunctions,
	field: string,
	problem: string,
	hint: string,
): NodeApiError {
	const itemIndex = context.getItemIndex();
	return inputError(
		context.getNode(),
		itemIndex,
		`${field} ${problem} (item ${itemIndex + 1})`,
		hint,
	);
}

/** Copies the set (non-empty) options of a collection onto the body under their API names. */
export function copyGiven(
	target: IDataObject,
	source: IDataObject,
	names: Record<string, string>,
): IDataObject {
	for (const [parameter, field] of Object.entries(names)) {
		const value = source[parameter];
		if (value === undefined || value === '' || value === null) continue;
		target[field] = value;
	}
	return target;
}

/** Body = extra JSON fields overlaid by the explicit ones. */
export function withExtraFields(
	context: IExecuteSingleFunctions,
	collection: IDataObject,
	body: IDataObject,
): IDataObject {
	const extra = parseJsonObject(
		context.getNode(),
		context.getItemIndex(),
		'Extra Fields (JSON)',
		collection.extraFieldsJson,
	);
	return { ...extra, ...body };
}

/** Comma-separated text or an array (from an expression) → a list of trimmed strings. */
export function listOfStrings(value: unknown): string[] {
	const items = Array.isArray(value) ? value : String(value ?? '').split(',');
	return items.map((item) => String(item).trim()).filter((item) => item !== '');
}

/** Return All + Limit for a Get Many operation, read by the shared pagination helper. */
export function returnAllAndLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

/** A Get Many operation's Filters: each option sends itself as a query parameter. */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options,
	};
}

/** The rule an ID must follow beyond being present. */
export interface IdShape {
	test: (id: string) => boolean;
	/** What a valid ID looks like, shown when one is refused. */
	hint: string;
	/** The rule as regex text, for a locator's By ID validation. */
	pattern: string;
}

/**
 * The one rule for every ID that goes into a URL path, on all three platforms: letters, digits,
 * `_` and `-`, 1–128 long. The platforms' own formats differ from their texts' examples
 * (`agent_abc123` beside "prefix + 12 hex"), so no vendor format is required — only a shape
 * that cannot change which endpoint is called (`../wallet`, `?`, `#`, `%2F` are refused).
 */
const SAFE_ID_PATTERN = '^[A-Za-z0-9_-]{1,128}$';
const SAFE_ID_REGEX = new RegExp(SAFE_ID_PATTERN);

/** The safe shape, its hint showing the platform's own example ID. */
export function safeId(example?: string): IdShape {
	return {
		pattern: SAFE_ID_PATTERN,
		test: (id) => SAFE_ID_REGEX.test(id),
		hint: `IDs are letters, digits, _ and - (at most 128)${example ? `, e.g. ${example}` : ''}`,
	};
}

export const SAFE_ID: IdShape = safeId();

/**
 * The ID named by a parameter (a locator's value or a plain field), checked before sending:
 * empty, or not of the safe shape (and the given one), fails the item here instead of reaching —
 * or mis-addressing — the API.
 */
export function checkedId(
	context: IExecuteSingleFunctions,
	parameter: string,
	label: string,
	options: { shape?: IdShape; missingHint?: string } = {},
): string {
	const id = idOf(context, parameter);
	if (!id) throw missingField(context, label, options.missingHint ?? `Give the ${label} to act on`);
	const shape = options.shape ?? SAFE_ID;
	if (!SAFE_ID.test(id) || !shape.test(id)) {
		throw invalidField(context, label, `"${id.slice(0, 40)}" is not a valid ID`, shape.hint);
	}
	return id;
}

/**
 * preSend form of checkedId, for IDs that go into the URL: the request is refused before it is
 * sent, and the URL carries the checked ID (trimmed, encoded) rather than the raw text.
 */
export function requireId(
	parameter: string,
	label: string,
	options: { shape?: IdShape; missingHint?: string } = {},
) {
	return async function checkId(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const id = checkedId(this, parameter, label, options);
		const raw = String(this.getNodeParameter(parameter, '', { extractValue: true }) ?? '');
		if (raw !== id && requestOptions.url.includes(raw))
			requestOptions.url = requestOptions.url.replace(raw, encodeURIComponent(id));
		return requestOptions;
	};
}

/**
 * An ID built into a URL path in code (outside routing, e.g. a trigger's registration): the safe
 * shape, encoded; anything else is refused before the request is made.
 */
export function pathId(node: INode, label: string, id: string): string {
	if (!SAFE_ID.test(id)) {
		const message = `${label} "${id.slice(0, 40)}" is not a valid ID`;
		throw new NodeApiError(scrubbedNode(node), { message }, { message, description: SAFE_ID.hint });
	}
	return encodeURIComponent(id);
}

/** An update must change something: an empty one is refused before sending. */
export function requireSomeUpdate(
	context: IExecuteSingleFunctions,
	body: IDataObject,
	hint = 'Add the fields to change under Update Fields',
): IDataObject {
	if (Object.keys(body).length === 0)
		throw missingField(context, 'At least one Update Field', hint);
	return body;
}
