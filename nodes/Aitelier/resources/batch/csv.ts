import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { requireE164 } from '../../../shared/validation';

/** RFC 4180 field: quoted when it holds a comma, quote, line break or edge spaces. */
function csvField(value: unknown): string {
	const text =
		value === undefined || value === null
			? ''
			: typeof value === 'object'
				? JSON.stringify(value)
				: String(value);
	return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvMapping {
	phoneField: string;
	scenarioField?: string;
	/** Item fields that become metadata columns; `*` takes every other top-level field. */
	metadataFields: string[];
}

/**
 * One CSV row per incoming item: phone (checked E.164, naming the item), an optional per-row
 * scenario, and metadata columns. Throws before anything is sent.
 */
export function itemsToCsv(
	node: INode,
	items: INodeExecutionData[],
	mapping: CsvMapping,
): { csv: string; rows: number } {
	const reserved = new Set(['phone', 'scenario']);
	const everyField = mapping.metadataFields.includes('*');
	const columns: string[] = [];
	const seen = new Set<string>();
	const metadataOf = (json: IDataObject) =>
		everyField
			? Object.keys(json).filter(
					(key) => key !== mapping.phoneField && key !== mapping.scenarioField,
				)
			: mapping.metadataFields;
	for (const { json } of items) {
		for (const key of metadataOf(json)) {
			if (!seen.has(key)) {
				seen.add(key);
				columns.push(key);
			}
		}
	}
	const header = [
		'phone',
		...(mapping.scenarioField ? ['scenario'] : []),
		...columns.map((key) => (reserved.has(key) ? `metadata.${key}` : key)),
	];
	const lines = [header.map(csvField).join(',')];
	items.forEach(({ json }, index) => {
		const phone = requireE164(
			node,
			index,
			`Phone Field "${mapping.phoneField}"`,
			json[mapping.phoneField],
		);
		const row: unknown[] = [phone];
		if (mapping.scenarioField) row.push(json[mapping.scenarioField]);
		for (const key of columns) row.push(json[key]);
		lines.push(row.map(csvField).join(','));
	});
	return { csv: `${lines.join('\r\n')}\r\n`, rows: items.length };
}
