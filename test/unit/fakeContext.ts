import type {
	IDataObject,
	IExecutePaginationFunctions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';

export const testNode: INode = {
	id: 'n1',
	name: 'Voice Node',
	type: 'n8n-nodes-voice-agents.test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

type Answer = INodeExecutionData[] | Error;

/**
 * A pagination context whose makeRoutingRequest answers from a script, recording each request;
 * used to unit-test the executor and paginator decisions without a network.
 */
export function scriptedContext(
	answers: Answer[] | ((request: IDataObject, call: number) => Answer),
	parameters: IDataObject = {},
) {
	const requests: IDataObject[] = [];
	const context = {
		getNode: () => testNode,
		getItemIndex: () => 0,
		getExecutionCancelSignal: () => undefined,
		getNodeParameter: (name: string, fallback?: unknown) =>
			name in parameters ? parameters[name] : fallback,
		makeRoutingRequest: async (request: { options: IDataObject }) => {
			requests.push(JSON.parse(JSON.stringify(request.options)) as IDataObject);
			const call = requests.length - 1;
			const answer = typeof answers === 'function' ? answers(request.options, call) : answers[call];
			if (answer === undefined) throw new Error(`unscripted request #${call + 1}`);
			if (answer instanceof Error) throw answer;
			return answer;
		},
	} as unknown as IExecutePaginationFunctions;
	return { context, requests };
}

/** A sleep that records instead of waiting. */
export function recordingSleep() {
	const waits: number[] = [];
	return { waits, sleep: async (ms: number) => void waits.push(ms) };
}
