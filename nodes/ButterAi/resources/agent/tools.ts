import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { invalidField, listOfStrings } from '../../../shared/fields';
import { apiRequest } from '../../../shared/request/apiRequest';
import { api, TOOL_ID } from '../../profile';

/**
 * Tools picked from the list (by ID, several). The agents text enables tools on an agent by name
 * (`enabledCustomFunctions: ["check_order_status"]`); the node looks each picked tool up and
 * sends its name there, so a renamed tool is still found by its ID.
 */
export const toolIdsOption: INodeProperties = {
	displayName: 'Tool Names or IDs',
	name: 'toolIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getTools' },
	default: [],
	description:
		'Your tools the agent may call, enabled under their names alongside Enabled Custom Functions. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

async function toolName(context: IExecuteSingleFunctions, id: string): Promise<string> {
	if (!TOOL_ID.test(id)) {
		throw invalidField(
			context,
			'Tool Names or IDs',
			`"${id.slice(0, 40)}" is not a valid ID`,
			TOOL_ID.hint,
		);
	}
	const answer = await apiRequest(context, api, {
		method: 'GET',
		url: `/v1/tools/${encodeURIComponent(id)}`,
	});
	const tool = (answer.data ?? answer) as IDataObject;
	return String(tool.name ?? '');
}

/**
 * The custom functions to send: the names typed plus the names of the picked tools, once each;
 * undefined when neither was given (the field is then left out).
 */
export async function customFunctions(
	context: IExecuteSingleFunctions,
	typed: unknown,
	toolIds: unknown,
): Promise<string[] | undefined> {
	const ids = listOfStrings(toolIds);
	if ((typed === undefined || typed === '') && ids.length === 0) return undefined;
	const names = listOfStrings(typed);
	for (const id of ids) names.push(await toolName(context, id));
	return [...new Set(names.filter(Boolean))];
}
