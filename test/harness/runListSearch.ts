import { ExecutionLifecycleHooks, LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeListSearchResult,
	INodeParameters,
	INodeType,
	IWorkflowBase,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { additionalDataFor } from './runNode';
import { PACKAGE, nodeTypes } from './registry';
import { recordForSecretScan } from './secretRecorder';

/** Runs a resource locator's search method as the editor does, through LoadOptionsContext. */
export async function runListSearch(options: {
	node: string;
	method: string;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	filter?: string;
	paginationToken?: string;
}): Promise<INodeListSearchResult> {
	const type = `${PACKAGE}.${options.node}`;
	const nodeType = nodeTypes.getByNameAndVersion(type) as INodeType;
	const node: INode = {
		id: 'editor-node',
		name: 'Editor Node',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
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
