import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SAFE_ID } from '../../../shared/fields';

/** The header Butter AI is told to send with every invocation; its value is this activation's secret. */
export const PROOF_HEADER = 'X-N8n-Tool-Secret';

const TOOL_NAME = /^[a-zA-Z0-9_]+$/;
export const ARGUMENT_TYPES = [
	'string',
	'number',
	'integer',
	'boolean',
	'array',
	'object',
] as const;

/** What the trigger registers: the Butter tool's fields (without URL and secret) and its agents. */
export interface ToolSpec {
	name: string;
	description: string;
	http_method: string;
	timeout_seconds: number;
	parameters: IDataObject;
	agentIds: string[];
}

interface ListedArgument {
	name?: string;
	type?: string;
	description?: string;
	required?: boolean;
}

type Context = IHookFunctions | IWebhookFunctions;

const refuse = (context: Context, field: string, problem: string, hint: string) =>
	new NodeOperationError(context.getNode(), `${field} ${problem}`, { description: hint });

/** The arguments' JSON Schema from the simple list: one property per row, `required` from the flags. */
export function schemaFromList(context: Context, rows: ListedArgument[]): IDataObject {
	const properties: IDataObject = {};
	const required: string[] = [];
	for (const [index, row] of rows.entries()) {
		const name = String(row.name ?? '').trim();
		if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name))
			throw refuse(
				context,
				`Parameters: row ${index + 1}'s Name`,
				`"${name.slice(0, 40)}" is not a valid argument name`,
				'Use letters, digits and underscores, starting with a letter, e.g. order_id',
			);
		if (name in properties)
			throw refuse(
				context,
				`Parameters: row ${index + 1}'s Name`,
				`"${name}" is defined twice`,
				'Each argument once',
			);
		const type = String(row.type ?? 'string');
		if (!(ARGUMENT_TYPES as readonly string[]).includes(type))
			throw refuse(
				context,
				`Parameters: row ${index + 1}'s Type`,
				`"${type}" is not a JSON Schema type this node offers`,
				`One of ${ARGUMENT_TYPES.join(', ')}`,
			);
		const property: IDataObject = { type };
		const description = String(row.description ?? '').trim();
		if (description) property.description = description;
		// An array without item types is refused by strict function-calling models.
		if (type === 'array') property.items = { type: 'string' };
		properties[name] = property;
		if (row.required) required.push(name);
	}
	return { type: 'object', properties, required };
}

/** The raw JSON Schema mode: an object schema, as function calling expects. */
export function schemaFromJson(context: Context, raw: unknown): IDataObject {
	let schema: unknown = raw;
	if (typeof raw === 'string') {
		try {
			schema = JSON.parse(raw);
		} catch {
			throw refuse(
				context,
				'Parameters (JSON Schema)',
				'is not valid JSON',
				'e.g. {"type":"object","properties":{"order_id":{"type":"string"}},"required":["order_id"]}',
			);
		}
	}
	if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
		throw refuse(
			context,
			'Parameters (JSON Schema)',
			'must be a JSON object',
			'A JSON Schema object',
		);
	const object = schema as IDataObject;
	if (object.type !== 'object')
		throw refuse(
			context,
			'Parameters (JSON Schema)',
			'must have "type": "object"',
			'The agent passes its arguments as one object',
		);
	const properties = object.properties;
	if (
		properties !== undefined &&
		(typeof properties !== 'object' || properties === null || Array.isArray(properties))
	)
		throw refuse(
			context,
			'Parameters (JSON Schema)',
			'"properties" must be an object',
			'Map each argument name to its schema',
		);
	if (object.required !== undefined && !Array.isArray(object.required))
		throw refuse(
			context,
			'Parameters (JSON Schema)',
			'"required" must be an array of names',
			'e.g. "required": ["order_id"]',
		);
	return object;
}

export function argumentsSchema(context: Context): IDataObject {
	return context.getNodeParameter('parametersMode', 'list') === 'json'
		? schemaFromJson(context, context.getNodeParameter('parametersSchema', '{}'))
		: schemaFromList(
				context,
				(context.getNodeParameter('toolParameters.parameter', []) as ListedArgument[]) ?? [],
			);
}

/** Every field the trigger registers, checked: errors name the field before anything is sent. */
export function toolSpec(context: Context): ToolSpec {
	const name = String(context.getNodeParameter('toolName', '')).trim();
	if (!TOOL_NAME.test(name) || name.length > 50)
		throw refuse(
			context,
			'Tool Name',
			`"${name.slice(0, 60)}" is not a valid tool name`,
			'Use 1–50 letters, digits and underscores, e.g. lookup_order',
		);
	const description = String(context.getNodeParameter('toolDescription', '')).trim();
	if (description.length < 1 || description.length > 500)
		throw refuse(
			context,
			'Description',
			'must be 1 to 500 characters',
			'Tell the agent when to use the tool, e.g. "Look up an order\'s status by its number"',
		);
	const timeout = Number(context.getNodeParameter('timeoutSeconds', 10));
	if (!Number.isInteger(timeout) || timeout < 1 || timeout > 60)
		throw refuse(
			context,
			'Timeout (Seconds)',
			'must be a whole number from 1 to 60',
			'How long the agent waits for the answer',
		);
	const agentIds = (context.getNodeParameter('agentIds', []) as string[]).map(String);
	for (const id of agentIds)
		if (!SAFE_ID.test(id))
			throw refuse(context, 'Agents', `"${id.slice(0, 40)}" is not a valid ID`, SAFE_ID.hint);
	return {
		name,
		description,
		http_method: String(context.getNodeParameter('httpMethod', 'POST')),
		timeout_seconds: timeout,
		parameters: argumentsSchema(context),
		agentIds: [...new Set(agentIds)],
	};
}

/** The arguments the schema requires that an invocation did not carry. */
export function missingArguments(schema: IDataObject, args: IDataObject): string[] {
	const required = Array.isArray(schema.required) ? schema.required.map(String) : [];
	return required.filter((name) => args[name] === undefined || args[name] === null);
}
