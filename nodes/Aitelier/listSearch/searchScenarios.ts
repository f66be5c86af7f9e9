import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { aitelierRequest } from '../transport';

/**
 * Aitelier has no endpoint that lists scenarios; the list offers the scenarios of the project's
 * recent sessions, and By ID takes any other.
 */
export async function searchScenarios(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const body = await aitelierRequest(this, 'GET', '/sessions', { qs: { limit: 100 } });
	const scenarios = new Set<string>();
	for (const session of (body.data ?? []) as IDataObject[])
		if (session.scenario) scenarios.add(String(session.scenario));
	const needle = (filter ?? '').toLowerCase();
	return {
		results: [...scenarios]
			.filter((id) => !needle || id.toLowerCase().includes(needle))
			.sort()
			.map((id) => ({ name: id, value: id })),
	};
}
