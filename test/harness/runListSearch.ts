import { ExecutionLifecycleHooks, LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	IWorkflowBase,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { additionalDataFor } from './runNode';
import { PACKAGE, nodeTypes } from './registry';
import { recordForSecretScan } from './secretRecorder';

interface EditorCall {
	node: string;
	method: string;
	parameters?: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
}

/** The node type and the LoadOptionsContext the editor would give a method of it. */
function editorContext(options: EditorCall) {
	const type = `${PACKAGE}.${options.node}`;
	const nodeType = nodeTypes.getByNameAndVersion(type) as INodeType;
	const node: INode = {
		id: 'editor-node',
		name: 'Editor Node',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters ?? {},
		credentials: Object.fromEntries(
			Object.keys(options.credentials).map((n) => [n, { id: `cred-${n}`, name: n }]),
		),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const hooks = new ExecutionLifecycleHooks('internal', 'load-options', {
		id: 'wf',
		nodes: [node],
		connections: {},
	} as unknown as IWorkflowBase);
	const context = new LoadOptionsContext(
		workflow,
		node,
		additionalDataFor(options.credentials, hooks),
		'',
	);
	return { type, nodeType, context };
}

/** Runs a dropdown's loadOptions method as the editor does, through LoadOptionsContext. */
export async function runLoadOptions(options: EditorCall): Promise<INodePropertyOptions[]> {
	const { type, nodeType, context } = editorContext(options);
	const load = nodeType.methods?.loadOptions?.[options.method];
	if (!load) throw new Error(`${type} has no loadOptions ${options.method}`);
	const found = await load.call(context);
	recordForSecretScan(`load options ${options.method}`, found);
	return found;
}

/** Runs a resource locator's search method as the editor does, through LoadOptionsContext. */
export async function runListSearch(
	options: EditorCall & { filter?: string; paginationToken?: string },
): Promise<INodeListSearchResult> {
	const { type, nodeType, context } = editorContext(options);
	const search = nodeType.methods?.listSearch?.[options.method];
	if (!search) throw new Error(`${type} has no list search ${options.method}`);
	try {
		const found = await search.call(context, options.filter, options.paginationToken);
		recordForSecretScan(`list search ${options.method}`, found);
		return found;
	} catch (error) {
		recordForSecretScan(`list search ${options.method}`, { error });
		throw error;
	}
}
