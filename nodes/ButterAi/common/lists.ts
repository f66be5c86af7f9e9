import type { INodeProperties } from 'n8n-workflow';

/** Return All + Limit for one Get Many operation, read by the shared pagination helper. */
export function returnAllAndLimit(resource: string): INodeProperties[] {
	const show = { resource: [resource], operation: ['getAll'] };
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { ...show, returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

/** Butter lists other than agents page by cursor; 100 is the largest page. */
export const cursorPaging = { style: 'cursor', maxPageSize: 100 } as const;
