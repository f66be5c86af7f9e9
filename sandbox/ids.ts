import { createHash } from 'crypto';

/** Deterministic ids: the same seed and counter always give the same id after a reset. */
export class IdFactory {
	private counter = 0;

	hex(prefix: string, length = 12): string {
		this.counter++;
		return (
			prefix +
			createHash('sha256').update(`${prefix}:${this.counter}`).digest('hex').slice(0, length)
		);
	}

	uuid(): string {
		const h = this.hex('', 32);
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
	}
}

export function stableHex(seed: string, length = 12): string {
	return createHash('sha256').update(seed).digest('hex').slice(0, length);
}

/** Canonical JSON: sorted keys, so equal bodies compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
	// Uploads stand in by their digest: one JSON entry per byte would make large files crawl.
	if (Buffer.isBuffer(value))
		return JSON.stringify(`sha256:${createHash('sha256').update(value).digest('hex')}`);
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}
