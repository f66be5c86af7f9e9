import { readFileSync } from 'fs';
import { join } from 'path';

import { EXAMPLES_DIR, PACKAGE_NAME, ROOT } from '../../runner/paths';
import {
	EXAMPLE_WORKFLOWS,
	exampleFiles,
	N8nRest,
	OWNER,
	sandboxCredentials,
} from '../../runner/setup';
import { baseUrls, type Platform } from '../../sandbox';
import { SANDBOX_KEYS } from '../../sandbox/keys';
import { assertChromiumInstalled, Editor, inspectPanel, missingParameters } from './browser/editor';
import { type Stack, startStack } from './browser/stack';

/**
 * The n8n editor in a real browser (Debian's chromium driven by playwright-core): n8n started the
 * way `npm start` starts it, signed in through the sign-in form, every node panel of every example
 * workflow opened, every credential dialog's connection test run against the sandbox, and the
 * resource-locator lists opened. Screenshots go to docs/screenshots/.
 */
jest.setTimeout(120_000);

const SHOTS = join(ROOT, 'docs', 'screenshots');
const shot = (name: string) => join(SHOTS, name);

interface ExampleNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}
interface Example {
	file: string;
	id: string;
	name: string;
	nodes: ExampleNode[];
}
const examples: Example[] = exampleFiles().map((file) => ({
	file,
	...(JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as Omit<Example, 'file'>),
}));

const STICKY_NOTE = 'n8n-nodes-base.stickyNote';
/** The nodes with a details view: sticky notes are canvas annotations. */
const panels = (example: Example) => example.nodes.filter((node) => node.type !== STICKY_NOTE);
const ours = (type: string) => type.startsWith(`${PACKAGE_NAME}.`);
const PLATFORM_OF_CREDENTIAL: Record<string, Platform> = {
	butterAiApi: 'butter',
	buildVoiceAiApi: 'buildvoiceai',
	aitelierApi: 'aitelier',
};
const PLATFORM_OF_NODE = (type: string): Platform =>
	/\.butterAi/.test(type) ? 'butter' : /\.buildVoiceAi/.test(type) ? 'buildvoiceai' : 'aitelier';
const CREDENTIAL_TYPE_NAMES: Record<string, string> = {
	butterAiApi: 'Butter AI API',
	buildVoiceAiApi: 'BuildVoiceAI API',
	aitelierApi: 'Aitelier API',
};

/** Which screenshots the tour takes (workflow id → node name → file); missing ones are skipped. */
const CANVAS_SHOT = { workflow: EXAMPLE_WORKFLOWS.butterCall, file: 'editor-canvas.png' };
const PANEL_SHOTS: Record<string, Record<string, string>> = {
	[EXAMPLE_WORKFLOWS.butterCall]: { 'Butter AI': 'editor-panel-butter-ai.png' },
	[EXAMPLE_WORKFLOWS.buildVoiceAiCall]: { BuildVoiceAI: 'editor-panel-buildvoiceai.png' },
	[EXAMPLE_WORKFLOWS.aitelierCampaign]: { 'Aitelier Campaign': 'editor-panel-aitelier.png' },
	[EXAMPLE_WORKFLOWS.butterToolOrders]: {
		'Order Status Tool': 'editor-panel-butter-ai-tool-trigger.png',
	},
};
const CREDENTIAL_SHOT = { type: 'butterAiApi', file: 'editor-credential-test.png' };
const LIST_SHOTS: Record<string, string> = {
	[`${PACKAGE_NAME}.butterAi/agentId`]: 'editor-list-butter-ai-agents.png',
};

interface NodeProperty {
	name: string;
	type: string;
	modes?: Array<{ name: string; type?: string }>;
}
interface NodeTypeDescription {
	name: string;
	properties: NodeProperty[];
}

const context: { stack?: Stack; editor?: Editor; nodeTypes?: NodeTypeDescription[] } = {};
const stack = () => context.stack!;
const editor = () => context.editor!;
const sandboxRequests = (platform: Platform) =>
	stack().sandbox.state.requests.filter((r) => r.platform === platform).length;

beforeAll(async () => {
	// Fail before anything slow starts: CI installs chromium, a developer machine may not have it.
	assertChromiumInstalled();
	context.stack = await startStack();
	const rest = new N8nRest(stack().n8n.url);
	await rest.ownerLogin();
	context.nodeTypes = await rest.getRaw<NodeTypeDescription[]>('/types/nodes.json');
	// The sandbox starts without knowledge-base documents: one, so the Document list has an entry.
	const created = await fetch(`${baseUrls(stack().sandbox.url).butter}/v1/knowledge-base`, {
		method: 'POST',
		headers: {
			authorization: `Bearer ${SANDBOX_KEYS.butter.owner}`,
			'content-type': 'application/json',
		},
		body: JSON.stringify({ name: 'Opening hours FAQ', text: 'We are open 9–17 on weekdays.' }),
	});
	if (created.status !== 201)
		throw new Error(`Seeding a Butter AI document answered ${created.status}`);
	context.editor = await Editor.launch(stack().n8n.url);
	await editor().signIn(OWNER.email, OWNER.password);
}, 1_200_000);

afterAll(async () => {
	await context.editor?.close();
	await context.stack?.stop();
});

describe('the n8n 2.41.1 editor in Chromium, with the package installed as a community package', () => {
	it('signs in with the owner login npm start prints and lists every example workflow', async () => {
		const { page } = editor();
		await editor().navigate('/home/workflows');
		// One page holds 50 workflows.
		const cards = page.getByTestId('workflow-card-name');
		await cards.first().waitFor();
		const shown = await cards.allInnerTexts();
		expect(
			examples
				.filter((example) => !shown.some((text) => text.includes(example.name)))
				.map((e) => e.name),
		).toEqual([]);
	});

	it.each(examples)(
		'$file: every node panel renders its parameters, with no issue markers',
		async (example) => {
			const e = editor();
			const seen = e.problems.length;
			const problems: string[] = [];
			await e.openWorkflow(
				example.id,
				example.name,
				panels(example).map((n) => n.name),
			);
			for (const name of await e.canvasNodesWithIssues())
				problems.push(`${name}: red issues indicator on the canvas`);
			if (example.id === CANVAS_SHOT.workflow) await e.screenshot(shot(CANVAS_SHOT.file));

			for (const node of panels(example)) {
				const where = `${node.name} (${node.type})`;
				const ndv = await e.openNode(node.name);
				const report = await inspectPanel(ndv);
				for (const issue of report.issues) problems.push(`${where}: parameter issue — ${issue}`);
				for (const name of report.locatorsWithoutMode) {
					problems.push(
						`${where}: resource locator "${name}" shows no mode ("Mode..."): its stored value is not a {__rl, mode, value} object`,
					);
				}
				for (const error of report.locatorErrors)
					problems.push(`${where}: resource locator error — ${error}`);
				for (const text of report.errorTexts)
					problems.push(`${where}: error text in the panel — ${text}`);
				if (ours(node.type)) {
					// The credential row plus at least one real parameter.
					if (report.parameters.length < 2)
						problems.push(`${where}: the panel shows only ${JSON.stringify(report.parameters)}`);
					for (const name of await missingParameters(ndv, node.parameters)) {
						problems.push(
							`${where}: parameter "${name}" is set in the example but the panel does not show it`,
						);
					}
					const expected = Object.values(node.credentials ?? {})[0]?.name;
					if (expected && report.credential !== expected) {
						problems.push(
							`${where}: credential select shows ${JSON.stringify(report.credential)}, expected ${JSON.stringify(expected)}`,
						);
					}
				}
				const file = PANEL_SHOTS[example.id]?.[node.name];
				if (file) await e.screenshot(shot(file));
				await e.closeNode();
			}
			problems.push(...e.problems.slice(seen));
			expect(problems).toEqual([]);
		},
	);

	const credentials = sandboxCredentials('http://sandbox.invalid');
	it.each(credentials.map((c) => ({ name: c.name, type: c.type })))(
		'$name: the credential dialog renders and its connection test succeeds against the sandbox',
		async ({ name, type }) => {
			const e = editor();
			const { page } = e;
			const seen = e.problems.length;
			const platform = PLATFORM_OF_CREDENTIAL[type];
			await e.navigate('/home/credentials');
			const card = page.getByTestId('resources-list-item').filter({ hasText: name });
			await card.waitFor();

			// Opening a saved credential runs its test.
			const before = sandboxRequests(platform);
			const opened = page.waitForResponse(
				(r) => r.url().endsWith('/rest/credentials/test') && r.request().method() === 'POST',
			);
			await card.click();
			const modal = page.getByTestId('credential-edit-dialog');
			await modal.waitFor();
			expect(await (await opened).json()).toEqual({
				data: { status: 'OK', message: expect.any(String) },
			});
			const success = modal.getByTestId('credentials-config-container-test-success');
			await success.waitFor();
			expect(sandboxRequests(platform)).toBeGreaterThan(before);
			await expect(
				page.getByText(CREDENTIAL_TYPE_NAMES[type], { exact: true }).first().isVisible(),
			).resolves.toBe(true);

			// "Retry" runs it again, through n8n to the sandbox.
			const again = sandboxRequests(platform);
			const retried = page.waitForResponse(
				(r) => r.url().endsWith('/rest/credentials/test') && r.request().method() === 'POST',
			);
			const retry = success.getByRole('button', { name: 'Retry', exact: true });
			await retry.click();
			expect(await (await retried).json()).toEqual({
				data: { status: 'OK', message: expect.any(String) },
			});
			await success.waitFor();
			// The button is back from its "Retrying" state once its spinner has faded out (for the screenshot).
			await retry.getByText('Retry', { exact: true }).waitFor();
			await retry.locator('[class*="loading-container"]').waitFor({ state: 'detached' });
			await retry.blur();
			expect(sandboxRequests(platform)).toBeGreaterThan(again);

			const fields = modal.getByTestId('credential-connection-parameter').filter({ visible: true });
			expect(await fields.count()).toBeGreaterThanOrEqual(2);
			expect(await modal.getByTestId('parameter-issues').filter({ visible: true }).count()).toBe(0);
			if (type === CREDENTIAL_SHOT.type) await e.screenshot(shot(CREDENTIAL_SHOT.file));
			await page.keyboard.press('Escape');
			await modal.waitFor({ state: 'hidden' });
			expect(e.problems.slice(seen)).toEqual([]);
		},
	);

	/**
	 * Every resource locator with a list mode that an example node of ours uses, once per node type
	 * and parameter: where it is stored as a fixed {__rl} value (an expression disables the list).
	 */
	const locators = () => {
		const found = new Map<
			string,
			{ example: Example; node: ExampleNode; parameter: string; mode: string; fixed: boolean }
		>();
		for (const example of examples) {
			for (const node of example.nodes.filter((n) => ours(n.type))) {
				const description = context.nodeTypes!.find((t) => t.name === node.type);
				for (const [parameter, value] of Object.entries(node.parameters)) {
					const property = description?.properties.find(
						(p) => p.name === parameter && p.type === 'resourceLocator',
					);
					const list = property?.modes?.find((m) => m.type === 'list' || m.name === 'list');
					if (!list) continue;
					const rlc = value as { __rl?: boolean; value?: unknown };
					const fixed =
						typeof value === 'object' &&
						value !== null &&
						rlc.__rl === true &&
						!String(rlc.value ?? '').startsWith('=');
					const key = `${node.type}/${parameter}`;
					if (!found.has(key) || (fixed && !found.get(key)!.fixed))
						found.set(key, { example, node, parameter, mode: list.name, fixed });
				}
			}
		}
		return [...found.values()];
	};

	/** Switches a node's resource locator to its list mode, opens the list and picks the first entry. */
	async function openList(
		example: Example,
		node: ExampleNode,
		parameter: string,
		mode: string,
		fixed: boolean,
	): Promise<string[]> {
		const e = editor();
		const { page } = e;
		const problems: string[] = [];
		const platform = PLATFORM_OF_NODE(node.type);
		// A full load: the previous list left unsaved edits behind.
		await e.openWorkflow(
			example.id,
			example.name,
			panels(example).map((n) => n.name),
			{ reload: true },
		);
		const ndv = await e.openNode(node.name);
		const locator = ndv.getByTestId(`resource-locator-${parameter}`);
		if (!fixed) {
			// An expression disables the list: switch the parameter to Fixed, as a user would.
			await locator.hover();
			await ndv
				.getByTestId(`${parameter}-parameter-input-options-container`)
				.getByTestId('radio-button-fixed')
				.click();
		}
		const before = sandboxRequests(platform);
		const selector = locator.getByTestId('rlc-mode-selector');
		await selector.click();
		// n8n labels the standard modes itself ("From list"), whatever their displayName.
		const option = page.getByTestId(`mode-${mode}`).filter({ visible: true });
		const label = await option.innerText();
		await option.click();
		await option.waitFor({ state: 'hidden' });
		expect(await selector.locator('input').first().inputValue()).toBe(label);
		await locator.getByTestId('rlc-input').click();
		// The list opens (searchable: with its search box) and fetches through n8n from the sandbox.
		const item = page.getByTestId('rlc-item').filter({ visible: true });
		const failed = page.getByTestId('rlc-error-container').filter({ visible: true });
		const empty = page.getByText('No results', { exact: true }).filter({ visible: true });
		await item.first().or(failed.first()).or(empty.first()).waitFor();
		await e.settle();
		if (sandboxRequests(platform) <= before)
			problems.push('the list did not come from the sandbox');
		if (await failed.count()) {
			problems.push(`the list failed — ${(await failed.first().innerText()).replace(/\s+/g, ' ')}`);
		} else if ((await item.count()) === 0) {
			problems.push('the list is empty ("No results")');
		} else {
			const names = await item.allInnerTexts();
			if (node.type === `${PACKAGE_NAME}.butterAi` && parameter === 'agentId') {
				const agents = stack().sandbox.state.butter.agents.map((a) => a.name);
				if (JSON.stringify(names.slice(0, 5)) !== JSON.stringify(agents.slice(0, 5))) {
					problems.push(
						`the list shows ${JSON.stringify(names.slice(0, 5))}, the sandbox has ${JSON.stringify(agents.slice(0, 5))}`,
					);
				}
			}
			const file = LIST_SHOTS[`${node.type}/${parameter}`];
			if (file) await e.screenshot(shot(file));
			// Picking an entry fills the locator without raising an issue.
			await item.first().click();
			await e.settle();
			const report = await inspectPanel(ndv);
			for (const issue of report.issues) problems.push(`after picking "${names[0]}": ${issue}`);
			for (const name of report.locatorsWithoutMode)
				problems.push(`after picking "${names[0]}": "${name}" shows no mode`);
		}
		await e.closeNode();
		return problems;
	}

	it('resource-locator lists load their options from the sandbox', async () => {
		const e = editor();
		const seen = e.problems.length;
		const all = locators();
		expect(all.map((l) => `${l.node.type}/${l.parameter}`)).toEqual(
			expect.arrayContaining([`${PACKAGE_NAME}.butterAi/agentId`]),
		);
		const problems: string[] = [];
		for (const { example, node, parameter, mode, fixed } of all) {
			const where = `${example.file} › ${node.name} › ${parameter}`;
			try {
				problems.push(
					...(await openList(example, node, parameter, mode, fixed)).map(
						(problem) => `${where}: ${problem}`,
					),
				);
			} catch (error) {
				problems.push(`${where}: ${(error as Error).message.split('\n')[0]}`);
			}
		}
		problems.push(...e.problems.slice(seen));
		expect(problems).toEqual([]);
	});

	it('BuildVoiceAI (sandbox): saving runs the test — a wrong key is reported as a failure, the right one as success', async () => {
		const e = editor();
		const { page } = e;
		const seen = e.problems.length;
		const testAnswer = () =>
			page.waitForResponse(
				(r) => r.url().endsWith('/rest/credentials/test') && r.request().method() === 'POST',
			);
		await e.navigate('/home/credentials', { reload: true });
		const opened = testAnswer();
		await page
			.getByTestId('resources-list-item')
			.filter({ hasText: 'BuildVoiceAI (sandbox)' })
			.click();
		const modal = page.getByTestId('credential-edit-dialog');
		await opened;
		const apiKey = modal.getByTestId('parameter-input-apiKey').locator('input');

		await apiKey.fill('bvai_sk_not_a_sandbox_key_9999');
		const wrong = testAnswer();
		await page.getByTestId('credential-save-button').click();
		expect(await (await wrong).json()).toEqual({
			data: { status: 'Error', message: 'Invalid API key' },
		});
		await modal.getByText(/Couldn.t connect with these settings/).waitFor();
		expect(await modal.getByTestId('credentials-config-container-test-success').isVisible()).toBe(
			false,
		);

		await apiKey.fill(SANDBOX_KEYS.buildVoiceAi.primary);
		const right = testAnswer();
		await page.getByTestId('credential-save-button').click();
		expect(await (await right).json()).toEqual({
			data: { status: 'OK', message: expect.any(String) },
		});
		await modal.getByTestId('credentials-config-container-test-success').waitFor();
		await page.keyboard.press('Escape');
		await modal.waitFor({ state: 'hidden' });
		// The failed test is n8n's answer, not a page error; the editor logs nothing else.
		expect(e.problems.slice(seen)).toEqual([]);
	});
});
