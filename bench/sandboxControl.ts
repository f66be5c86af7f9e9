import type { LedgerEntry, LoggedRequest } from '../sandbox/ledger';

/** The sandbox's control API over HTTP, as any client would use it. */
export function sandboxControl(url: string) {
	async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
		const answer = await fetch(`${url}/_sandbox${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!answer.ok)
			throw new Error(`sandbox ${method} ${path} → ${answer.status}: ${await answer.text()}`);
		return (await answer.json()) as T;
	}
	return {
		call,
		reset: () => call('POST', '/reset'),
		limits: (platform: string, patch: Record<string, unknown>) =>
			call('PUT', `/limits/${platform}`, patch),
		seed: (platform: string, resource: string, count: number) =>
			call<{ total: number }>('POST', '/seed', { platform, resource, count }),
		requests: async (platform: string) =>
			(await call<{ requests: LoggedRequest[] }>('GET', `/requests?platform=${platform}`)).requests,
		ledger: (platform: string) =>
			call<{ entries: LedgerEntry[]; duplicates: Array<{ phone: unknown; count: number }> }>(
				'GET',
				`/ledger?platform=${platform}`,
			),
	};
}

export type SandboxControl = ReturnType<typeof sandboxControl>;
