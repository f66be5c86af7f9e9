import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { inputOf } from '../shared/validation';

/** Options every Aitelier operation offers: each operation file ends its fields with it. */
export const aitelierOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'API Version (Preview)',
			name: 'apiVersion',
			type: 'string',
			default: '',
			placeholder: 'v1.preview-2026-05-13',
			description: 'Opt in to pre-release behaviour with the X-AVP-API-Version header',
			routing: { request: { headers: { 'X-AVP-API-Version': '={{$value || undefined}}' } } },
		},
		{
			displayName: 'Idempotency Key',
			name: 'idempotencyKey',
			type: 'string',
			default: '',
			description:
				'Sent as Idempotency-Key on state-changing requests; Aitelier answers a repeated key for 24 h with its first answer instead of acting again. Empty: derived from this node and the request itself (number, scenario, fields) — a retry, a Retry Execution or a re-run within 24 h places nothing twice, and two identical items are one call. A different request always acts. To send an identical request again on purpose, make the key differ per execution (see the hint); to dedupe by lead, use a lead ID.',
			hint: 'Per execution: {{ $execution.id }}-{{ $itemIndex }} · per lead: {{ $json.lead_id }}',
		},
	],
};

/** A plain, required ID field (the ID goes into the URL; requireId checks it before sending). */
export function idField(displayName: string, name: string, placeholder: string): INodeProperties {
	return { displayName, name, type: 'string', required: true, default: '', placeholder };
}

/** The outbound scenario: picked from the project's recent sessions, or given by ID. */
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

async function checkSince(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const value = this.getNodeParameter('filters.since', '');
	if (value) inputOf(this).isoDate('Since', value);
	return requestOptions;
}

/** `since` list filter: an ISO-8601 date or time, checked before sending. */
export const sinceFilter: INodeProperties = {
	displayName: 'Since',
	name: 'since',
	type: 'string',
	default: '',
	placeholder: '2026-05-13 or 2026-05-13T18:42:30Z',
	description: 'Only records created at or after this ISO-8601 date or time',
	routing: { send: { type: 'query', property: 'since', preSend: [checkSince] } },
};
