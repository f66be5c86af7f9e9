import { ExecutionLifecycleHooks, HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeParameters,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowBase,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { additionalDataFor } from './runNode';
import { recordForSecretScan } from './secretRecorder';
import { PACKAGE, nodeTypes } from './registry';

export interface IncomingWebhook {
	/** POST unless given. */
	method?: string;
	rawBody: Buffer | string;
	headers: Record<string, string | string[]>;
	query?: IDataObject;
}

/** What the trigger wrote on the response itself (e.g. a 401 with noWebhookResponse). */
export interface RecordedResponse {
	statusCode?: number;
	body?: unknown;
	ended: boolean;
}

export interface WebhookRunResult {
	result: IWebhookResponseData;
	response: RecordedResponse;
	staticData: IDataObject;
}

function recordingResponse(recorded: RecordedResponse) {
	const response = {
		status(code: number) {
			recorded.statusCode = code;
			return response;
		},
		json(body: unknown) {
			recorded.body = body;
			recorded.ended = true;
			return response;
		},
		send(body?: unknown) {
			recorded.body = body;
			recorded.ended = true;
			return response;
		},
		end(body?: unknown) {
			if (body !== undefined) recorded.body = body;
			recorded.ended = true;
			return response;
		},
		setHeader: () => response,
		writeHead(code: number) {
			recorded.statusCode = code;
			return response;
		},
	};
	return response;
}

interface TriggerOptions {
	node: string;
	parameters: INodeParameters;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	staticData?: IDataObject;
	/** Where n8n's production webhooks live, e.g. a test receiver's `http://127.0.0.1:<port>/webhook`. */
	webhookBaseUrl?: string;
	/**
	 * The workflow's id. A trigger keeps per-workflow state in the process (replay memory), so by
	 * default every call is a workflow of its own, its state only what `staticData` carries in.
	 */
	workflowId?: string;
	/** n8n's execution mode: `webhook` in production, `manual` while the editor listens for a test event. */
	mode?: WorkflowExecuteMode;
	/** The trigger's webhook ID, which n8n gives each trigger node (`hook-1` by default). */
	webhookId?: string;
}

let workflowCounter = 0;

/** The workflow, node and webhook registration n8n builds around an activated trigger. */
function triggerSetup(options: TriggerOptions) {
	const type = `${PACKAGE}.${options.node}`;
	const nodeType = nodeTypes.getByNameAndVersion(type) as INodeType;
	const credentials = options.credentials ?? {};
	const node: INode = {
		id: 'trigger-under-test',
		name: 'Trigger Under Test',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		webhookId: options.webhookId ?? 'hook-1',
		credentials: Object.fromEntries(
			Object.keys(credentials).map((n) => [n, { id: `cred-${n}`, name: n }]),
		),
	};
	const staticData: IDataObject = options.staticData ?? {};
	const workflowId = options.workflowId ?? `wf-trigger-${++workflowCounter}`;
	const workflow = new Workflow({
		id: workflowId,
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData: { [`node:${node.name}`]: staticData },
	});
	const hooks = new ExecutionLifecycleHooks('webhook', 'exec-webhook', {
		id: workflowId,
		nodes: [node],
		connections: {},
	} as unknown as IWorkflowBase);
	const additionalData = additionalDataFor(credentials, hooks);
	if (options.webhookBaseUrl) additionalData.webhookBaseUrl = options.webhookBaseUrl;
	const description = nodeType.description.webhooks?.[0];
	if (!description) throw new Error(`${type} is not a webhook trigger`);
	const webhookData: IWebhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: options.webhookId ?? 'hook-1',
		webhookDescription: description,
		workflowId,
		workflowExecuteAdditionalData: additionalData,
		webhookId: options.webhookId ?? 'hook-1',
	};
	const nodeStaticData = () => workflow.staticData[`node:${node.name}`] as IDataObject;
	return { type, nodeType, node, workflow, additionalData, webhookData, nodeStaticData };
}

/** Runs one of the trigger's lifecycle methods as n8n does on activation / deactivation. */
export async function runWebhookMethod(
	options: TriggerOptions & {
		method: 'checkExists' | 'create' | 'delete';
		activation?: WorkflowActivateMode;
	},
): Promise<{ result: boolean | undefined; staticData: IDataObject }> {
	const { nodeType, node, workflow, additionalData, webhookData, nodeStaticData } =
		triggerSetup(options);
	const method = nodeType.webhookMethods?.default?.[options.method];
	if (!method) throw new Error(`${options.node} has no ${options.method} webhook method`);
	const context = new HookContext(
		workflow,
		node,
		additionalData,
		'trigger',
		options.activation ?? 'activate',
		webhookData,
	);
	const result = await method.call(context).catch((error: unknown) => {
		recordForSecretScan(`${options.node} ${options.method}`, { error });
		throw error;
	});
	return { result, staticData: nodeStaticData() };
}

/**
 * Delivers one HTTP request to a trigger's `webhook()` through n8n-core's WebhookContext, with
 * the raw body as n8n's raw-body middleware keeps it (`req.rawBody`) and the parsed JSON body.
 */
export async function runWebhook(
	options: TriggerOptions & { request: IncomingWebhook },
): Promise<WebhookRunResult> {
	const { type, nodeType, node, workflow, additionalData, webhookData, nodeStaticData } =
		triggerSetup(options);
	if (!nodeType.webhook) throw new Error(`${type} is not a webhook trigger`);
	const rawBody = Buffer.isBuffer(options.request.rawBody)
		? options.request.rawBody
		: Buffer.from(options.request.rawBody);
	let body: unknown = {};
	try {
		body = JSON.parse(rawBody.toString('utf8'));
	} catch {
		body = {};
	}
	const recorded: RecordedResponse = { ended: false };
	additionalData.httpRequest = {
		method: options.request.method ?? 'POST',
		headers: Object.fromEntries(
			Object.entries(options.request.headers).map(([k, v]) => [k.toLowerCase(), v]),
		),
		body,
		rawBody,
		query: options.request.query ?? {},
		params: {},
	} as unknown as typeof additionalData.httpRequest;
	additionalData.httpResponse = recordingResponse(
		recorded,
	) as unknown as typeof additionalData.httpResponse;

	const context = new WebhookContext(
		workflow,
		node,
		additionalData,
		options.mode ?? 'webhook',
		webhookData,
		[],
		null,
	);
	const result = await nodeType.webhook.call(context);
	recordForSecretScan(`webhook ${options.node}`, { result, response: recorded });
	return { result, response: recorded, staticData: nodeStaticData() };
}
