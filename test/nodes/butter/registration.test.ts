import { HookContext } from 'n8n-core';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { LogLine } from '../../harness/captureLogs';
import { runWebhookMethod } from '../../harness/runWebhook';
import { useSandbox } from '../../harness/sandbox';
import { activeTrigger } from '../../harness/triggerReceiver';
import { butterNode } from './helpers';

/*
 * Two workflows whose Butter AI Triggers pick the same phone number, driven through the
 * trigger's real lifecycle (checkExists → create, delete) against the sandbox. A is an active
 * trigger with its own receiver; B is a second workflow on the same n8n.
 */

const sandbox = useSandbox();
const butter = butterNode(sandbox);
const CRM = 'https://crm.example/hook';
const credentials = () => ({ butterAiApi: sandbox.credentials.butterAiApi() });
const closers: Array<() => Promise<void>> = [];
const restorers: Array<() => void> = [];
// Rate limits are not under test here; the test's own reads are not retried.
beforeEach(async () => {
	await sandbox.control('PUT', '/_sandbox/limits/butter', { enabled: false });
});
afterEach(async () => {
	restorers.splice(0).forEach((restore) => restore());
	await Promise.all(closers.splice(0).map((close) => close()));
});

const onNumbers = (...phoneNumberIds: string[]): INodeParameters => ({
	events: ['group:completed'],
	registration: 'phoneNumbers',
	phoneNumberIds,
});

const seededNumbers = async () =>
	(await butter.api('GET', '/v1/phone-numbers?limit=100')).body.data as IDataObject[];

const callbackUrlOf = async (id: string) =>
	((await butter.api('GET', `/v1/phone-numbers/${id}`)).body.data as IDataObject).webhook_url;

const pointAt = async (id: string, url: string | null) =>
	await butter.api('PATCH', `/v1/phone-numbers/${id}`, { webhook_url: url });

/** The sandbox's PATCHes of phone numbers from here on. */
async function patchesFromNowOn() {
	const before = (await butter.requests()).length;
	return async () =>
		(await butter.requests())
			.slice(before)
			.filter((r) => r.method === 'PATCH' && r.path.startsWith('/v1/phone-numbers/'));
}

/** Workflow A, active: its lifecycle shares static data with the receiver of its deliveries. */
async function workflowA(parameters: INodeParameters) {
	const { receiver, lifecycle } = await activeTrigger({
		node: 'butterAiTrigger',
		parameters,
		credentials: credentials(),
		onClose: (close) => closers.push(close),
	});
	const registered = () => `${receiver.url}?token=${String(receiver.staticData.urlToken)}`;
	return { receiver, lifecycle, registered };
}

/**
 * Workflow B on the same n8n as A: the same webhook base URL, its own webhook ID (n8n gives each
 * trigger one; the harness names them all hook-1, so B's is renamed as n8n would have named it).
 */
function workflowB(webhookBaseUrl: string, parameters: INodeParameters) {
	const staticData: IDataObject = {};
	const url = `${webhookBaseUrl}/hook-2/webhook`;
	const lifecycle = async (method: 'checkExists' | 'create' | 'delete') => {
		const real = HookContext.prototype.getNodeWebhookUrl;
		const spy = jest.spyOn(HookContext.prototype, 'getNodeWebhookUrl').mockImplementation(function (
			this: HookContext,
			...args
		) {
			return real.apply(this, args)?.replace('/hook-1/', '/hook-2/');
		});
		try {
			return await runWebhookMethod({
				node: 'butterAiTrigger',
				parameters,
				credentials: credentials(),
				method,
				staticData,
				webhookBaseUrl,
			});
		} finally {
			spy.mockRestore();
		}
	};
	return { url, staticData, lifecycle };
}

/** As n8n activates a trigger, at first and after every restart: create only when checkExists says no. */
const activate = async (lifecycle: (method: 'checkExists' | 'create') => Promise<unknown>) => {
	const { result } = (await lifecycle('checkExists')) as { result: boolean };
	if (!result) await lifecycle('create');
};

/** What the lifecycle methods log through n8n's logger (captureLogs covers webhook() only). */
function captureHookLogs(): LogLine[] {
	const lines: LogLine[] = [];
	const record =
		(level: string) =>
		(message: string, metadata: IDataObject = {}) =>
			lines.push({ level, message, metadata });
	const logger = {
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
	};
	const spy = jest.spyOn(HookContext.prototype, 'logger', 'get').mockReturnValue(logger as never);
	restorers.push(() => spy.mockRestore());
	return lines;
}

const refusalOf = async (activation: Promise<unknown>) => {
	const error = await activation.then(
		() => undefined,
		(thrown: unknown) => thrown as Error & { description?: string },
	);
	if (!error) throw new Error('expected the activation to be refused, it succeeded');
	return error;
};

/** A on number N, which had the user's CRM endpoint before either workflow. */
async function aHoldsN() {
	const [first] = await seededNumbers();
	const n = { id: String(first.id), phone: String(first.phone_number) };
	await pointAt(n.id, CRM);
	const a = await workflowA(onNumbers(n.id));
	await activate(a.lifecycle);
	expect(await callbackUrlOf(n.id)).toBe(a.registered());
	const b = workflowB(a.receiver.webhookBaseUrl, onNumbers(n.id));
	return { n, a, b };
}

describe('Butter AI Trigger — two workflows on one phone number', () => {
	it('(1) B activating on the number A holds is refused, naming the number and A’s URL without its token; the number stays A’s', async () => {
		const { n, a, b } = await aHoldsN();
		const patches = await patchesFromNowOn();

		const error = await refusalOf(b.lifecycle('create'));
		expect(error.message).toContain(n.phone);
		expect(error.message).toContain(n.id);
		expect(error.message).toContain(a.receiver.url);
		expect(error.description).toMatch(/Deactivate the workflow that uses that URL/);
		expect(error.description).toMatch(/"Manual"/);
		const token = String(a.receiver.staticData.urlToken);
		expect(JSON.stringify(error) + error.message + String(error.description)).not.toContain(token);

		expect(await callbackUrlOf(n.id)).toBe(a.registered());
		expect(await patches()).toEqual([]);
		expect(b.staticData).toEqual({});
	});

	it('(2) A deactivated first, then B: the number points at the CRM URL again, not at a dead n8n URL', async () => {
		const { n, a, b } = await aHoldsN();
		await b.lifecycle('create').catch(() => undefined);
		await a.lifecycle('delete');
		await b.lifecycle('delete');
		expect(await callbackUrlOf(n.id)).toBe(CRM);
	});

	it('(3) n8n restarts with both active: A keeps its registration as it was, B is refused again, nothing is written', async () => {
		const { n, a, b } = await aHoldsN();
		await b.lifecycle('create').catch(() => undefined);
		const before = { url: a.registered(), token: a.receiver.staticData.urlToken };
		const patches = await patchesFromNowOn();

		// Either start order: B's activation retried first, then A's; then again the other way.
		await expect(activate(b.lifecycle)).rejects.toThrow(a.receiver.url);
		await activate(a.lifecycle);
		await activate(a.lifecycle);
		await expect(activate(b.lifecycle)).rejects.toThrow(a.receiver.url);

		expect(await callbackUrlOf(n.id)).toBe(before.url);
		expect(a.receiver.staticData.urlToken).toBe(before.token);
		expect(await patches()).toEqual([]);
		await a.lifecycle('delete');
		expect(await callbackUrlOf(n.id)).toBe(CRM);
	});

	it('(3b) a restart of A never takes the number back from another trigger put there since', async () => {
		const { n, a, b } = await aHoldsN();
		// E.g. B's Production URL pasted into Butter AI by hand.
		await pointAt(n.id, `${b.url}?token=pasted-by-hand-token-0123456789abcdef`);

		const error = await refusalOf(activate(a.lifecycle));
		expect(error.message).toContain(b.url);
		expect(error.message).not.toContain('pasted-by-hand');
		expect(await callbackUrlOf(n.id)).toBe(`${b.url}?token=pasted-by-hand-token-0123456789abcdef`);
	});

	it('(4) taking over a non-n8n URL is logged (without its query) and the exact URL is restored on deactivation', async () => {
		const [first] = await seededNumbers();
		const id = String(first.id);
		const own = `${CRM}?key=crm-secret-0123456789`;
		await pointAt(id, own);
		const logs = captureHookLogs();
		const a = await workflowA(onNumbers(id));

		await activate(a.lifecycle);
		expect(await callbackUrlOf(id)).toBe(a.registered());
		const warnings = logs.filter((line) => line.level === 'warn');
		expect(warnings).toHaveLength(1);
		expect(warnings[0].message).toContain(String(first.phone_number));
		expect(warnings[0].message).toContain(CRM);
		expect(warnings[0].message).toContain('restored when it is deactivated');
		expect(JSON.stringify(logs)).not.toContain('crm-secret');
		expect(JSON.stringify(logs)).not.toContain(String(a.receiver.staticData.urlToken));

		await a.lifecycle('delete');
		expect(await callbackUrlOf(id)).toBe(own);
	});

	it('(5) a conflict on the second of two picked numbers is found before the first is changed', async () => {
		const [first, second] = (await seededNumbers()).map((number) => String(number.id));
		await pointAt(first, CRM);
		const a = await workflowA(onNumbers(second));
		await activate(a.lifecycle);
		const b = workflowB(a.receiver.webhookBaseUrl, onNumbers(first, second));
		const patches = await patchesFromNowOn();

		await expect(b.lifecycle('create')).rejects.toThrow(a.receiver.url);
		expect(await callbackUrlOf(first)).toBe(CRM);
		expect(await callbackUrlOf(second)).toBe(a.registered());
		expect(await patches()).toEqual([]);
		expect(b.staticData).toEqual({});
	});
});

describe('Butter AI Trigger — whose URL a restart takes back', () => {
	it('a trigger URL of another n8n (its shape: <webhook id>/webhook) is refused, its token not shown', async () => {
		const [first] = await seededNumbers();
		const id = String(first.id);
		const elsewhere =
			'https://staging-n8n.example/webhook/0f3c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a098/webhook';
		await pointAt(id, `${elsewhere}?token=staging-token-0123456789abcdef`);
		const a = await workflowA(onNumbers(id));

		const error = await refusalOf(activate(a.lifecycle));
		expect(error.message).toContain(elsewhere);
		expect(error.message).not.toContain('staging-token');
		expect(await callbackUrlOf(id)).toBe(`${elsewhere}?token=staging-token-0123456789abcdef`);
	});

	it('takes back the URL it took over originally (put back since), but refuses one chosen since', async () => {
		const [first] = await seededNumbers();
		const id = String(first.id);
		await pointAt(id, CRM);
		const a = await workflowA(onNumbers(id));
		await activate(a.lifecycle);

		await pointAt(id, CRM);
		await activate(a.lifecycle);
		expect(await callbackUrlOf(id)).toBe(a.registered());

		await pointAt(id, 'https://new-crm.example/hook');
		const error = await refusalOf(activate(a.lifecycle));
		expect(error.message).toContain('https://new-crm.example/hook');
		expect(error.message).toContain('set after this workflow registered on it');
		expect(await callbackUrlOf(id)).toBe('https://new-crm.example/hook');
		// Deactivating leaves the number to whoever chose it.
		await a.lifecycle('delete');
		expect(await callbackUrlOf(id)).toBe('https://new-crm.example/hook');
	});

	it('its own URL under an old n8n address is its own: re-registered, and the CRM URL still restored', async () => {
		const [first] = await seededNumbers();
		const id = String(first.id);
		await pointAt(id, CRM);
		const a = await workflowA(onNumbers(id));
		await activate(a.lifecycle);
		// n8n now answers under another address (e.g. WEBHOOK_URL changed).
		const moved = a.receiver.webhookBaseUrl.replace('127.0.0.1', 'localhost');
		const lifecycle = (method: 'checkExists' | 'create' | 'delete') =>
			runWebhookMethod({
				node: 'butterAiTrigger',
				parameters: onNumbers(id),
				credentials: credentials(),
				method,
				staticData: a.receiver.staticData,
				webhookBaseUrl: moved,
			});

		await activate(lifecycle);
		expect(await callbackUrlOf(id)).toBe(
			`${moved}/hook-1/webhook?token=${String(a.receiver.staticData.urlToken)}`,
		);
		await lifecycle('delete');
		expect(await callbackUrlOf(id)).toBe(CRM);
	});

	it('a URL an earlier version remembered from another trigger is not written back on deactivation', async () => {
		const [first] = await seededNumbers();
		const id = String(first.id);
		const a = await workflowA(onNumbers(id));
		const b = workflowB(a.receiver.webhookBaseUrl, onNumbers(id));
		// What today's version left when B took the number from A: A's URL as B's "previous".
		await pointAt(id, `${b.url}?token=b-token-0123456789abcdef0123456789`);
		b.staticData.registrations = { [id]: `${a.receiver.url}?token=a-token-0123456789abcdef` };
		const logs = captureHookLogs();

		await b.lifecycle('delete');
		expect(await callbackUrlOf(id)).toBeNull();
		expect(logs.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual([
			expect.stringContaining(a.receiver.url),
		]);
		expect(JSON.stringify(logs)).not.toContain('a-token');
	});
});
