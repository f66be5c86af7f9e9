import { z } from 'zod';

import type { Route } from '../http';
import type { SandboxState } from '../state';
import {
	action,
	conflict,
	httpUrl,
	iso,
	isObject,
	notFound,
	parseWith,
	requireObject,
	single,
} from './common';
import { type ButterTool, HTTP_METHODS } from './model';
import { butterList } from './pagination';

/** A JSON Schema for the tool's arguments: an object schema, as function calling expects. */
const parametersSchema = z
	.record(z.unknown())
	.refine(
		(schema) => schema.type === 'object',
		'must be a JSON Schema object with "type": "object"',
	);

const toolFields = z.object({
	name: z
		.string()
		.min(1)
		.max(50)
		.regex(/^[a-zA-Z0-9_]+$/, 'may contain only letters, digits and underscores'),
	description: z.string().trim().min(1).max(500),
	webhook_url: httpUrl,
	http_method: z.enum(HTTP_METHODS),
	headers: z.record(z.string()).nullable(),
	parameters: z
		.unknown()
		.refine(isObject, 'must be a JSON Schema object with "type": "object"')
		.pipe(parametersSchema)
		.nullable(),
	timeout_seconds: z.number().int().min(1).max(60),
});
const createBody = toolFields.partial({
	http_method: true,
	headers: true,
	parameters: true,
	timeout_seconds: true,
});
const updateBody = toolFields.partial();

export function findTool(state: SandboxState, id: string): ButterTool {
	const tool = state.butter.tools.find((t) => t.id === id);
	if (!tool) throw notFound('Tool', id);
	return tool;
}

function assertNameFree(state: SandboxState, name: string, except?: ButterTool): void {
	if (state.butter.tools.some((tool) => tool.name === name && tool !== except)) {
		throw conflict(`A tool named ${name} already exists`);
	}
}

export const toolRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/v1/tools',
		handler: ({ state, body, now }) => {
			const input = parseWith(createBody, requireObject(body));
			assertNameFree(state, input.name);
			const tool: ButterTool = {
				id: state.ids.hex('tool_'),
				name: input.name,
				description: input.description,
				webhook_url: input.webhook_url,
				http_method: input.http_method ?? 'POST',
				headers: input.headers ?? {},
				parameters: input.parameters ?? null,
				timeout_seconds: input.timeout_seconds ?? 10,
				created_at: iso(now),
				updated_at: iso(now),
			};
			state.butter.tools.push(tool);
			// Headers often carry credentials of the tool's API: names only in the ledger.
			state.ledger.record(
				{
					platform: 'butter',
					action: 'tool.created',
					resourceId: tool.id,
					details: { name: tool.name },
				},
				now,
			);
			return action(201, 'Tool created successfully', tool);
		},
	},
	{
		method: 'GET',
		pattern: '/v1/tools',
		handler: ({ state, query }) => butterList(state, state.butter.tools, query, 'tools', {}),
	},
	{
		method: 'GET',
		pattern: '/v1/tools/:id',
		handler: ({ state, params }) => single(findTool(state, params.id)),
	},
	{
		method: 'PATCH',
		pattern: '/v1/tools/:id',
		handler: ({ state, params, body, now }) => {
			const tool = findTool(state, params.id);
			const changes = parseWith(updateBody, requireObject(body));
			if (changes.name !== undefined) assertNameFree(state, changes.name, tool);
			Object.assign(tool, changes, {
				...(changes.headers === null ? { headers: {} } : {}),
				updated_at: iso(now),
			});
			state.ledger.record(
				{
					platform: 'butter',
					action: 'tool.updated',
					resourceId: tool.id,
					details: { fields: Object.keys(changes) },
				},
				now,
			);
			return action(200, 'Tool updated successfully', tool);
		},
	},
	{
		method: 'DELETE',
		pattern: '/v1/tools/:id',
		handler: ({ state, params, now }) => {
			const tool = findTool(state, params.id);
			state.butter.tools = state.butter.tools.filter((t) => t !== tool);
			state.ledger.record(
				{
					platform: 'butter',
					action: 'tool.deleted',
					resourceId: tool.id,
					details: { name: tool.name },
				},
				now,
			);
			return action(200, 'Tool deleted successfully', { id: tool.id, deleted: true });
		},
	},
];
