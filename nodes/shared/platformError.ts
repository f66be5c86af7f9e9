import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { headerValue } from './request/headers';
import { maskAuthValues, scrubbed, scrubbedNode } from './scrub';

/** What the three platforms' error envelopes say, reduced to one shape. */
export interface PlatformErrorDetails {
	message: string;
	code?: string;
	field?: string;
	requestId?: string;
	httpCode: number;
}

const pickString = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value : undefined;

/**
 * Reads `{error:{code,message,field,request_id}}` (Aitelier, Butter), `{success:false,error:"…"}`
 * (BuildVoiceAI) and `{success:false,message:"…"}`; anything else falls back to the HTTP status.
 */
export function parsePlatformError(
	statusCode: number,
	body: unknown,
	headers?: IDataObject,
): PlatformErrorDetails {
	// Binary downloads receive errors as bytes; they are JSON like any other error.
	if (Buffer.isBuffer(body) || body instanceof ArrayBuffer)
		body = decodeJson(Buffer.from(body as Buffer));
	const envelope = (typeof body === 'object' && body !== null ? body : {}) as IDataObject;
	const error = envelope.error;
	const nested = (typeof error === 'object' && error !== null ? error : {}) as IDataObject;
	const message =
		pickString(nested.message) ??
		pickString(error) ??
		pickString(envelope.message) ??
		pickString(typeof body === 'string' ? body.slice(0, 300) : undefined) ??
		`The service answered HTTP ${statusCode}`;
	return {
		message,
		code: pickString(nested.code) ?? pickString(envelope.code),
		field: pickString(nested.field) ?? pickString(envelope.field),
		requestId:
			pickString(nested.request_id) ??
			pickString(envelope.request_id) ??
			pickString(headerValue(headers, 'x-request-id')),
		httpCode: statusCode,
	};
}

export function describePlatformError(details: PlatformErrorDetails, hint?: string): string {
	const parts = [
		details.field ? `Field: ${details.field}` : undefined,
		details.code ? `Code: ${details.code}` : undefined,
		details.requestId
			? `Request ID: ${details.requestId} (quote it to the platform's support)`
			: undefined,
		hint,
	];
	return parts.filter(Boolean).join(' · ');
}

/** A refused request, carrying the platform's own words and what a retry needs to know. */
export class PlatformApiError extends NodeApiError {
	readonly details: PlatformErrorDetails;

	/** How long the platform asked us to wait (429 / 503), in ms, when it said. */
	readonly retryAfterMs: number | undefined;

	constructor(
		node: INode,
		details: PlatformErrorDetails,
		options: { platform: string; itemIndex?: number; retryAfterMs?: number; hint?: string },
	) {
		const response: JsonObject = {
			message: details.message,
			httpCode: String(details.httpCode),
			...(details.code ? { code: details.code } : {}),
			...(details.field ? { field: details.field } : {}),
			...(details.requestId ? { requestId: details.requestId } : {}),
		};
		super(scrubbedNode(node), response, {
			message: `${options.platform}: ${details.message}`,
			description: describePlatformError(details, options.hint),
			httpCode: String(details.httpCode),
			itemIndex: options.itemIndex,
		});
		this.details = details;
		this.retryAfterMs = options.retryAfterMs;
	}
}

/**
 * A 2xx answer that is not a success: `success: false`, or not JSON where JSON was expected. The
 * retry loop fails it plainly on a repeatable request and as "outcome unknown" on one that may
 * have acted — never re-sent, never output as a success.
 */
export class UnsuccessfulAnswerError extends PlatformApiError {
	/** What was wrong with the answer, e.g. "success: false". */
	readonly problem: string;

	constructor(
		node: INode,
		details: PlatformErrorDetails,
		options: { platform: string; itemIndex?: number; problem: string },
	) {
		super(node, details, {
			...options,
			hint: `The platform answered HTTP ${details.httpCode} with ${options.problem}`,
		});
		this.problem = options.problem;
	}
}

/**
 * Why a 2xx answer is not a success, or undefined when it is one. JSON is expected everywhere
 * routing reads an answer; n8n hands a body it could not parse as JSON over as the text.
 */
export function unsuccessfulAnswer(body: unknown): string | undefined {
	if (body === undefined || body === null) return undefined;
	if (Buffer.isBuffer(body) || body instanceof ArrayBuffer) return 'a body that is not JSON';
	if (typeof body === 'string') return body.trim() === '' ? undefined : 'a body that is not JSON';
	if (typeof body === 'object' && (body as IDataObject).success === false) return 'success: false';
	return undefined;
}

/** What a body that is not JSON was: an HTML page (a proxy's, a sign-in's) is named, not quoted. */
export function notJsonMessage(body: unknown): string {
	if (typeof body !== 'string') return 'The answer is binary data, not JSON';
	const text = body.trim();
	if (/^<(!doctype html|html|head|body)\b/i.test(text))
		return 'The answer is an HTML page, not JSON';
	return `The answer is not JSON: "${text.slice(0, 60)}"`;
}

/** What n8n-core left on an error it raised (e.g. the request helper's): set it, non-enumerable. */
function replaceOwn(error: object, key: string, value: unknown): void {
	Object.defineProperty(error, key, {
		value,
		writable: true,
		configurable: true,
		enumerable: false,
	});
}

/**
 * The error with nothing secret on it. n8n-core raises its own errors with the node's raw
 * parameters (and the request it sent as the cause: headers, body); n8n stores and shows them.
 */
function scrubbedError<E extends NodeApiError | NodeOperationError>(error: E, node: INode): E {
	const carried = error as unknown as Record<string, unknown>;
	carried.node = scrubbedNode((error.node as INode | undefined) ?? node);
	carried.context = scrubbed(error.context);
	if (error.errorResponse !== undefined) carried.errorResponse = scrubbed(error.errorResponse);
	if (error.extra !== undefined) carried.extra = scrubbed(error.extra);
	error.message = maskAuthValues(error.message);
	if (typeof error.description === 'string')
		carried.description = maskAuthValues(error.description);
	error.messages = error.messages.map(maskAuthValues);
	// The socket's error keeps its code for whoever reads it; its request (auth header, body) goes.
	const cause = error.cause as (Error & { code?: unknown }) | undefined;
	if (cause instanceof Error) {
		const bounded = Object.assign(new Error(maskAuthValues(cause.message)), {
			name: cause.name,
			...(typeof cause.code === 'string' ? { code: cause.code } : {}),
		});
		replaceOwn(error, 'cause', bounded);
	}
	return error;
}

/**
 * An error as n8n shows it best: node errors keep their class and words, with the node and
 * whatever n8n-core stored on them scrubbed; anything else is wrapped.
 */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError)
		return scrubbedError(error, node);
	return new NodeApiError(scrubbedNode(node), {
		message: maskAuthValues(String((error as Error)?.message ?? error)),
	});
}

/**
 * Bad input, named by field and item, raised before any request. A NodeApiError on purpose: n8n's
 * RoutingNode passes those through unchanged, where it would re-wrap any other error with the
 * node's raw parameters — secrets typed into the node included.
 */
export function inputError(
	node: INode,
	itemIndex: number,
	message: string,
	description: string,
): NodeApiError {
	return new NodeApiError(
		scrubbedNode(node),
		{ message },
		{ message, description, itemIndex, level: 'warning' },
	);
}

function decodeJson(bytes: Buffer): unknown {
	const text = bytes.toString('utf8');
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}
