import { UNPACED } from '../../runner/credentialRates';
import { baseUrls, createSandbox, type Sandbox } from '../../sandbox';
import { SANDBOX_KEYS } from '../../sandbox/keys';

import type { LedgerEntry, LoggedRequest } from '../../sandbox/ledger';

export type { LedgerEntry, LoggedRequest };

export { SANDBOX_KEYS };

/**
 * One sandbox per test file on an ephemeral port, reset before each test. `clock`: the
 * sandbox's time runs `skewMs` behind or ahead (reset to 0 before each test).
 */
export function useSandbox(clock?: { skewMs: number }) {
	const state: { sandbox?: Sandbox; urls?: ReturnType<typeof baseUrls> } = {};
	beforeAll(async () => {
		state.sandbox = await createSandbox({
			port: 0,
			...(clock ? { now: () => Date.now() + clock.skewMs } : {}),
		});
		state.urls = baseUrls(state.sandbox.url);
	});
	afterAll(async () => state.sandbox?.close());
	beforeEach(async () => {
		if (clock) clock.skewMs = 0;
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
		// Unpaced: these tests set the sandbox's limits themselves and check the nodes' answers to
		// them; the pacing tests give the documented rates explicitly.
		credentials: {
			butterAiApi: () => ({
				apiKey: SANDBOX_KEYS.butter.owner,
				baseUrl: state.urls!.butter,
				...UNPACED.butterAiApi,
			}),
			buildVoiceAiApi: () => ({
				apiKey: SANDBOX_KEYS.buildVoiceAi.primary,
				baseUrl: state.urls!.buildVoiceAi,
				...UNPACED.buildVoiceAiApi,
			}),
			aitelierApi: () => ({
				apiKey: SANDBOX_KEYS.aitelier.full,
				baseUrl: state.urls!.aitelier,
				...UNPACED.aitelierApi,
			}),
		},
	};
}

export const listOf = <T>(answer: unknown, key: string): T[] =>
	(Array.isArray(answer) ? answer : ((answer as Record<string, unknown>)[key] as T[])) ?? [];

type SandboxHandle = ReturnType<typeof useSandbox>;

/**
 * Direct access to one platform of the sandbox for set-up and checks: its API (with a key), and
 * what it logged — requests received and side effects in the ledger.
 */
export function platformClient(
	sandbox: SandboxHandle,
	platform: 'butter' | 'buildvoiceai' | 'aitelier',
	options: { baseUrl: () => string; key: string; writeHeaders?: () => Record<string, string> },
) {
	const api = async (method: string, path: string, body?: unknown, key: string = options.key) => {
		const answer = await fetch(`${options.baseUrl()}${path}`, {
			method,
			headers: {
				authorization: `Bearer ${key}`,
				...(body === undefined
					? {}
					: { 'content-type': 'application/json', ...(options.writeHeaders?.() ?? {}) }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await answer.text();
		return {
			status: answer.status,
			body: (text ? JSON.parse(text) : undefined) as Record<string, unknown>,
		};
	};
	const requests = async () =>
		listOf<LoggedRequest>(
			await sandbox.control('GET', `/_sandbox/requests?platform=${platform}`),
			'requests',
		);
	const ledger = async (action?: string) =>
		listOf<LedgerEntry>(
			await sandbox.control('GET', `/_sandbox/ledger?platform=${platform}`),
			'entries',
		).filter((entry) => !action || entry.action === action);
	return { api, requests, ledger };
}
