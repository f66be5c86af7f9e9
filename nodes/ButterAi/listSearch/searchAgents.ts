import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiGet } from '../transport';

/** One page of agents for the resource locator; n8n asks again with the token for more. */
export async function searchAgents(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = paginationToken ? Number(paginationToken) : 1;
	const body = await apiGet(this, '/v1/agents', { page, limit: 100 });
	const agents = (Array.isArray(body.data) ? body.data : []) as IDataObject[];
	const needle = (filter ?? '').toLowerCase();
	const results = agents
		.filter((agent) => !needle || String(agent.name ?? '').toLowerCase().includes(needle))
		.map((agent) => ({ name: String(agent.name ?? agent.id), value: String(agent.id) }));
	const hasNext = (body.pagination as IDataObject | undefined)?.hasNext === true;
	return { results, paginationToken: hasNext ? String(page + 1) : undefined };
}
