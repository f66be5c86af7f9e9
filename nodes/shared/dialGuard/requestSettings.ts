import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

/**
 * The node's Request Options (batching, timeout, proxy, SSL) as routing applies them, for a
 * custom operation that sends its own requests: the same settings, the same defaults.
 */
export function requestSettings(context: IExecuteFunctions): {
	batchSize: number;
	batchInterval: number;
	request: Partial<IHttpRequestOptions>;
} {
	const options = context.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	const batch = ((options.batching as IDataObject | undefined)?.batch ?? {}) as IDataObject;
	const request: Partial<IHttpRequestOptions> = {
		// Routing's default when no timeout is set.
		timeout: Number(options.timeout) > 0 ? Number(options.timeout) : 300_000,
	};
	if (options.allowUnauthorizedCerts) request.skipSslCertificateValidation = true;
	if (typeof options.proxy === 'string' && options.proxy.trim()) {
		const proxy = new URL(options.proxy);
		request.proxy = {
			host: proxy.hostname,
			port: Number(proxy.port),
			protocol: proxy.protocol.replace(/:$/, ''),
			...(proxy.username
				? {
						auth: {
							username: decodeURIComponent(proxy.username),
							password: decodeURIComponent(proxy.password),
						},
					}
				: {}),
		};
	}
	return {
		batchSize: Number(batch.batchSize) > 0 ? Number(batch.batchSize) : 1,
		batchInterval: Number(batch.batchInterval) > 0 ? Number(batch.batchInterval) : 0,
		request,
	};
}
