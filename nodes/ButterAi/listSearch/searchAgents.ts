import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { onePage } from '../../shared/request/paging';
import { AGENT_PAGES, profile } from '../profile';
import { apiGet } from '../transport';

/** One page of agents for the resource locator; n8n asks again with the token for more. */
export async function searchAgents(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { records, next } = await onePage(
		AGENT_PAGES,
		async (qs) => await apiGet(this, '/v1/agents', qs),
		paginationToken,
		{ node: this.getNode(), platform: profile.name, list: '/v1/agents' },
	);
	const needle = (filter ?? '').toLowerCase();
	const results = records
		.filter(
			(agent) =>
				!needle ||
				String(agent.name ?? '')
					.toLowerCase()
					.includes(needle),
		)
		.map((agent) => ({ name: String(agent.name ?? agent.id), value: String(agent.id) }));
	return { results, paginationToken: next };
}
