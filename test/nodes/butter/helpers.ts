import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/runNode';
import { type LedgerEntry, listOf, type LoggedRequest, SANDBOX_KEYS, useSandbox } from '../../harness/sandbox';

export type Sandbox = ReturnType<typeof useSandbox>;

/** The Butter AI node against the sandbox, with the owner's key unless another is given. */
export function butterNode(sandbox: Sandbox) {
	const run = (
		parameters: INodeParameters,
		options: { items?: IDataObject[]; fullItems?: INodeExecutionData[]; key?: string; continueOnFail?: boolean } = {},
	) =>
		runNode({
			node: 'butterAi',
			parameters,
			credentials: {
				butterAiApi: { ...sandbox.credentials.butterAiApi(), ...(options.key ? { apiKey: options.key } : {}) },
			},
			items: options.items,
			fullItems: options.fullItems,
			continueOnFail: options.continueOnFail,
		});

	/** Calls the sandbox's Butter API directly (for set-up and for checking state). */
	const api = async (method: string, path: string, body?: unknown, key: string = SANDBOX_KEYS.butter.owner) => {
		const answer = await fetch(`${sandbox.urls.butter}${path}`, {
			method,
			headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await answer.text();
		return { status: answer.status, body: (text ? JSON.parse(text) : undefined) as IDataObject };
	};

	const requests = async () =>
		listOf<LoggedRequest>(await sandbox.control('GET', '/_sandbox/requests?platform=butter'), 'requests');
	const ledger = async (action?: string) =>
		listOf<LedgerEntry>(await sandbox.control('GET', '/_sandbox/ledger?platform=butter'), 'entries').filter(
			(entry) => !action || entry.action === action,
		);

	/** First seeded agent of an architecture (and optionally a mode). */
	const agentOf = async (architecture: string, mode?: string) => {
		const { body } = await api('GET', `/v1/agents?limit=100${mode ? `&mode=${mode}` : ''}`);
		const agent = (body.data as IDataObject[]).find((a) => a.agentArchitecture === architecture);
		if (!agent) throw new Error(`no seeded ${architecture} agent`);
		return String(agent.id);
	};

	return { run, api, requests, ledger, agentOf };
}

export const locator = (value: string) => ({ __rl: true, mode: 'id', value });
