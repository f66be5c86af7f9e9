import type {
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeTypeDescription,
} from 'n8n-workflow';

import { nodeTypes, PACKAGE } from '../harness/registry';
import { runNode } from '../harness/runNode';
import { listOf, useSandbox } from '../harness/sandbox';
import {
	type Malformed,
	type OperationCase,
	ANSWERS_N8N,
	CASES,
	caseItem,
	CREDENTIAL_OF,
	PLATFORM_OF,
} from './badInput.cases';
import { failureOf } from './campaign';
import { table, writeSection } from './report';

const sandbox = useSandbox();
jest.setTimeout(120_000);

const descriptionOf = (node: string) =>
	nodeTypes.getByNameAndVersion(`${PACKAGE}.${node}`).description as INodeTypeDescription;

/** n8n's display rule for one property, against the operation's well-formed parameters. */
function isShown(property: INodeProperties, parameters: INodeParameters): boolean {
	const show = property.displayOptions?.show ?? {};
	return Object.entries(show).every(([name, allowed]) =>
		(allowed as unknown[]).includes(parameters[name] as never),
	);
}

/** Every required field the editor shows for this operation, blanked. */
function missingCases(operationCase: OperationCase): Malformed[] {
	const parameters = {
		resource: operationCase.resource,
		operation: operationCase.operation,
		...operationCase.valid,
	};
	return descriptionOf(operationCase.node)
		.properties.filter((property) => property.required && isShown(property, parameters))
		.map((property) => ({
			path: property.type === 'resourceLocator' ? `${property.name}.value` : property.name,
			field: property.displayName,
			value: property.type === 'multiOptions' ? [] : '',
			what: 'missing (required)',
		}));
}

const getPath = (target: IDataObject, path: string): unknown =>
	path.split('.').reduce<unknown>((at, key) => (at as IDataObject | undefined)?.[key], target);

function setPath(target: IDataObject, path: string, value: unknown): IDataObject {
	const copy = structuredClone(target);
	const keys = path.split('.');
	let at = copy;
	for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as IDataObject;
	at[keys[keys.length - 1]] = value as IDataObject[string];
	return copy;
}

const label = (c: OperationCase) =>
	`${c.node} ${c.resource} → ${c.operation}${c.valid.agentArchitecture ? ` (${c.valid.agentArchitecture})` : ''}${c.valid.source ? ` (${c.valid.source})` : ''}${c.valid.provider ? ` (${c.valid.provider})` : ''}`;

const itemFor = (
	operationCase: OperationCase,
	value: unknown,
	itemField?: string,
): INodeExecutionData =>
	caseItem(operationCase, (itemField ? { [itemField]: value } : { __value: value }) as IDataObject);

const rows: Array<[string, string, string, string, string]> = [];
const expectations: Array<{ operationCase: OperationCase; bad: Malformed }> = CASES.flatMap(
	(operationCase) =>
		[...missingCases(operationCase), ...(operationCase.malformed ?? [])].map((bad) => ({
			operationCase,
			bad,
		})),
);

async function requestsSent(operationCase: OperationCase): Promise<number> {
	const platform = PLATFORM_OF[operationCase.node];
	return listOf(await sandbox.control('GET', `/_sandbox/requests?platform=${platform}`), 'requests')
		.length;
}

describe('every operation: each required field missing, each typed field malformed', () => {
	it('the table covers every operation of every node', () => {
		const covered = new Set([
			...CASES.map((c) => `${c.node}:${c.resource}:${c.operation}`),
			...ANSWERS_N8N,
		]);
		const all = (['butterAi', 'buildVoiceAi', 'aitelier'] as const).flatMap((node) => {
			const { properties } = descriptionOf(node);
			return properties
				.filter((p) => p.name === 'operation')
				.flatMap((p) =>
					(p.displayOptions?.show?.resource as string[]).flatMap((resource) =>
						(p.options ?? []).map((o) => `${node}:${resource}:${(o as { value: string }).value}`),
					),
				);
		});
		expect(all.filter((operation) => !covered.has(operation))).toEqual([]);
	});

	it.each(
		expectations.map(
			({ operationCase, bad }) =>
				[label(operationCase), bad.field, bad.what, operationCase, bad] as const,
		),
	)(
		'%s: %s %s → an error naming the field and the item, nothing sent; with Continue On Fail the next item proceeds',
		async (_label, _field, _what, operationCase, bad) => {
			const inItem = bad.path.startsWith('$json.') ? bad.path.slice('$json.'.length) : undefined;
			const base = {
				resource: operationCase.resource,
				operation: operationCase.operation,
				...operationCase.valid,
			};
			const parameters = (
				inItem ? base : setPath(base, bad.path, '={{ $json.__value }}')
			) as INodeParameters;
			const itemWith = (value: unknown) => itemFor(operationCase, value, inItem);
			const credentials = {
				[CREDENTIAL_OF[operationCase.node]]:
					sandbox.credentials[CREDENTIAL_OF[operationCase.node]](),
			};

			// Alone: the run fails before anything leaves n8n.
			const alone = await runNode({
				node: operationCase.node,
				parameters,
				credentials,
				fullItems: [itemWith(bad.value)],
			});
			// The run's error as n8n stores it (serialised): its class name and the item it names.
			expect(alone.error?.name).toBe('NodeApiError');
			expect((alone.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(0);
			expect(alone.error?.message).toContain(bad.field);
			expect(alone.error?.message).toContain('(item 1)');
			expect(await requestsSent(operationCase)).toBe(0);

			// Continue On Fail: the bad item carries its error, the good one after it is sent.
			const goodValue = inItem
				? operationCase.item?.[inItem]
				: (getPath(operationCase.valid as IDataObject, bad.path) ?? '');
			const both = await runNode({
				node: operationCase.node,
				parameters,
				credentials,
				fullItems: [itemWith(bad.value), itemWith(goodValue)],
				continueOnFail: true,
			});
			expect(both.error).toBeUndefined();
			const failure = failureOf(both.items[0]);
			expect(failure).toContain(bad.field);
			expect(failure).toContain('(item 1)');
			const wholeRequest = operationCase.wholeRequest?.includes(bad.path) ?? false;
			// A field of the one request all items make together stops it; any other, only its item.
			if (wholeRequest) expect(await requestsSent(operationCase)).toBe(0);
			else expect(await requestsSent(operationCase)).toBeGreaterThanOrEqual(1);
			rows.push([
				label(operationCase),
				bad.field,
				bad.what,
				String(alone.error?.message),
				wholeRequest ? 'none (one request for all items)' : 'none; the next item is sent',
			]);
		},
	);
});

afterAll(async () => {
	if (rows.length !== expectations.length) return;
	const operations = new Set(CASES.map((c) => `${c.node}:${c.resource}:${c.operation}`)).size;
	await writeSection(
		'badInput',
		'3. Bad input — refused before anything is sent',
		`Every operation of every node (${operations} operations, ${CASES.length} variants by architecture / source / provider) runs
through n8n's real engine with each required field the editor shows left empty and each typed field
malformed — ${rows.length} cases. Each value arrives by expression from the item, as in a real workflow.
Every case: the run fails with an error naming the field and the item, and the sandbox's request log
stays empty; run again with Continue On Fail and a good item after the bad one, the bad item
carries its error and the good one is sent.

The errors are \`NodeApiError\`s, not \`NodeOperationError\`s: n8n's declarative engine (\`RoutingNode\`)
re-wraps any other error thrown while preparing a request, with the raw node (parameters and
secrets included) attached — so the nodes raise a \`NodeApiError\` with a scrubbed node themselves.

${table(['operation', 'field', 'input', 'error (run alone)', 'requests sent for the bad item'], rows)}`,
	);
});
