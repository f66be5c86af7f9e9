import { ExecutionLifecycleHooks, PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IWorkflowBase,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { additionalDataFor } from './runNode';
import { useSandbox } from './sandbox';
import { recordForSecretScan } from './secretRecorder';
import { PACKAGE, nodeTypes } from './registry';

export interface PollOptions {
	/** The node's `description.name`, e.g. 'butterAiPollingTrigger'. */
	node: string;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The node's static data as the last poll left it; an empty object for a new trigger. */
	staticData?: IDataObject;
	/** `manual`: the editor's "Fetch Test Event"; `trigger` (an active workflow) otherwise. */
	mode?: 'manual' | 'trigger';
	/** The workflow's time zone (n8n's default otherwise). */
	timezone?: string;
	/** What n8n's scheduler gives this poll (getPollBudgetMs); PollContext's default otherwise. */
	pollBudgetMs?: number;
}

export interface PollResult {
	/** What poll() returned: null when nothing is new. */
	result: INodeExecutionData[][] | null;
	/** The first output's items (empty when null). */
	items: IDataObject[];
	/** The node's static data after the poll, as n8n would save it. */
	staticData: IDataObject;
}

/**
 * Runs one poll of a polling trigger through n8n-core's PollContext, as n8n's poll scheduler
 * does at each Poll Time: the node's static data goes in and comes out, so a series of polls
 * (or a "restart" with the data carried over as JSON) behaves as in an active workflow.
 */
export async function runPoll(options: PollOptions): Promise<PollResult> {
	const type = `${PACKAGE}.${options.node}`;
	const nodeType = nodeTypes.getByNameAndVersion(type) as INodeType;
	if (!nodeType.poll) throw new Error(`${type} is not a polling trigger`);
	const node: INode = {
		id: 'poller-under-test',
		name: 'Poller Under Test',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: Object.fromEntries(
			Object.keys(options.credentials).map((n) => [n, { id: `cred-${n}`, name: n }]),
		),
	};
	const workflowData = {
		id: 'wf-poll',
		nodes: [node],
		connections: {},
	} as unknown as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		nodes: [node],
		connections: {},
		active: options.mode !== 'manual',
		nodeTypes,
		// Copied in, as n8n loads it from its database: nothing leaks back except through the result.
		staticData: { [`node:${node.name}`]: structuredClone(options.staticData ?? {}) },
		settings: options.timezone ? { timezone: options.timezone } : {},
	});
	const mode = options.mode ?? 'trigger';
	const hooks = new ExecutionLifecycleHooks(mode, 'exec-poll', workflowData);
	const additionalData = additionalDataFor(options.credentials, hooks);
	const context = new PollContext(
		workflow,
		node,
		additionalData,
		mode,
		mode === 'manual' ? 'manual' : 'activate',
		undefined,
		undefined,
		undefined,
		undefined,
		undefined,
		options.pollBudgetMs === undefined ? undefined : () => options.pollBudgetMs!,
	);
	const result = await nodeType.poll.call(context).catch((error: unknown) => {
		recordForSecretScan(`${options.node} poll`, { error });
		throw error;
	});
	recordForSecretScan(`${options.node} poll`, { result });
	// As n8n saves it: plain JSON, without the change marker of its observable object.
	const saved = JSON.parse(
		JSON.stringify(workflow.staticData[`node:${node.name}`] ?? {}),
	) as IDataObject;
	delete saved.__dataChanged;
	return {
		result,
		items: (result?.[0] ?? []).map((item) => item.json),
		staticData: saved,
	};
}

/**
 * One sandbox per test file, as `useSandbox` gives it, whose clock can run behind: records
 * created while `clock.skewMs` is negative carry a creation time in the past, as records that
 * reach a platform's list late do.
 */
export function useClockedSandbox() {
	const clock = { skewMs: 0 };
	// Assigned, not spread: the handle's `urls` is a getter, read once the sandbox runs.
	return Object.assign(useSandbox(clock), { clock });
}
