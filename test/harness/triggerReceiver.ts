import { createServer, type IncomingMessage } from 'http';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { runWebhook, runWebhookMethod } from './runWebhook';

export interface ReceivedDelivery {
	status: number;
	headers: Record<string, string | string[]>;
	body: string;
	/** Items the trigger emitted; empty when it started nothing. */
	started: INodeExecutionData[];
}

/**
 * An HTTP endpoint that hands every POST to a trigger's `webhook()` as n8n's webhook server
 * would (raw body kept, node static data shared across deliveries), and answers with what the
 * trigger decided — so the sandbox's real signed deliveries reach the node in-process.
 */
export async function startTriggerReceiver(options: {
	node: string;
	parameters: INodeParameters;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** `manual`: as while the editor listens for a test event; production (`webhook`) otherwise. */
	mode?: WorkflowExecuteMode;
}) {
	const deliveries: ReceivedDelivery[] = [];
	const staticData: IDataObject = {};
	const readBody = async (req: IncomingMessage) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		return Buffer.concat(chunks);
	};
	const server = createServer((req, res) => {
		void (async () => {
			const rawBody = await readBody(req);
			const headers = req.headers as Record<string, string | string[]>;
			// n8n hands webhook() the query string as parsed data (e.g. a URL token).
			const query = Object.fromEntries(new URL(req.url ?? '/', 'http://receiver').searchParams);
			const { result, response } = await runWebhook({
				...options,
				request: { method: req.method, rawBody, headers, query },
				staticData,
			});
			const status = response.ended ? (response.statusCode ?? 200) : 200;
			const started = result.workflowData?.[0] ?? [];
			deliveries.push({ status, headers, body: rawBody.toString('utf8'), started });
			const answer = response.ended
				? response.body
				: (result.webhookResponse ?? { message: 'Workflow was started' });
			res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
		})().catch((error: unknown) => {
			res.writeHead(500).end(String(error));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	return {
		url: `http://127.0.0.1:${port}/webhook/hook-1/webhook`,
		/** What n8n would call its webhook base URL, so lifecycle methods register `url`. */
		webhookBaseUrl: `http://127.0.0.1:${port}/webhook`,
		deliveries,
		staticData,
		/** Every item the trigger emitted, in order of arrival. */
		startedItems: () => deliveries.flatMap((d) => d.started.map((item) => item.json)),
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** Polls until the condition holds; fails with the message after the timeout. */
export async function waitUntil(
	condition: () => boolean | Promise<boolean>,
	message: string,
	timeoutMs = 10_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`Timed out: ${message}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/**
 * A trigger as n8n runs it once activated: a receiver for its deliveries, and its lifecycle
 * methods sharing the receiver's static data and registering the receiver's URL.
 */
export async function activeTrigger(options: {
	node: string;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	onClose: (close: () => Promise<void>) => void;
}) {
	const receiver = await startTriggerReceiver(options);
	options.onClose(receiver.close);
	const lifecycle = (
		method: 'checkExists' | 'create' | 'delete',
		parameters: INodeParameters = options.parameters,
	) =>
		runWebhookMethod({
			node: options.node,
			parameters,
			credentials: options.credentials,
			method,
			staticData: receiver.staticData,
			webhookBaseUrl: receiver.webhookBaseUrl,
		});
	return { receiver, lifecycle };
}
