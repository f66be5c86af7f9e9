import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { allRecords } from '../../shared/request/apiRequest';
import { api } from '../profile';

/** Every tool of the organisation, for the agents' Tool Names or IDs picker. */
export async function getTools(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const tools = await allRecords(this, api, '/v1/tools');
	return tools
		.map((tool) => ({ name: String(tool.name ?? tool.id), value: String(tool.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
