import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/runNode';
import { platformClient, SANDBOX_KEYS, type useSandbox } from '../../harness/sandbox';

export type Sandbox = ReturnType<typeof useSandbox>;

/** The Butter AI node against the sandbox, with the owner's key unless another is given. */
export function butterNode(sandbox: Sandbox) {
	const run = (
		parameters: INodeParameters,
		options: {
			items?: IDataObject[];
			fullItems?: INodeExecutionData[];
			key?: string;
			continueOnFail?: boolean;
		} = {},
	) =>
		runNode({
			node: 'butterAi',
			parameters,
			credentials: {
				butterAiApi: {
					...sandbox.credentials.butterAiApi(),
					...(options.key ? { apiKey: options.key } : {}),
				},
			},
			items: options.items,
			fullItems: options.fullItems,
			continueOnFail: options.continueOnFail,
		});

	const { api, requests, ledger } = platformClient(sandbox, 'butter', {
		baseUrl: () => sandbox.urls.butter,
		key: SANDBOX_KEYS.butter.owner,
	});

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
