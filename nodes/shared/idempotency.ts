import { createHash } from 'crypto';
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { headerValue } from './request/headers';

/** Objects with their keys sorted, so the same content always serialises the same way. */
function canonical(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(canonical);
	if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return value;
	return Object.fromEntries(
		Object.keys(value)
			.sort()
			.map((key) => [key, canonical((value as IDataObject)[key])]),
	);
}

/** The body's bytes as content: a multipart body's random boundary replaced by a fixed one. */
function bodyFingerprint(request: IHttpRequestOptions): string | Buffer {
	const { body } = request;
	if (Buffer.isBuffer(body)) {
		const boundary = /boundary=([^;\s]+)/.exec(
			headerValue(request.headers as IDataObject, 'content-type') ?? '',
		)?.[1];
		return boundary
			? Buffer.from(body.toString('latin1').split(boundary).join('-'), 'latin1')
			: body;
	}
	return JSON.stringify(canonical(body ?? null));
}

/**
 * The default key: this workflow's node and what the request says (method, path, query, body),
 * never the execution. A re-send by the retry loop, Retry On Fail, n8n's "Retry execution" or a
 * re-run of the same campaign within the platform's dedupe window all carry the same key, so
 * the platform answers with what it did the first time instead of acting again.
 */
export function defaultIdempotencyKey(
	context: IExecuteSingleFunctions,
	request: IHttpRequestOptions,
): string {
	const node = context.getNode();
	const hash = createHash('sha256');
	for (const part of [
		context.getWorkflow().id ?? 'workflow',
		node.id ?? node.name,
		String(request.method ?? 'GET').toUpperCase(),
		request.url,
		JSON.stringify(canonical(request.qs ?? {})),
	])
		hash.update(`${part}\n`);
	hash.update(bodyFingerprint(request));
	return `n8n-${hash.digest('hex').slice(0, 40)}`;
}

/** preSend hook, last of a write's: a user-set key (e.g. a lead ID) or the content-derived default. */
export async function sendIdempotencyKey(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const custom = String(this.getNodeParameter('options.idempotencyKey', '') ?? '').trim();
	requestOptions.headers = {
		...(requestOptions.headers ?? {}),
		'Idempotency-Key': custom !== '' ? custom : defaultIdempotencyKey(this, requestOptions),
	};
	return requestOptions;
}
