import { CREDENTIAL_IDS } from '../runner/setup';

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
}

export interface Workflow {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: 'main'; index: number }>> }
	>;
	active: false;
	settings: { executionOrder: 'v1' };
	pinData: Record<string, never>;
}

export type NodeSpec = Omit<WorkflowNode, 'id' | 'position'>;

/** A workflow whose nodes run one after the other; ids are 16 characters like n8n's own. */
export function chain(id: string, name: string, nodes: NodeSpec[]): Workflow {
	if (id.length !== 16) throw new Error(`workflow id ${id} must have 16 characters`);
	const placed = nodes.map((node, i): WorkflowNode => ({
		...node,
		id: `${id}-n${i}`,
		position: [i * 220, 0],
	}));
	const connections: Workflow['connections'] = {};
	for (let i = 0; i + 1 < placed.length; i++) {
		connections[placed[i].name] = {
			main: [[{ node: placed[i + 1].name, type: 'main', index: 0 }]],
		};
	}
	return {
		id,
		name,
		nodes: placed,
		connections,
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

export const manualTrigger = (): NodeSpec => ({
	name: 'Run',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	parameters: {},
});

const CREDENTIAL_NAMES = {
	butterAiApi: 'Butter AI (sandbox)',
	buildVoiceAiApi: 'BuildVoiceAI (sandbox)',
	aitelierApi: 'Aitelier (sandbox)',
} as const;

/** A node of this package, with the sandbox credential `runner/setup` imports. */
export function ourNode(
	name: string,
	node:
		| 'butterAi'
		| 'buildVoiceAi'
		| 'aitelier'
		| 'butterAiTrigger'
		| 'butterAiToolTrigger'
		| 'buildVoiceAiTrigger'
		| 'aitelierTrigger',
	credential: keyof typeof CREDENTIAL_IDS,
	parameters: Record<string, unknown>,
	extra: Partial<NodeSpec> = {},
): NodeSpec {
	return {
		name,
		type: `n8n-nodes-voice-agents.${node}`,
		typeVersion: 1,
		parameters,
		credentials: {
			[credential]: { id: CREDENTIAL_IDS[credential], name: CREDENTIAL_NAMES[credential] },
		},
		...extra,
	};
}

/**
 * n8n's HTTP Request node at v4.2. It authenticates with a literal `Authorization` header (the
 * cheapest set-up: no credential, the key in the workflow), or with one of our credentials as
 * its Predefined Credential Type (the same authentication our nodes use).
 */
export function httpRequest(
	name: string,
	request: {
		method: 'GET' | 'POST';
		url: string;
		auth: { apiKey: string } | { credential: keyof typeof CREDENTIAL_IDS };
		query?: Record<string, string>;
		jsonBody?: string;
		/** More headers, e.g. an Idempotency-Key expression. */
		headers?: Record<string, string>;
	},
	options: Record<string, unknown> = {},
	settings: Partial<NodeSpec> = {},
): NodeSpec {
	const pairs = (values: Record<string, string>) => ({
		parameters: Object.entries(values).map(([key, value]) => ({ name: key, value })),
	});
	const { auth } = request;
	const authentication =
		'apiKey' in auth
			? {
					sendHeaders: true,
					headerParameters: pairs({ Authorization: `Bearer ${auth.apiKey}`, ...request.headers }),
				}
			: {
					authentication: 'predefinedCredentialType',
					nodeCredentialType: auth.credential,
					...(request.headers
						? { sendHeaders: true, headerParameters: pairs(request.headers) }
						: {}),
				};
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		...('credential' in auth
			? {
					credentials: {
						[auth.credential]: {
							id: CREDENTIAL_IDS[auth.credential],
							name: CREDENTIAL_NAMES[auth.credential],
						},
					},
				}
			: {}),
		parameters: {
			method: request.method,
			url: request.url,
			...authentication,
			...(request.query ? { sendQuery: true, queryParameters: pairs(request.query) } : {}),
			...(request.jsonBody
				? { sendBody: true, specifyBody: 'json', jsonBody: request.jsonBody }
				: {}),
			options,
		},
		...settings,
	};
}

/** n8n's pagination option of the HTTP Request node: one query parameter updated per request. */
export function httpPagination(
	parameter: string,
	value: string,
	completeExpression: string,
): Record<string, unknown> {
	return {
		pagination: {
			pagination: {
				paginationMode: 'updateAParameterInEachRequest',
				parameters: { parameters: [{ type: 'qs', name: parameter, value }] },
				paginationCompleteWhen: 'other',
				completeExpression,
			},
		},
	};
}

export const splitOut = (name: string, field: string): NodeSpec => ({
	name,
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: field, include: 'noOtherFields', options: {} },
});

/**
 * `count` items `{ phone }` with distinct E.164 numbers, built by expressions (no Code node, no task
 * runner). `firstNumber`: a number, or an expression fragment giving it (e.g. from a webhook body).
 */
export function phoneItems(count: number, firstNumber: number | string): NodeSpec[] {
	return [
		{
			name: 'Phone List',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: {
				assignments: {
					assignments: [
						{
							id: 'phones',
							name: 'phone',
							type: 'array',
							value: `={{ Array.from({ length: ${count} }, (_, i) => '+1' + String(${firstNumber} + i)) }}`,
						},
					],
				},
				options: {},
			},
		},
		splitOut('One Item per Phone', 'phone'),
	];
}
