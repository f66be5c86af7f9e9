import type { INodeProperties, INodePropertyOptions, INodePropertyRouting } from 'n8n-workflow';

/** One operation of a resource: its entry in the Operation dropdown and the fields it shows. */
export interface Operation {
	option: INodePropertyOptions;
	fields: INodeProperties[];
}

/**
 * Shows fields only for one resource + operation — the display rule applied once per operation
 * file (as n8n's own updateDisplayOptions does), merged with any rule a field has of its own.
 */
export function showOnlyFor(
	resource: string,
	operation: string,
	fields: INodeProperties[],
): INodeProperties[] {
	return fields.map((field) => ({
		...field,
		displayOptions: {
			...field.displayOptions,
			show: { ...field.displayOptions?.show, resource: [resource], operation: [operation] },
		},
	}));
}

export interface OperationSpec {
	name: string;
	value: string;
	action: string;
	description?: string;
	/** Absent for a custom operation (the node's `customOperations` runs it instead of routing). */
	routing?: INodePropertyRouting;
}

/** An operation file's export: its dropdown entry and its fields, shown only for it. */
export function defineOperation(
	resource: string,
	spec: OperationSpec,
	fields: INodeProperties[] = [],
): Operation {
	return { option: { ...spec }, fields: showOnlyFor(resource, spec.value, fields) };
}

/** A resource's Operation dropdown (sorted by name, as n8n's lint rules ask) followed by every operation's fields. */
export function resourceProperties(
	resource: string,
	defaultOperation: string,
	operations: Operation[],
): INodeProperties[] {
	const options = operations
		.map((operation) => operation.option)
		.sort((a, b) => a.name.localeCompare(b.name));
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options,
			default: defaultOperation,
		},
		...operations.flatMap((operation) => operation.fields),
	];
}
