import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData } from 'n8n-workflow';

import { TestCredentialsHelper } from './credentialsHelper';
import { deduplicationStore, installDeduplicationStore } from './deduplicationStore';
import { recordForSecretScan } from './secretRecorder';
import { PACKAGE, nodeTypes } from './registry';

export interface RunNodeOptions {
	/** The node's `description.name`, e.g. 'butterAi'. */
	node: string;
	parameters: INodeParameters;
	/** Credential data by type, e.g. { butterAiApi: { apiKey, baseUrl } }. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Input items; one empty item by default, as after a Manual Trigger. */
	items?: IDataObject[];
	/** Input items with binary data, used instead of `items` when given. */
	fullItems?: INodeExecutionData[];
	continueOnFail?: boolean;
	executionId?: string;
	/** The workflow's time zone setting (n8n's default otherwise). */
	timezone?: string;
	/**
	 * Keep n8n's deduplication store (the duplicate-dial guard's memory) from earlier runs, as one
	 * n8n database would; by default each run starts with an empty one, like a fresh n8n.
	 */
	keepGuardStore?: boolean;
}

export interface NodeRunResult {
	items: INodeExecutionData[];
	error?: ExecutionError;
	run: IRun;
}

let executionCounter = 0;

export function additionalDataFor(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	hooks: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	const unused = async () => {
		throw new Error('Test harness: not available in-process');
	};
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		hooks,
		executeWorkflow: unused,
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: unused,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/**
 * Runs one node of this package through n8n's real engine: WorkflowExecute drives it, and a
 * declarative node goes through n8n's own RoutingNode, with credentials applied as n8n does.
 */
export async function runNode(options: RunNodeOptions): Promise<NodeRunResult> {
	await installDeduplicationStore();
	if (!options.keepGuardStore) deduplicationStore.rows.clear();
	const type = `${PACKAGE}.${options.node}`;
	const credentialRefs = Object.fromEntries(
		Object.keys(options.credentials).map((name) => [name, { id: `cred-${name}`, name }]),
	);
	const node: INode = {
		id: 'node-under-test',
		name: 'Node Under Test',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: credentialRefs,
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflowData: IWorkflowBase = {
		id: 'wf-harness',
		name: 'Harness',
		active: false,
		isArchived: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		settings: { executionOrder: 'v1' },
		activeVersionId: null,
	} as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1', ...(options.timezone ? { timezone: options.timezone } : {}) },
	});
	const executionId = options.executionId ?? `exec-${++executionCounter}`;
	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
	const additionalData = additionalDataFor(options.credentials, hooks);
	additionalData.executionId = executionId;

	const items = options.fullItems ?? (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node, data: { main: [items] }, source: null }],
		},
	});
	const run = await new WorkflowExecute(
		additionalData,
		'manual',
		runExecutionData,
	).processRunExecutionData(workflow);

	const task = run.data.resultData.runData[node.name]?.[0];
	recordForSecretScan(`node ${options.node}`, { resultData: run.data.resultData });
	return {
		items: task?.data?.main?.[0] ?? [],
		error: run.data.resultData.error ?? task?.error,
		run,
	};
}
