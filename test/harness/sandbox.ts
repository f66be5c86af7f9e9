import { baseUrls, createSandbox, type Sandbox } from '../../sandbox/server';
import { SANDBOX_KEYS } from '../../sandbox/keys';

export type { LedgerEntry, LoggedRequest } from '../../sandbox/ledger';

export { SANDBOX_KEYS };

/** One sandbox per test file on an ephemeral port, reset before each test. */
export function useSandbox() {
	const state: { sandbox?: Sandbox; urls?: ReturnType<typeof baseUrls> } = {};
	beforeAll(async () => {
		state.sandbox = await createSandbox({ port: 0 });
		state.urls = baseUrls(state.sandbox.url);
	});
	afterAll(async () => state.sandbox?.close());
	beforeEach(async () => {
		await control('POST', '/_sandbox/reset');
	});

	async function control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${state.sandbox!.url}${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok) throw new Error(`sandbox control ${method} ${path} → ${response.status}`);
		const text = await response.text();
		return (text ? JSON.parse(text) : undefined) as T;
	}

	return {
		control,
		get urls() {
			return state.urls!;
		},
		credentials: {
			butterAiApi: () => ({ apiKey: SANDBOX_KEYS.butter.owner, baseUrl: state.urls!.butter }),
			buildVoiceAiApi: () => ({ apiKey: SANDBOX_KEYS.buildVoiceAi.primary, baseUrl: state.urls!.buildVoiceAi }),
			aitelierApi: () => ({ apiKey: SANDBOX_KEYS.aitelier.full, baseUrl: state.urls!.aitelier }),
		},
	};
}

export const listOf = <T>(answer: unknown, key: string): T[] =>
	(Array.isArray(answer) ? answer : ((answer as Record<string, unknown>)[key] as T[])) ?? [];
