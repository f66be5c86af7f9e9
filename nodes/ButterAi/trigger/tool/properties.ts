import type { INodeProperties } from 'n8n-workflow';

import { ARGUMENT_TYPES } from './toolSpec';

const title = (type: string) => type.charAt(0).toUpperCase() + type.slice(1);

/** The tool trigger's panel: the tool as the agent sees it, where it is enabled, how it is answered. */
export const toolTriggerProperties: INodeProperties[] = [
	{
		displayName:
			'While a call is live, Butter AI calls this workflow when the agent uses the tool, and the agent says what the workflow answers. Activate the workflow: the tool is created in Butter AI and enabled on the agents below.',
		name: 'toolNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Tool Name',
		name: 'toolName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. lookup_order',
		description: 'What the agent calls the function: 1–50 letters, digits and underscores',
	},
	{
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: "e.g. Look up an order's delivery status by its order number",
		description: 'When the agent should use the tool; the agent reads it (1–500 characters)',
	},
	{
		displayName: 'Agent Names or IDs',
		name: 'agentIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getAgents' },
		default: [],
		description:
			'Agents that get the tool while the workflow is active (none: enable it on agents yourself). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Define Parameters',
		name: 'parametersMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Using Fields Below',
				value: 'list',
				description: 'Name, type, description and whether it is required, per argument',
			},
			{
				name: 'Using JSON Schema',
				value: 'json',
				description: 'A JSON Schema object, for enums, nested objects and formats',
			},
		],
		default: 'list',
	},
	{
		displayName: 'Parameters',
		name: 'toolParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Parameter',
		default: {},
		displayOptions: { show: { parametersMode: ['list'] } },
		description: 'The arguments the agent passes when it uses the tool',
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. order_id',
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: ARGUMENT_TYPES.map((type) => ({ name: title(type), value: type })),
						default: 'string',
					},
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						placeholder: 'e.g. The order number the caller reads out, like A-1',
						description: 'Tells the agent what to fill in',
					},
					{
						displayName: 'Required',
						name: 'required',
						type: 'boolean',
						default: true,
						description: 'Whether the agent must always pass this argument',
					},
				],
			},
		],
	},
	{
		displayName: 'Parameters (JSON Schema)',
		name: 'parametersSchema',
		type: 'json',
		default:
			'{\n  "type": "object",\n  "properties": {\n    "order_id": { "type": "string", "description": "The order number" }\n  },\n  "required": ["order_id"]\n}',
		displayOptions: { show: { parametersMode: ['json'] } },
		description: 'The arguments as a JSON Schema object with "type": "object"',
	},
	{
		displayName: 'HTTP Method',
		name: 'httpMethod',
		type: 'options',
		noDataExpression: true,
		options: ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'].map((method) => ({
			name: method,
			value: method,
		})),
		default: 'POST',
		description:
			'How Butter AI calls this workflow: GET and DELETE carry the arguments in the query string, the others as a JSON body',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 60 },
		default: 10,
		description:
			'How long the agent waits for the answer (1–60). Keep the workflow well inside it: the caller is on the line.',
	},
	{
		displayName: 'Respond',
		name: 'responseMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'When Last Node Finishes',
				value: 'lastNode',
				description: "The last node's output is the answer the agent hears",
			},
			{
				name: "Using 'Answer Agent' Node",
				value: 'responseNode',
				description:
					'Butter AI → Tool → Answer Agent sends the answer, and says in the execution if it came too late',
			},
		],
		default: 'lastNode',
	},
	{
		displayName: 'Answer With',
		name: 'responseData',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { responseMode: ['lastNode'] } },
		options: [
			{
				name: 'First Item',
				value: 'firstEntryJson',
				description: "The last node's first item, as JSON",
			},
			{
				name: 'All Items',
				value: 'allEntries',
				description: "The last node's items, as a JSON array",
			},
		],
		default: 'firstEntryJson',
	},
	{
		displayName:
			"Add Butter AI → Tool → Answer Agent where the workflow knows the answer. (n8n's Respond to Webhook node only answers its own Webhook trigger.)",
		name: 'answerNodeNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { responseMode: ['responseNode'] } },
	},
];
