import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodeProperties } from 'n8n-workflow';

import { loadOptionsRequest } from '../../shared/loadOptions';
import { aitelier } from '../profile';

/**
 * Aitelier has no endpoint that lists scenarios; the list offers the scenarios of the project's
 * recent sessions, and By ID takes any other.
 */
export async function searchScenarios(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const body = await loadOptionsRequest(this, aitelier, 'aitelierApi', { method: 'GET', url: '/sessions', qs: { limit: 100 } });
	const scenarios = new Set<string>();
	for (const session of (body.data ?? []) as IDataObject[]) if (session.scenario) scenarios.add(String(session.scenario));
	const needle = (filter ?? '').toLowerCase();
	return {
		results: [...scenarios]
			.filter((id) => !needle || id.toLowerCase().includes(needle))
			.sort()
			.map((id) => ({ name: id, value: id })),
	};
}

export const scenarioLocator: INodeProperties = {
	displayName: 'Scenario',
	name: 'scenario',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The outbound scenario the call runs',
	modes: [
		{
			displayName: 'From Recent Sessions',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchScenarios', searchable: true },
		},
		{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'scn_outbound_demo0001' },
	],
};
