import { randomBytes } from 'crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { Socket } from 'net';

import { handleControl } from './control';
import {
	BEFORE_ACTING,
	type FaultRule,
	GENERIC_MESSAGES,
	HTML_200_PAGE,
	NOT_HTTP_BYTES,
	SUCCESS_FALSE_MESSAGE,
} from './faults';
import { type Caller, fail, matchRoute, PlatformError, type Reply, type Route } from './http';
import { redactHeaders } from './ledger';
import type { RateWindow, SandboxPlatform } from './platform';
import { retryAfterHeader } from './rateLimiter';
import { isMultipart, type MultipartBody, parseMultipart } from './multipart';
import { createState, resetState, type SandboxState } from './state';

export interface Sandbox {
	url: string;
	port: number;
	close(): Promise<void>;
	reset(): void;
	state: SandboxState;
}

export interface SandboxOptions {
	port?: number;
	host?: string;
	now?: () => number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

function send(res: ServerResponse, reply: Reply): void {
	if (res.destroyed) return;
	// Files (recordings, invoice PDFs) go out as bytes with the content type the route set.
	if (Buffer.isBuffer(reply.body)) {
		res.writeHead(reply.status, {
			'content-type': 'application/octet-stream',
			...(reply.headers ?? {}),
			'content-length': String(reply.body.length),
		});
		res.end(reply.body);
		return;
	}
	const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
	res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
	res.end(body);
}

/** Per-key limits of the platform, plus the route's extra ones; the first refusal wins. */
function admit(state: SandboxState, platform: string, route: Route, caller: Caller, now: number) {
	const limits = state.limits[platform];
	const names = [
		...Object.keys(limits.rules).filter((n) => !/^outbound/.test(n)),
		...(route.limits ?? []),
	];
	let shown: RateWindow | undefined;
	for (const name of names) {
		const rule = limits.rules[name];
		if (!rule) continue;
		// Outbound call limits are per project; the others per key.
		const subject = name.startsWith('outbound') ? 'project' : caller.apiKey;
		const admission = state.limiter.check(
			`${platform}:${name}:${subject}`,
			rule,
			now,
			limits.enabled,
		);
		shown ??= admission;
		if (limits.enabled && !admission.allowed) {
			const messages: Record<string, string> = {
				requests: `Rate limit exceeded: ${rule.limit} requests per ${rule.windowMs >= 60_000 ? 'minute' : `${rule.windowMs} ms`}`,
				outboundPerMinute: `Outbound call limit reached: ${rule.limit} calls per minute per project`,
			};
			return {
				refusal: { admission, message: messages[name] ?? `Rate limit exceeded (${name})` },
				shown,
			};
		}
	}
	return { shown };
}

async function handlePlatform(
	state: SandboxState,
	platform: SandboxPlatform,
	req: IncomingMessage,
	res: ServerResponse,
	path: string,
	query: URLSearchParams,
	raw: Buffer,
): Promise<void> {
	const method = (req.method ?? 'GET').toUpperCase();
	const now = state.now();
	const requestId = `req_${randomBytes(8).toString('hex')}`;
	const logged = {
		seq: state.requests.length + 1,
		at: new Date(now).toISOString(),
		platform: platform.id,
		method,
		path,
		query: Object.fromEntries(query),
		headers: redactHeaders(req.headers),
		body: undefined as unknown,
		status: 0,
		fault: undefined as string | undefined,
	};
	state.requests.push(logged);
	let extraHeaders: Record<string, string> = { 'X-Request-Id': requestId };
	const answer = (reply: Reply) => {
		logged.status = reply.status;
		send(res, { ...reply, headers: { ...extraHeaders, ...(reply.headers ?? {}) } });
	};
	const answerError = (error: PlatformError) => {
		const { headers, ...spec } = error.spec;
		answer({ status: spec.status, body: platform.errorBody(spec, requestId), headers });
	};
	const breakConnection = () => {
		logged.status = -1;
		req.socket.destroy();
	};
	// No status line at all: raw bytes straight onto the socket, then it is closed.
	const answerNotHttp = () => {
		logged.status = -1;
		req.socket.end(NOT_HTTP_BYTES, () => req.socket.destroy());
	};

	let fault: FaultRule | undefined;
	try {
		let body: unknown;
		const contentType = req.headers['content-type'];
		if (raw.length && isMultipart(contentType)) {
			body = parseMultipart(raw, contentType!);
			if (!body) throw fail(400, 'Malformed multipart/form-data body');
		} else if (raw.length) {
			try {
				body = JSON.parse(raw.toString('utf8'));
			} catch {
				throw fail(400, 'Request body is not valid JSON');
			}
		}
		logged.body = body === undefined ? undefined : loggableBody(body);
		const match = matchRoute(platform.routes, method, path);
		const caller = platform.authenticate(req.headers, state);
		if (!match) throw fail(404, `No route ${method} ${path}`);
		const { route, params } = match;

		fault = state.faults.pick(platform.id, method, path);
		if (fault) logged.fault = fault.kind;
		if (fault?.kind === 'html-200') {
			logged.status = 200;
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...extraHeaders });
			return void res.end(HTML_200_PAGE);
		}
		if (fault?.kind === 'redirect-cross-origin' || fault?.kind === 'redirect-same-origin') {
			const search = query.toString();
			const location =
				fault.kind === 'redirect-same-origin'
					? `${platform.prefix}${path}${search ? `?${search}` : ''}`
					: `${state.storage.url}/echo${platform.prefix}${path}`;
			logged.status = fault.kind === 'redirect-same-origin' ? 307 : 302;
			res.writeHead(logged.status, { location, ...extraHeaders });
			return void res.end();
		}
		if (fault && BEFORE_ACTING.has(fault.kind)) {
			if (fault.kind === 'reset') return breakConnection();
			const status = Number(fault.kind);
			throw fail(
				status,
				GENERIC_MESSAGES[status],
				status === 429 ? { headers: { 'Retry-After': '1' } } : {},
			);
		}

		const { refusal, shown } = admit(state, platform.id, route, caller, now);
		if (shown && platform.rateLimitHeaders)
			extraHeaders = { ...extraHeaders, ...platform.rateLimitHeaders(shown) };
		if (refusal) {
			const retryAfter = retryAfterHeader(
				refusal.admission.retryAfterMs,
				state.limits[platform.id].retryAfterFormat,
				now,
			);
			throw fail(429, refusal.message, { headers: { 'Retry-After': retryAfter } });
		}
		if (route.scope && !caller.scopes?.includes(route.scope)) {
			throw fail(403, `This API key lacks the required scope: ${route.scope}`);
		}

		const idempotencyKey = [req.headers['idempotency-key']].flat()[0];
		if (route.requireIdempotencyKey && !idempotencyKey) {
			throw fail(400, 'Idempotency-Key header is required on this endpoint', {
				field: 'Idempotency-Key',
			});
		}
		caller.idempotencyKey = idempotencyKey;
		const context = {
			state,
			platform: platform.id,
			caller,
			method,
			path,
			params,
			query,
			headers: req.headers,
			body,
			now,
			requestId,
		};
		let reply: Reply;
		if (route.idempotent && idempotencyKey) {
			const outcome = await state.idempotency.begin(caller.apiKey, idempotencyKey, body ?? {}, now);
			if (outcome.kind === 'conflict') {
				throw fail(409, 'Idempotency-Key was already used with a different request body', {
					field: 'Idempotency-Key',
				});
			}
			if (outcome.kind === 'replay') {
				reply = { ...outcome.response, headers: { 'Idempotent-Replayed': 'true' } };
			} else {
				try {
					reply = await route.handler(context);
					outcome.complete({ status: reply.status, body: reply.body });
				} catch (error) {
					if (error instanceof PlatformError && error.spec.status < 500) {
						// A refusal is an answer too: replayed like a success would be.
						outcome.complete({
							status: error.spec.status,
							body: platform.errorBody(error.spec, requestId),
						});
					} else {
						outcome.fail();
					}
					throw error;
				}
			}
		} else {
			reply = await route.handler(context);
		}

		if (fault?.kind === 'reset-after-acting') return breakConnection();
		if (fault?.kind === 'not-http') return answerNotHttp();
		if (fault?.kind === '500-after-acting') throw fail(500, GENERIC_MESSAGES[500]);
		if (fault?.kind === 'cursor-loop') reply = loopedCursor(reply, query);
		if (fault?.kind === 'success-false')
			reply = { status: 200, body: { success: false, error: SUCCESS_FALSE_MESSAGE } };
		if (fault?.kind === 'slow') await sleep(fault.slowMs ?? 5000);
		answer(reply);
	} catch (error) {
		if (error instanceof PlatformError) return answerError(error);
		answerError(fail(500, `Sandbox error: ${(error as Error).message}`));
	}
}

/** A list page that sends the reader back to the cursor it came with (the first page is left alone). */
function loopedCursor(reply: Reply, query: URLSearchParams): Reply {
	const cursor = query.get('cursor');
	const body = reply.body as Record<string, unknown> | undefined;
	if (!cursor || typeof body !== 'object' || body === null || Buffer.isBuffer(body)) return reply;
	const pagination = body.pagination as Record<string, unknown> | undefined;
	if (typeof body.next_cursor === 'string')
		return { ...reply, body: { ...body, next_cursor: cursor } };
	if (pagination && typeof pagination.next_cursor === 'string')
		return { ...reply, body: { ...body, pagination: { ...pagination, next_cursor: cursor } } };
	return reply;
}

/**
 * Serves the given platforms, each under its prefix, and the control API under /_sandbox. The
 * platforms come from the caller (sandbox/index.ts), so this file imports none of them.
 */
export async function startSandbox(
	platforms: readonly SandboxPlatform[],
	options: SandboxOptions = {},
): Promise<Sandbox> {
	const state = createState(options.now ?? (() => Date.now()), platforms);
	const sockets = new Set<Socket>();
	const server = createServer((req, res) => {
		void (async () => {
			const url = new URL(req.url ?? '/', 'http://sandbox');
			const raw = await readBody(req);
			if (url.pathname.startsWith('/_sandbox/')) {
				let body: unknown;
				try {
					body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
				} catch {
					return send(res, { status: 400, body: { error: 'invalid JSON' } });
				}
				const path = url.pathname.slice('/_sandbox'.length);
				return send(
					res,
					await handleControl(state, platforms, req.method ?? 'GET', path, url.searchParams, body),
				);
			}
			for (const platform of platforms) {
				const { prefix } = platform;
				if (url.pathname === prefix || url.pathname.startsWith(`${prefix}/`)) {
					return await handlePlatform(
						state,
						platform,
						req,
						res,
						url.pathname.slice(prefix.length),
						url.searchParams,
						raw,
					);
				}
			}
			send(res, { status: 404, body: { error: `Unknown path ${url.pathname}` } });
		})().catch((error: unknown) => send(res, { status: 500, body: { error: String(error) } }));
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) =>
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
	);
	const port = (server.address() as { port: number }).port;
	const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
	// The object store answers on its own port: another origin, as a real storage host is.
	const storage = createServer((req, res) => state.storage.handle(req, res));
	storage.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => storage.listen(0, options.host ?? '127.0.0.1', resolve));
	state.storage.url = `http://${options.host ?? '127.0.0.1'}:${(storage.address() as { port: number }).port}`;
	return {
		url,
		port,
		state,
		reset: () => resetState(state, platforms),
		close: () =>
			new Promise<void>((resolve) => {
				state.scheduler.clear();
				for (const socket of sockets) socket.destroy();
				storage.close();
				server.close(() => resolve());
			}),
	};
}

const SECRET_FIELD = /password|auth_token|secret|api_key|apikey|pin$/i;

/** Request bodies as logged: secrets masked (tests read the log), uploads summarised. */
function redactSecrets(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(redactSecrets);
	if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return value;
	return Object.fromEntries(
		Object.entries(value).map(([key, inner]) => [
			key,
			SECRET_FIELD.test(key) && inner ? '[redacted]' : redactSecrets(inner),
		]),
	);
}

/** The request log keeps uploads' names, types and sizes, not their bytes. */
function loggableBody(body: unknown): unknown {
	const files = (body as Partial<MultipartBody>).files;
	if (typeof files !== 'object' || files === null) return redactSecrets(body);
	const summary = Object.fromEntries(
		Object.entries(files).map(([field, file]) => [
			field,
			{ filename: file.filename, contentType: file.contentType, size: file.data.length },
		]),
	);
	return {
		...(redactSecrets({ ...(body as object), files: undefined }) as object),
		files: summary,
	};
}
