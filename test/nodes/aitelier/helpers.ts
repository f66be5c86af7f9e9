import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/runNode';
import { platformClient, SANDBOX_KEYS, type useSandbox } from '../../harness/sandbox';

type Sandbox = ReturnType<typeof useSandbox>;

/** The Aitelier node against the sandbox, with the all-scopes key unless another is given. */
export function aitelierNode(sandbox: Sandbox) {
	const run = (
		parameters: INodeParameters,
		options: {
			items?: IDataObject[];
			fullItems?: INodeExecutionData[];
			key?: string;
			continueOnFail?: boolean;
			executionId?: string;
			timezone?: string;
		} = {},
	) =>
		runNode({
			node: 'aitelier',
			parameters,
			credentials: {
				aitelierApi: {
					...sandbox.credentials.aitelierApi(),
					...(options.key ? { apiKey: options.key } : {}),
				},
			},
			items: options.items,
			fullItems: options.fullItems,
			continueOnFail: options.continueOnFail,
			executionId: options.executionId,
			timezone: options.timezone,
		});

	const { api, requests, ledger } = platformClient(sandbox, 'aitelier', {
		baseUrl: () => sandbox.urls.aitelier,
		key: SANDBOX_KEYS.aitelier.full,
		writeHeaders: () => ({ 'idempotency-key': `test-${Math.random()}` }),
	});

	return { run, api, requests, ledger };
}
