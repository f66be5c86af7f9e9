import { SANDBOX_KEYS } from '../../sandbox/keys';
import { baseUrls, createSandbox, type Sandbox } from '../../sandbox';

export { SANDBOX_KEYS };

export interface Answer {
	status: number;
	headers: Headers;
	body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of any platform
}

/** A sandbox per test file with a small fetch client; `now` is a settable clock. */
export function sandboxUnderTest(options: { manualClock?: boolean } = {}) {
	const start = Date.parse('2026-05-13T18:42:00Z');
	const clock = { ms: start };
	const ctx: { sandbox?: Sandbox } = {};
	beforeAll(async () => {
		ctx.sandbox = await createSandbox({
			port: 0,
			...(options.manualClock ? { now: () => clock.ms } : {}),
		});
	});
	afterAll(async () => ctx.sandbox?.close());
	beforeEach(() => {
		clock.ms = start;
		ctx.sandbox!.reset();
	});

	async function call(
		method: string,
		url: string,
		init: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
	): Promise<Answer> {
		const headers: Record<string, string> = { ...(init.headers ?? {}) };
		if (init.key) headers.authorization = `Bearer ${init.key}`;
		if (init.body !== undefined) headers['content-type'] = 'application/json';
		const response = await fetch(`${ctx.sandbox!.url}${url}`, {
			method,
			headers,
			body: init.body === undefined ? undefined : JSON.stringify(init.body),
		});
		const text = await response.text();
		return {
			status: response.status,
			headers: response.headers,
			body: text ? JSON.parse(text) : undefined,
		};
	}

	return {
		clock,
		call,
		get url() {
			return ctx.sandbox!.url;
		},
		get bases() {
			const urls = baseUrls('');
			return { butter: urls.butter, bvai: urls.buildVoiceAi, aitelier: urls.aitelier };
		},
		control: (method: string, path: string, body?: unknown) =>
			call(method, `/_sandbox${path}`, { body }),
	};
}
