import { createHmac, randomBytes, timingSafeEqual } from 'crypto';
import type { IncomingMessage, ServerResponse } from 'http';

/*
 * An object store on its own origin, as platforms keep recordings and PDFs: S3-style presigned
 * URLs that authenticate themselves and refuse a request that also carries an Authorization
 * header. It logs whether each request came with one, so tests can prove no API key reached it.
 * `/echo/…` answers anything with 200 JSON: the target of the cross-origin redirect fault.
 */

export interface StorageVisit {
	method: string;
	/** Path only: the query of a signed URL is its credential. */
	path: string;
	authorization: boolean;
	/** Any header that carries an API key the sandbox issued (a custom auth header, say). */
	headers: string[];
	at: number;
}

interface StoredObject {
	body: Buffer;
	contentType: string;
	expiresAt: number;
}

export class ObjectStorage {
	/** Set once the storage listener is up, e.g. http://127.0.0.1:40123. */
	url = '';
	readonly visits: StorageVisit[] = [];
	private readonly objects = new Map<string, StoredObject>();
	private readonly key = randomBytes(32);

	constructor(private readonly now: () => number) {}

	clear(): void {
		this.visits.length = 0;
		this.objects.clear();
	}

	/** Stores a file and returns its presigned URL, valid for `ttlMs`. */
	put(body: Buffer, contentType: string, ttlMs: number): string {
		const id = randomBytes(8).toString('hex');
		const expiresAt = this.now() + ttlMs;
		this.objects.set(id, { body, contentType, expiresAt });
		const signature = this.sign(id, expiresAt);
		return `${this.url}/objects/${id}?X-Expires=${expiresAt}&X-Signature=${signature}`;
	}

	handle(req: IncomingMessage, res: ServerResponse): void {
		const url = new URL(req.url ?? '/', 'http://storage');
		this.visits.push({
			method: req.method ?? 'GET',
			path: url.pathname,
			authorization: req.headers.authorization !== undefined,
			headers: Object.keys(req.headers),
			at: this.now(),
		});
		if (url.pathname.startsWith('/echo/')) return reply(res, 200, { ok: true, path: url.pathname });
		const match = /^\/objects\/([0-9a-f]+)$/.exec(url.pathname);
		const object = match ? this.objects.get(match[1]) : undefined;
		if (!match || !object) return reply(res, 404, { error: 'NoSuchKey' });
		if (req.headers.authorization !== undefined) {
			return reply(res, 400, {
				error: 'InvalidArgument',
				message: 'Only one auth mechanism allowed: the signed URL, or an Authorization header',
			});
		}
		const expires = Number(url.searchParams.get('X-Expires'));
		const given = Buffer.from(url.searchParams.get('X-Signature') ?? '');
		const expected = Buffer.from(this.sign(match[1], expires));
		if (given.length !== expected.length || !timingSafeEqual(given, expected))
			return reply(res, 403, { error: 'SignatureDoesNotMatch' });
		if (this.now() > expires || expires !== object.expiresAt)
			return reply(res, 403, { error: 'Request has expired' });
		res.writeHead(200, { 'content-type': object.contentType });
		res.end(object.body);
	}

	private sign(id: string, expiresAt: number): string {
		return createHmac('sha256', this.key).update(`${id}.${expiresAt}`).digest('hex');
	}
}

function reply(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}
