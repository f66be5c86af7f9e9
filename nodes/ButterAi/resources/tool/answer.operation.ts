import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { defineOperation } from '../../../shared/description';

const TOOL_TRIGGER = 'butterAiToolTrigger';

const fields: INodeProperties[] = [
	{
		displayName: 'Answer With',
		name: 'answerWith',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'First Incoming Item',
				value: 'firstItem',
				description: "The first item's JSON",
			},
			{ name: 'All Incoming Items', value: 'allItems', description: 'A JSON array of the items' },
			{
				name: 'Text',
				value: 'text',
				description: 'A sentence for the agent, sent as { "result": … }',
			},
			{ name: 'JSON', value: 'json', description: 'A JSON object you write' },
		],
		default: 'firstItem',
	},
	{
		displayName: 'Text',
		name: 'answerText',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'e.g. Order {{ $json.order_id }} ships tomorrow',
		displayOptions: { show: { answerWith: ['text'] } },
		description: 'What the agent should know; it phrases the reply itself',
	},
	{
		displayName: 'JSON',
		name: 'answerJson',
		type: 'json',
		default: '{\n  "result": ""\n}',
		displayOptions: { show: { answerWith: ['json'] } },
	},
];

export const answerAgent = defineOperation(
	'tool',
	{
		name: 'Answer Agent',
		value: 'answer',
		action: "Answer the agent's tool call",
		description:
			'Sends the answer to the Butter AI Tool Trigger that started this execution (its Respond set to Using Answer Agent Node)',
	},
	fields,
);

/** The Butter AI Tool Trigger this node answers, checked to be waiting for this node. */
function toolTriggerOf(context: IExecuteFunctions) {
	const trigger = context
		.getParentNodes(context.getNode().name, { includeNodeParameters: true })
		.find((node) => node.type.endsWith(`.${TOOL_TRIGGER}`) && !node.disabled);
	if (!trigger)
		throw new NodeOperationError(context.getNode(), 'No Butter AI Tool Trigger before this node', {
			description:
				'Answer Agent answers the tool call that started the workflow: start it with a Butter AI Tool Trigger',
		});
	if (trigger.parameters?.responseMode !== 'responseNode')
		throw new NodeOperationError(
			context.getNode(),
			`"${trigger.name}" answers with its last node, not with this one`,
			{ description: `Set Respond on "${trigger.name}" to Using 'Answer Agent' Node` },
		);
	return trigger;
}

function answerBody(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): IDataObject | IDataObject[] {
	const mode = context.getNodeParameter('answerWith', 0) as string;
	if (mode === 'allItems') return items.map((item) => item.json);
	if (mode === 'text') return { result: String(context.getNodeParameter('answerText', 0, '')) };
	if (mode === 'json') {
		const raw = context.getNodeParameter('answerJson', 0, '{}');
		const parsed: unknown = typeof raw === 'string' ? safeParse(raw) : raw;
		if (typeof parsed !== 'object' || parsed === null)
			throw new NodeOperationError(context.getNode(), 'JSON is not a JSON object or array', {
				itemIndex: 0,
				description: 'e.g. { "result": "Order A-1 ships tomorrow" }',
			});
		return parsed as IDataObject;
	}
	return items[0]?.json ?? {};
}

function safeParse(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** When the agent stopped waiting, from the trigger's item; undefined when it cannot be read. */
function deadlineOf(context: IExecuteFunctions, triggerName: string): number | undefined {
	try {
		const value = context.evaluateExpression(
			`{{ $(${JSON.stringify(triggerName)}).first().json.answer_deadline }}`,
			0,
		);
		const at = Date.parse(String(value));
		return Number.isNaN(at) ? undefined : at;
	} catch {
		return undefined;
	}
}

/** Sends the answer once for the execution; a late one is said in the execution's output. */
export async function answerToolCall(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const trigger = toolTriggerOf(this);
	const body = answerBody(this, items);
	await this.sendResponse({
		body,
		headers: { 'content-type': 'application/json; charset=utf-8' },
		statusCode: 200,
	});
	const deadline = deadlineOf(this, trigger.name);
	const lateMs = deadline === undefined ? 0 : Date.now() - deadline;
	if (lateMs > 0)
		this.addExecutionHints({
			message: `Answered ${(lateMs / 1000).toFixed(1)} s after the agent stopped waiting (the tool's timeout): the caller did not hear this answer. Make the workflow faster or raise Timeout on "${trigger.name}".`,
			type: 'warning',
			location: 'outputPane',
		});
	return [items.map((item) => ({ ...item, json: { ...item.json, answer_late: lateMs > 0 } }))];
}
