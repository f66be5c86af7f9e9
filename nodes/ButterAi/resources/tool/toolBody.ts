import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { invalidField } from '../../../shared/fields';
import { inputOf } from '../../../shared/validation';

export const HTTP_METHODS = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'].map((method) => ({
	name: method,
	value: method,
}));
const TOOL_NAME = /^[a-zA-Z0-9_]+$/;

export const parametersField: INodeProperties = {
	displayName: 'Parameters (JSON Schema)',
	name: 'parameters',
	type: 'json',
	default: '{\n  "type": "object",\n  "properties": {},\n  "required": []\n}',
	description: 'The arguments the agent passes, as a JSON Schema object; checked before sending',
};

export const headersField: INodeProperties = {
	displayName: 'Headers (JSON)',
	name: 'headers',
	type: 'json',
	default: '{}',
	description: 'Headers Butter AI sends to your endpoint, as a JSON object of strings',
};

function parametersSchema(context: IExecuteSingleFunctions, value: unknown): IDataObject {
	const schema = inputOf(context).jsonObject('Parameters (JSON Schema)', value);
	if (schema.type !== 'object') {
		throw invalidField(
			context,
			'Parameters (JSON Schema)',
			'must be a schema with "type": "object"',
			'e.g. {"type":"object","properties":{"order_id":{"type":"string"}}}',
		);
	}
	if (
		schema.properties !== undefined &&
		(typeof schema.properties !== 'object' ||
			schema.properties === null ||
			Array.isArray(schema.properties))
	) {
		throw invalidField(
			context,
			'Parameters (JSON Schema)',
			'"properties" must be an object',
			'Map each argument name to its schema',
		);
	}
	if (schema.required !== undefined && !Array.isArray(schema.required)) {
		throw invalidField(
			context,
			'Parameters (JSON Schema)',
			'"required" must be an array of names',
			'e.g. "required": ["order_id"]',
		);
	}
	return schema;
}

/** Validates the tool fields that were given (create's or update's), naming the field and the item; returns API names. */
export function toolBody(context: IExecuteSingleFunctions, given: IDataObject): IDataObject {
	const input = inputOf(context);
	const body: IDataObject = {};
	if (given.name !== undefined) {
		const name = String(given.name).trim();
		if (!TOOL_NAME.test(name) || name.length > 50) {
			throw invalidField(
				context,
				'Name',
				`"${name.slice(0, 60)}" is not a valid tool name`,
				'Use 1–50 letters, digits and underscores, e.g. check_order_status',
			);
		}
		body.name = name;
	}
	if (given.description !== undefined) {
		const description = String(given.description).trim();
		if (description.length < 1 || description.length > 500) {
			throw invalidField(
				context,
				'Description',
				'must be 1 to 500 characters',
				'The agent reads it to decide when to call the tool',
			);
		}
		body.description = description;
	}
	if (given.webhookUrl !== undefined) {
		body.webhook_url = input.httpUrl(
			'Webhook URL',
			given.webhookUrl,
			'The endpoint Butter AI calls, up to 500 characters',
			500,
		);
	}
	if (given.httpMethod !== undefined) body.http_method = given.httpMethod;
	if (given.timeoutSeconds !== undefined) {
		const timeout = Number(given.timeoutSeconds);
		if (!Number.isInteger(timeout) || timeout < 1 || timeout > 60) {
			throw invalidField(
				context,
				'Timeout (Seconds)',
				'must be a whole number from 1 to 60',
				'How long Butter AI waits for your endpoint',
			);
		}
		body.timeout_seconds = timeout;
	}
	if (given.headers !== undefined) {
		const headers = input.jsonObject('Headers (JSON)', given.headers);
		for (const [key, value] of Object.entries(headers)) {
			if (typeof value !== 'string')
				throw invalidField(
					context,
					'Headers (JSON)',
					`value of "${key}" is not a string`,
					'Header values are text',
				);
		}
		if (Object.keys(headers).length) body.headers = headers;
	}
	if (given.parameters !== undefined) body.parameters = parametersSchema(context, given.parameters);
	return body;
}
