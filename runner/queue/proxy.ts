import { createServer, request, type IncomingMessage } from 'http';
import { connect } from 'net';

export interface Upstream {
	name: string;
	port: number;
}

export interface RunningProxy {
	url: string;
	port: number;
	/** Requests each upstream answered, by name. */
	served: Record<string, number>;
	close(): Promise<void>;
}

/** Paths n8n's webhook processors serve in queue mode; everything else is the main process's. */
const WEBHOOK_PATHS = /^\/(webhook|webhook-waiting|form|form-waiting)\//;

/** The response header naming the process that answered, so a test (or a user) can see the spread. */
export const SERVED_BY_HEADER = 'x-voice-agents-served-by';
/** A request header naming the webhook processor to use, as a sticky load balancer would (tests). */
export const ROUTE_TO_HEADER = 'x-voice-agents-route-to';

/**
 * What a load balancer in front of queue mode does: production webhooks round-robin over the
 * webhook processors, the editor, REST API, test webhooks and push connection to main. Bodies
 * are streamed byte for byte (signatures cover the raw body).
 */
export function startProxy(options: {
	port: number;
	main: Upstream;
	webhooks: Upstream[];
}): Promise<RunningProxy> {
	let next = 0;
	const served: Record<string, number> = {};
	const pick = (url = '/', routeTo?: string | string[]): Upstream => {
		if (!WEBHOOK_PATHS.test(url) || options.webhooks.length === 0) return options.main;
		const pinned = options.webhooks.find((upstream) => upstream.name === routeTo);
		if (pinned) return pinned;
		const upstream = options.webhooks[next % options.webhooks.length];
		next++;
		return upstream;
	};

	const server = createServer((incoming, answer) => {
		const upstream = pick(incoming.url, incoming.headers[ROUTE_TO_HEADER]);
		const forwarded = request(
			{
				host: '127.0.0.1',
				port: upstream.port,
				method: incoming.method,
				path: incoming.url,
				headers: incoming.headers,
			},
			(upstreamAnswer: IncomingMessage) => {
				served[upstream.name] = (served[upstream.name] ?? 0) + 1;
				answer.writeHead(upstreamAnswer.statusCode ?? 502, {
					...upstreamAnswer.headers,
					[SERVED_BY_HEADER]: upstream.name,
				});
				upstreamAnswer.pipe(answer);
			},
		);
		forwarded.on('error', () => {
			if (!answer.headersSent) answer.writeHead(502, { [SERVED_BY_HEADER]: upstream.name });
			answer.end();
		});
		incoming.pipe(forwarded);
	});

	// The editor's push connection (a WebSocket) goes to main as raw bytes.
	server.on('upgrade', (incoming: IncomingMessage, socket, head: Buffer) => {
		const upstream = connect(options.main.port, '127.0.0.1', () => {
			const lines = [`${incoming.method} ${incoming.url} HTTP/${incoming.httpVersion}`];
			for (let i = 0; i < incoming.rawHeaders.length; i += 2)
				lines.push(`${incoming.rawHeaders[i]}: ${incoming.rawHeaders[i + 1]}`);
			upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
			if (head.length) upstream.write(head);
			socket.pipe(upstream).pipe(socket);
		});
		const close = () => {
			upstream.destroy();
			socket.destroy();
		};
		upstream.on('error', close);
		socket.on('error', close);
	});

	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			resolve({
				url: `http://127.0.0.1:${port}`,
				port,
				served,
				close: () =>
					new Promise<void>((done) => {
						server.closeAllConnections();
						server.close(() => done());
					}),
			});
		});
	});
}
