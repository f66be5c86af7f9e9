import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { CURSOR_PAGES, onePage } from '../../shared/request/paging';
import { profile } from '../profile';
import { apiGet } from '../transport';

/** A list-search method over one of Butter's cursor-paged lists, filtered by the typed text. */
function cursorSearch(url: string, label: (record: IDataObject) => string) {
	return async function search(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const { records, next } = await onePage(
			CURSOR_PAGES,
			async (qs) => await apiGet(this, url, qs),
			paginationToken,
			{ node: this.getNode(), platform: profile.name, list: url },
		);
		const needle = (filter ?? '').toLowerCase();
		const results = records
			.map((record) => ({ name: label(record), value: String(record.id) }))
			.filter(
				(option) =>
					!needle || option.name.toLowerCase().includes(needle) || option.value.includes(needle),
			);
		return { results, paginationToken: next };
	};
}

const named = (record: IDataObject, ...parts: unknown[]) =>
	[record.name, ...parts]
		.filter((part) => part !== undefined && part !== null && part !== '')
		.join(' · ') || String(record.id);

export const searchPhoneNumbers = cursorSearch('/v1/phone-numbers', (n) =>
	named({ name: n.phone_number }, n.name, n.provider, n.status),
);
export const searchTools = cursorSearch('/v1/tools', (t) => named(t, t.http_method));
export const searchIntegrations = cursorSearch('/v1/integrations', (i) => named(i, i.provider));
export const searchDocuments = cursorSearch('/v1/knowledge-base', (d) => named(d, d.type));
