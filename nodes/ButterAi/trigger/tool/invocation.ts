import { createHash, timingSafeEqual } from 'crypto';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { argumentsSchema, missingArguments, PROOF_HEADER } from './toolSpec';

/*
 * Butter AI documents what a tool is, not the request it sends to one. The trigger takes the
 * arguments as the JSON body (or the query string of a GET), unwraps the envelopes function-calling
 * platforms commonly use, and keeps the raw request in the item so nothing is lost.
 */

// Digests first: timingSafeEqual needs equal lengths, and the time then tells nothing either.
const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Why an invocation is refused (never the secret itself), or undefined when its header is right. */
export function secretProblem(context: IWebhookFunctions): string | undefined {
	const expected = (context.getWorkflowStaticData('node') as IDataObject).secret;
	if (typeof expected !== 'string' || expected === '')
		return 'the tool is not registered: activate the workflow (or listen for a test event) again';
	const given = context.getHeaderData()[PROOF_HEADER.toLowerCase()];
	if (typeof given !== 'string' || given === '') return `no ${PROOF_HEADER} header`;
	return timingSafeEqual(digest(given), digest(expected))
		? undefined
		: `the ${PROOF_HEADER} header does not match`;
}

const ENVELOPE_KEYS = ['arguments', 'args', 'parameters', 'input'];
const CALL_ID_KEYS = ['call_id', 'callId', 'call_sid'];
const AGENT_ID_KEYS = ['agent_id', 'agentId'];

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function parsedObject(value: unknown): IDataObject | undefined {
	if (isObject(value)) return value;
	if (typeof value !== 'string') return undefined;
	try {
		const parsed: unknown = JSON.parse(value);
		return isObject(parsed) ? parsed : undefined;
	} catch {
		return undefined;
	}
}

function firstString(source: IDataObject, keys: string[]): string | undefined {
	for (const key of keys) {
		const value = source[key];
		if ((typeof value === 'string' && value !== '') || typeof value === 'number')
			return String(value);
	}
	return undefined;
}

/**
 * The arguments and what the request says about its call: `{tool, arguments, call_id}` style
 * envelopes (arguments possibly as a JSON string) are unwrapped; any other object is the arguments.
 */
export function readInvocation(received: IDataObject): {
	args: IDataObject;
	callId?: string;
	agentId?: string;
} {
	const envelopeKey = ENVELOPE_KEYS.find((key) => parsedObject(received[key]) !== undefined);
	const call = isObject(received.call) ? received.call : {};
	const meta = {
		callId: firstString(received, CALL_ID_KEYS) ?? firstString(call, ['id', ...CALL_ID_KEYS]),
		agentId: firstString(received, AGENT_ID_KEYS) ?? firstString(call, AGENT_ID_KEYS),
	};
	if (envelopeKey) return { args: parsedObject(received[envelopeKey]) as IDataObject, ...meta };
	return { args: received, ...meta };
}

// Never echoed into the item: the secret, and credentials a proxy in between might add.
const HIDDEN_HEADERS = new Set([
	PROOF_HEADER.toLowerCase(),
	'authorization',
	'cookie',
	'proxy-authorization',
]);

/** The item one invocation starts the workflow with. */
export function invocationItem(context: IWebhookFunctions, receivedAt: Date): IDataObject {
	const request = context.getRequestObject();
	const method = String(request.method ?? 'POST').toUpperCase();
	const query = (context.getQueryData() ?? {}) as IDataObject;
	// n8n leaves the body undefined for a content type it does not parse.
	const rawBody: unknown = context.getBodyData();
	const body = parsedObject(rawBody) ?? {};
	const fromQuery = method === 'GET' || method === 'DELETE' || Object.keys(body).length === 0;
	const received = fromQuery ? query : body;
	const { args, callId, agentId } = readInvocation(received);
	const headers: IDataObject = {};
	for (const [name, value] of Object.entries(context.getHeaderData() ?? {}))
		if (!HIDDEN_HEADERS.has(name.toLowerCase())) headers[name] = value as string;
	const timeoutSeconds = Number(context.getNodeParameter('timeoutSeconds', 10));
	// Not `arguments`: n8n's expressions refuse that name ("due to security concerns").
	const item: IDataObject = {
		tool: String(context.getNodeParameter('toolName', '')),
		parameters: args,
	};
	if (callId) item.call_id = callId;
	if (agentId) item.agent_id = agentId;
	const missing = missingArguments(argumentsSchema(context), args);
	if (missing.length) item.missing_parameters = missing;
	item.received_at = receivedAt.toISOString();
	item.answer_deadline = new Date(receivedAt.getTime() + timeoutSeconds * 1000).toISOString();
	item.timeout_seconds = timeoutSeconds;
	item.request = {
		method,
		query,
		body: (rawBody ?? null) as IDataObject,
		headers,
	};
	return item;
}

/**
 * With "When Last Node Finishes", n8n answers after the execution has ended, so the execution
 * cannot show a late answer: it is logged when the answer leaves, with how late it was.
 */
export function logLateAnswer(context: IWebhookFunctions, receivedAt: Date): void {
	const response = context.getResponseObject() as unknown as {
		once?: (event: string, listener: () => void) => void;
	};
	if (typeof response?.once !== 'function') return;
	const timeoutMs = Number(context.getNodeParameter('timeoutSeconds', 10)) * 1000;
	const node = context.getNode().name;
	const tool = String(context.getNodeParameter('toolName', ''));
	response.once('finish', () => {
		const tookMs = Date.now() - receivedAt.getTime();
		if (tookMs <= timeoutMs) return;
		context.logger.warn(
			`${node}: the answer to the tool "${tool}" left after ${(tookMs / 1000).toFixed(1)} s; Butter AI waits ${timeoutMs / 1000} s, so the agent had moved on without it`,
			{ tool, tookMs, timeoutMs },
		);
	});
}
