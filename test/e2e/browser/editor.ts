import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';

import {
	type BrowserContext,
	chromium,
	type Locator,
	type Page,
	type Request,
	type Response,
	selectors,
} from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`); the tests never download a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Measured on the project's machines: without the background-networking flags chromium's own
 * connections (component updates, sync, field trials) are refused by the closed network.
 */
export const CHROMIUM_ARGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export const VIEWPORT = { width: 1280, height: 800 };

export function assertChromiumInstalled(): void {
	if (!existsSync(CHROMIUM_PATH)) {
		throw new Error(
			`The editor e2e test needs Debian's chromium at ${CHROMIUM_PATH}, which is missing. ` +
				'Install it with `sudo apt-get install -y chromium` (.ci/run does so on CI), or point CHROMIUM_PATH at a Chromium binary. ' +
				'No browser is ever downloaded by the tests.',
		);
	}
}

/**
 * Known, harmless noise from n8n 2.41.1's editor that says nothing about our nodes:
 * - for a node's output-schema preview n8n asks `/schemas/<node type>/<version>[/<resource>/<operation>].json`,
 *   which only n8n's own nodes ship: a 404 for every community node.
 */
const BENIGN: Array<{ why: string; test: (url: string, status: number) => boolean }> = [
	{
		why: 'output-schema preview of a community node',
		test: (url, status) => status === 404 && /^\/schemas\/.+\.json$/.test(new URL(url).pathname),
	},
];
const benign = (url: string, status: number) => BENIGN.some((rule) => rule.test(url, status));

/**
 * n8n 2.41.1's own exception when the editor leaves a workflow in-app (vue-router navigation, as a
 * click on a link does): a component of the closing canvas asks for the NDV store after the
 * workflow's document store is gone. It is thrown for n8n's own workflows too and never on a full
 * page load; the page keeps working.
 */
const BENIGN_PAGE_ERRORS = [
	/^injectNDVStore\(\) was accessed without an active workflow document store/,
];

/** n8n's push connection stays open for the whole session: it never "finishes". */
const isTracked = (request: Request) => {
	const path = new URL(request.url()).pathname;
	return path.startsWith('/rest/') && !path.startsWith('/rest/push');
};

/**
 * One logged-in n8n editor tab in headless Chromium. Everything the page reports that points at a
 * problem (console errors, uncaught exceptions, REST answers >= 400) is collected in `problems`
 * once signed in; the tests assert that list is empty.
 */
export class Editor {
	readonly problems: string[] = [];
	/** n8n's own known exceptions (BENIGN_PAGE_ERRORS), kept for the record. */
	readonly knownNoise: string[] = [];
	private inflight = new Set<Request>();
	private watching = false;

	private constructor(
		readonly page: Page,
		private readonly context: BrowserContext,
		private readonly profileDir: string,
		readonly baseUrl: string,
	) {
		page.on('console', (message) => {
			if (!this.watching || message.type() !== 'error') return;
			const { url } = message.location();
			// "Failed to load resource" repeats a failed response, which the response handler judges.
			if (/^Failed to load resource/.test(message.text())) return;
			// Vue's error handler logs the known exception below as well.
			if (
				BENIGN_PAGE_ERRORS.some((known) =>
					known.test(message.text().replace(/^(Uncaught )?Error: /, '')),
				)
			) {
				this.knownNoise.push(message.text().split('\n')[0]);
				return;
			}
			this.problems.push(`console error: ${message.text()}${url ? ` (${url})` : ''}`);
		});
		page.on('pageerror', (error) => {
			if (!this.watching) return;
			if (BENIGN_PAGE_ERRORS.some((known) => known.test(error.message)))
				this.knownNoise.push(error.message);
			else this.problems.push(`uncaught exception in the page: ${error.message}`);
		});
		page.on('response', (response: Response) => {
			if (!this.watching || response.status() < 400 || benign(response.url(), response.status()))
				return;
			this.problems.push(
				`HTTP ${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`,
			);
		});
		page.on('request', (request) => {
			if (isTracked(request)) this.inflight.add(request);
		});
		const done = (request: Request) => this.inflight.delete(request);
		page.on('requestfinished', done);
		page.on('requestfailed', (request) => {
			done(request);
			if (this.watching && isTracked(request))
				this.problems.push(
					`request failed: ${request.url()} (${request.failure()?.errorText ?? ''})`,
				);
		});
		// A navigation away from an edited workflow may ask to confirm: always leave.
		page.on('dialog', (dialog) => void dialog.accept());
	}

	static async launch(baseUrl: string): Promise<Editor> {
		assertChromiumInstalled();
		// n8n's markup names elements with data-test-id, not Playwright's default data-testid.
		selectors.setTestIdAttribute('data-test-id');
		const profileDir = mkdtempSync(join(tmpdir(), 'voice-agents-chromium-'));
		const context = await chromium.launchPersistentContext(profileDir, {
			executablePath: CHROMIUM_PATH,
			args: CHROMIUM_ARGS,
			viewport: VIEWPORT,
			baseURL: baseUrl,
		});
		context.setDefaultTimeout(20_000);
		const page = context.pages()[0] ?? (await context.newPage());
		return new Editor(page, context, profileDir, baseUrl);
	}

	async close(): Promise<void> {
		this.watching = false;
		await this.context.close();
		rmSync(this.profileDir, { recursive: true, force: true });
	}

	/** The sign-in form, as a person uses it. */
	async signIn(email: string, password: string): Promise<void> {
		await this.page.goto('/signin');
		await this.page.getByTestId('emailOrLdapLoginId').locator('input').fill(email);
		await this.page.getByTestId('password').locator('input').fill(password);
		await this.page.getByTestId('form-submit-button').click();
		await this.page.waitForURL((url) => !url.pathname.startsWith('/signin'));
		await this.page.getByTestId('main-sidebar-settings').waitFor();
		await this.settle();
		// Before sign-in the editor probes GET /rest/login and gets its expected 401.
		this.watching = true;
	}

	/** Waits until the editor's REST calls (e.g. options loading from the sandbox) have been quiet a moment. */
	async settle(): Promise<void> {
		let quiet = 0;
		const deadline = Date.now() + 20_000;
		while (quiet < 4 && Date.now() < deadline) {
			await this.page.waitForTimeout(100);
			quiet = this.inflight.size === 0 ? quiet + 1 : 0;
		}
		// Let Vue render what the last answers brought.
		// (A string: the project's TypeScript has no DOM library.)
		await this.page.evaluate(
			'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))',
		);
	}

	/**
	 * Goes to an editor route the way a click on a link does (vue-router, no page reload: a reload
	 * boots the whole editor again, ~4 s); `reload` forces a full page load, e.g. to leave unsaved
	 * edits behind.
	 */
	async navigate(path: string, options: { reload?: boolean } = {}): Promise<void> {
		const pushed =
			!options.reload &&
			(await this.page.evaluate(`(() => {
				const router = document.querySelector('#app')?.__vue_app__?.config.globalProperties.$router;
				if (!router) return false;
				router.push(${JSON.stringify(path)});
				return true;
			})()`));
		// (waitForURL would wait for a "load" event, which an in-app navigation never fires.)
		const arrived = (timeout?: number) =>
			this.page.waitForFunction(`location.pathname === ${JSON.stringify(path)}`, undefined, {
				timeout,
			});
		if (pushed) {
			try {
				await arrived(5_000);
				return;
			} catch {
				// the editor redirected elsewhere meanwhile: load the page instead
			}
		}
		await this.page.goto(path);
		await arrived();
	}

	/** Opens a workflow on the canvas and waits until the named nodes are drawn. */
	async openWorkflow(
		id: string,
		name: string,
		nodeNames: string[],
		options: { reload?: boolean } = {},
	): Promise<void> {
		await this.navigate(`/workflow/${id}`, options);
		await this.page
			.getByTestId('canvas-breadcrumbs')
			.getByTestId('inline-edit-preview')
			.getByText(name, { exact: true })
			.waitFor();
		for (const node of nodeNames) await this.canvasNode(node).waitFor();
		await this.settle();
	}

	canvasNode(name: string): Locator {
		return this.page.locator(
			`[data-test-id="canvas-node"][data-node-name="${name.replace(/"/g, '\\"')}"]`,
		);
	}

	/** Names of canvas nodes showing n8n's red issues indicator. */
	async canvasNodesWithIssues(): Promise<string[]> {
		const flagged = this.page
			.getByTestId('canvas-node')
			.filter({ has: this.page.getByTestId('node-issues') });
		const names: string[] = [];
		for (const node of await flagged.all())
			names.push((await node.getAttribute('data-node-name')) ?? '?');
		return names;
	}

	/** Opens a node's details view (double-click on the canvas) and waits for its parameters. */
	async openNode(name: string): Promise<Locator> {
		await this.canvasNode(name).dblclick();
		const ndv = this.page.getByTestId('ndv');
		await ndv.getByTestId('node-parameters').waitFor();
		await this.settle();
		return ndv;
	}

	async closeNode(): Promise<void> {
		await this.page.getByTestId('ndv-close-button').click();
		await this.page.getByTestId('ndv').waitFor({ state: 'hidden' });
	}

	async screenshot(file: string): Promise<void> {
		mkdirSync(dirname(file), { recursive: true });
		// Off the controls, so no hover effect shows in the shot.
		await this.page.mouse.move(VIEWPORT.width - 1, VIEWPORT.height - 1);
		await this.page.screenshot({ path: file, caret: 'hide' });
	}
}

/** Texts n8n shows when a list, an options load or a node type fails. */
export const ERROR_TEXTS =
	/Could not load|Error fetching options|Unknown node type|Install this node to use it|Couldn.t connect/i;

export interface PanelReport {
	/** Labels of the visible parameters (first line of each item). */
	parameters: string[];
	/** Parameters flagged with n8n's issues icon, with the icon's tooltip where it could be read. */
	issues: string[];
	/** Resource locators whose mode selector shows no mode (e.g. a plain string stored for a locator). */
	locatorsWithoutMode: string[];
	/** Resource locators showing their error box (failed list). */
	locatorErrors: string[];
	/** Error texts found in the parameter pane. */
	errorTexts: string[];
	/** The credential chosen in the panel's credential select, if the node has one. */
	credential?: string;
}

const firstLine = (text: string) => text.trim().split('\n')[0].trim();

/** Reads what an open node details view shows in its Parameters tab. */
export async function inspectPanel(ndv: Locator): Promise<PanelReport> {
	const page = ndv.page();
	const pane = ndv.getByTestId('node-parameters');
	const items = pane.getByTestId('parameter-item').filter({ visible: true });
	const parameters: string[] = [];
	for (const item of await items.all()) parameters.push(firstLine(await item.innerText()));

	const issues: string[] = [];
	for (const icon of await pane.getByTestId('parameter-issues').filter({ visible: true }).all()) {
		const owner = pane
			.getByTestId('parameter-item')
			.filter({ visible: true })
			.filter({ has: icon })
			.last();
		const label = (await owner.count()) ? firstLine(await owner.innerText()) : '?';
		let tooltip = '';
		try {
			await icon.hover();
			const popper = page
				.locator('.el-popper[aria-hidden="false"], [role="tooltip"]')
				.filter({ visible: true })
				.last();
			await popper.waitFor({ timeout: 3_000 });
			tooltip = (await popper.innerText()).replace(/\s+/g, ' ').trim();
		} catch {
			// the icon's presence is the finding; its tooltip is only detail
		}
		issues.push(tooltip ? `${label}: ${tooltip}` : label);
	}

	const locatorsWithoutMode: string[] = [];
	const locatorErrors: string[] = [];
	const locators = pane.locator('[data-test-id^="resource-locator-"]').filter({ visible: true });
	for (const locator of await locators.all()) {
		const name = ((await locator.getAttribute('data-test-id')) ?? '')
			.replace(/^resource-locator-/, '')
			.replace(/\s.*$/, '');
		const mode = await locator
			.getByTestId('rlc-mode-selector')
			.locator('input')
			.first()
			.inputValue();
		if (!mode.trim()) locatorsWithoutMode.push(name);
		const error = locator.getByTestId('rlc-error-container').filter({ visible: true });
		if (await error.count())
			locatorErrors.push(`${name}: ${(await error.first().innerText()).replace(/\s+/g, ' ')}`);
	}

	const text = await pane.innerText();
	const errorTexts = text.split('\n').filter((line) => ERROR_TEXTS.test(line));

	const select = ndv.getByTestId('node-credentials-select').locator('input').first();
	const credential = (await select.count()) ? await select.inputValue() : undefined;
	return { parameters, issues, locatorsWithoutMode, locatorErrors, errorTexts, credential };
}

/**
 * Parameters stored in the workflow JSON that the panel does not render: a top-level value must have
 * its input (`parameter-input-<name>`, a fixed collection, a resource locator); a collection's set
 * options are checked one by one. Both tabs count (n8n puts `requestOptions` under Settings), and
 * n8n leaves out of the DOM what displayOptions hide, so no visibility filter is needed.
 */
export async function missingParameters(
	ndv: Locator,
	parameters: Record<string, unknown>,
): Promise<string[]> {
	const shown = async (name: string) =>
		(await ndv
			.locator(
				`[data-test-id="parameter-input-${name}"], [data-test-id="fixed-collection-${name}"], [data-test-id^="resource-locator-${name}"]`,
			)
			.count()) > 0;
	const missing: string[] = [];
	const walk = async (values: Record<string, unknown>, path: string) => {
		for (const [name, value] of Object.entries(values)) {
			if (await shown(name)) continue;
			const isCollection =
				typeof value === 'object' && value !== null && !Array.isArray(value) && !('__rl' in value);
			if (isCollection) {
				await walk(value as Record<string, unknown>, `${path}${name}.`);
			} else {
				missing.push(`${path}${name}`);
			}
		}
	};
	await walk(parameters, '');
	return missing;
}
