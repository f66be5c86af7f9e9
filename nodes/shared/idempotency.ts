import { createHash } from 'crypto';
import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

/**
 * The same execution, node and item always yield the same key, so a re-send by the executor or
 * n8n's Retry On Fail is recognised by the platform instead of dialling twice.
 */
export function defaultIdempotencyKey(context: IExecuteSingleFunctions): string {
	const node = context.getNode();
	const source = [
		context.getWorkflow().id ?? 'workflow',
		context.getExecutionId() ?? 'manual',
		node.id ?? node.name,
		context.getItemIndex(),
	].join(':');
	return `n8n-${createHash('sha256').update(source).digest('hex').slice(0, 40)}`;
}

/** preSend hook: a user-set key (e.g. a lead ID, to dedupe across executions) or the default. */
export async function sendIdempotencyKey(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const custom = String(this.getNodeParameter('options.idempotencyKey', '') ?? '').trim();
	requestOptions.headers = {
		...(requestOptions.headers ?? {}),
		'Idempotency-Key': custom !== '' ? custom : defaultIdempotencyKey(this),
	};
	return requestOptions;
}
