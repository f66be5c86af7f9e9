import { ExecuteContext, ExecutionLifecycleHooks, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeCredentialTestResult,
	INodeType,
	IWorkflowBase,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData } from 'n8n-workflow';

import { additionalDataFor } from './runNode';
import { credentialTypes, nodeTypes, registerNodeType } from './registry';
import { recordForSecretScan } from './secretRecorder';

/**
 * "Test connection" as n8n's CredentialsTester runs a credential's declarative `test`: a
 * throw-away node whose only property routes the test request, run by n8n's RoutingNode,
 * then the same reading of the outcome (rules on error codes, non-2xx fails).
 */
export async function testCredential(
	type: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const credentialType = credentialTypes.get(type);
	const testRequest = credentialType?.test;
	if (!testRequest) throw new Error(`${type} has no test request`);
	const defaults = Object.fromEntries(credentialType.properties.map((p) => [p.name, p.default]));
	const credentials = { ...defaults, ...data } as ICredentialDataDecryptedObject;

	const nodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: [],
			credentials: [{ name: type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	registerNodeType('n8n-nodes-voice-agents.credentialTest', nodeType);
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-voice-agents.credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type]: { id: 'cred', name: type } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const hooks = new ExecutionLifecycleHooks('internal', 'cred-test', {
		id: 'cred-test',
		nodes: [node],
		connections: {},
	} as unknown as IWorkflowBase);
	const additionalData = additionalDataFor({ [type]: credentials }, hooks);
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, nodeType, {
		id: 'cred',
		name: type,
		type,
		data: credentials,
	});
	try {
		await routingNode.runNode();
	} catch (error) {
		recordForSecretScan(`credential test ${type}`, { error });
		const response = (error as { cause?: { response?: { status: number; statusText?: string } } })
			.cause?.response;
		if (response) {
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === response.status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			return {
				status: 'Error',
				message: response.statusText || `Received HTTP status code: ${response.status}`,
			};
		}
		return { status: 'Error', message: (error as Error).message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
