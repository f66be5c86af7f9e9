import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'fs';
import { type CredentialRates, UNPACED } from './credentialRates';
import { join } from 'path';

import { baseUrls } from '../sandbox';
import { SANDBOX_KEYS, SANDBOX_WEBHOOK_SECRETS } from '../sandbox/keys';
import { type InstanceEnv, n8nCli } from './n8n';
import { EXAMPLES_DIR } from './paths';

/** The login `npm start` prints; a local demo instance only. */
export const OWNER = {
	email: 'owner@voice-agents.local',
	password: 'VoiceAgents-2026',
	firstName: 'Demo',
	lastName: 'Owner',
};

/** IDs the example workflows refer to. */
export const CREDENTIAL_IDS = {
	butterAiApi: 'sbxButterAiCred1',
	buildVoiceAiApi: 'sbxBuildVoiceAi1',
	aitelierApi: 'sbxAitelierCred1',
} as const;

export const EXAMPLE_WORKFLOWS = {
	butterAgents: 'exButterAgents01',
	butterCall: 'exButterCall0001',
	butterEvents: 'exButterEvents01',
	buildVoiceAiCall: 'exBuildVoiceCall',
	aitelierCall: 'exAitelierCall01',
	aitelierCampaign: 'exAitelierCampgn',
	aitelierEvents: 'exAitelierEvents',
	buildVoiceAiEvents: 'exBuildVoiceEvts',
	butterCallList: 'exButterCallList',
	aitelierFollowUp: 'exAitelierFollow',
	aitelierRetry: 'exAitelierRetry1',
	knowledgeSync: 'exKnowledgeSync1',
	butterToolOrders: 'exButterToolAns1',
	butterToolSlots: 'exButterToolAns2',
	butterPolling: 'exButterPolling1',
	aitelierPolling: 'exAitelPolling01',
} as const;

/** The BuildVoiceAI Trigger example's webhook id, so its production URL is known in advance. */
export const BUILDVOICEAI_EVENTS_WEBHOOK_ID = '9b2f0c4e-5d1a-4e7b-8c3f-2a6d1e0b7c54';
export const BUTTER_EVENTS_WEBHOOK_ID = '4c1d7e2a-9f3b-4a6c-8e5d-1b2a3c4d5e6f';
export const AITELIER_EVENTS_WEBHOOK_ID = '7e3b9a1c-2d4f-4b8a-9c6e-5f1a2b3c4d5e';
export const AITELIER_FOLLOW_UP_WEBHOOK_ID = '5d2e8f1a-3c4b-4d6e-9f7a-8b1c2d3e4f50';
export const AITELIER_RETRY_WEBHOOK_ID = '6e3f9a2b-4d5c-4e7f-8a8b-9c2d3e4f5061';
export const BUTTER_TOOL_ORDERS_WEBHOOK_ID = '8f4a0b2c-6e1d-4f3a-9b5c-3d2e1f0a9b71';
export const BUTTER_TOOL_SLOTS_WEBHOOK_ID = '9a5b1c3d-7f2e-4a4b-8c6d-4e3f2a1b0c82';
/** The agent the Butter examples call with; the tool examples give it their tools. */
export const BUTTER_DEMO_AGENT = 'agent_3637c49e9834';

/**
 * What the demo agent does during every call under `npm start`: asks the two example tools, so
 * running "Butter AI — call a lead" shows their answers in the call's transcript.
 */
export const DEMO_TOOL_SCRIPT = {
	agent_id: BUTTER_DEMO_AGENT,
	steps: [
		{ at_ms: 1000, tool: 'lookup_order', arguments: { order_id: 'A-1' } },
		{ at_ms: 2000, tool: 'check_availability', arguments: { day: 'Friday' } },
	],
};

/** Trigger workflows published before n8n starts, so it activates (and registers) them. */
export const PUBLISHED_EXAMPLES = [
	EXAMPLE_WORKFLOWS.buildVoiceAiEvents,
	EXAMPLE_WORKFLOWS.butterEvents,
	EXAMPLE_WORKFLOWS.aitelierEvents,
	EXAMPLE_WORKFLOWS.aitelierFollowUp,
	EXAMPLE_WORKFLOWS.aitelierRetry,
	EXAMPLE_WORKFLOWS.butterToolOrders,
	EXAMPLE_WORKFLOWS.butterToolSlots,
];

export async function publishExamples(
	userFolder: string,
	ids: readonly string[] = PUBLISHED_EXAMPLES,
	instance: InstanceEnv = {},
): Promise<void> {
	for (const id of ids) await n8nCli(userFolder, ['publish:workflow', `--id=${id}`], instance);
}

export const productionWebhookUrl = (n8nUrl: string, webhookId: string, path = 'webhook') =>
	`${n8nUrl}/webhook/${webhookId}/${path}`;

/** Credentials pointing at the sandbox, as `n8n import:credentials` reads them (encrypted on import). */
export function sandboxCredentials(sandboxUrl: string, rates: CredentialRates = 'documented') {
	const urls = baseUrls(sandboxUrl);
	const paced = (type: keyof typeof UNPACED) => (rates === 'unpaced' ? UNPACED[type] : {});
	return [
		{
			id: CREDENTIAL_IDS.butterAiApi,
			name: 'Butter AI (sandbox)',
			type: 'butterAiApi',
			data: {
				apiKey: SANDBOX_KEYS.butter.owner,
				baseUrl: urls.butter,
				headerStyle: 'bearer',
				signingSecret: SANDBOX_WEBHOOK_SECRETS.butter,
				...paced('butterAiApi'),
			},
		},
		{
			id: CREDENTIAL_IDS.buildVoiceAiApi,
			name: 'BuildVoiceAI (sandbox)',
			type: 'buildVoiceAiApi',
			data: {
				apiKey: SANDBOX_KEYS.buildVoiceAi.primary,
				baseUrl: urls.buildVoiceAi,
				signingSecret: SANDBOX_WEBHOOK_SECRETS.buildVoiceAi,
				...paced('buildVoiceAiApi'),
			},
		},
		{
			id: CREDENTIAL_IDS.aitelierApi,
			name: 'Aitelier (sandbox)',
			type: 'aitelierApi',
			data: { apiKey: SANDBOX_KEYS.aitelier.full, baseUrl: urls.aitelier, ...paced('aitelierApi') },
		},
	];
}

export const exampleFiles = () =>
	readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort();

/**
 * Imports the sandbox credentials (every run, so they follow the sandbox's port) and the example
 * workflows not imported before — a marker file remembers them, so edits to an example survive
 * restarts while examples added by a newer version of the package still arrive.
 */
export async function importFixtures(
	userFolder: string,
	sandboxUrl: string,
	log: (line: string) => void,
	rates: CredentialRates = 'documented',
	instance: InstanceEnv = {},
): Promise<void> {
	const dir = join(userFolder, 'import');
	mkdirSync(dir, { recursive: true });
	const credentialsFile = join(dir, 'credentials.json');
	writeFileSync(credentialsFile, JSON.stringify(sandboxCredentials(sandboxUrl, rates), null, 2));
	log('Importing sandbox credentials …');
	await n8nCli(userFolder, ['import:credentials', `--input=${credentialsFile}`], instance);

	const marker = join(userFolder, 'imported-examples.json');
	const imported = new Set<string>(
		existsSync(marker) ? (JSON.parse(readFileSync(marker, 'utf8')) as string[]) : [],
	);
	const missing = exampleFiles().filter((file) => !imported.has(file));
	if (missing.length === 0) return;
	const batch = join(dir, 'workflows');
	rmSync(batch, { recursive: true, force: true });
	mkdirSync(batch, { recursive: true });
	for (const file of missing) copyFileSync(join(EXAMPLES_DIR, file), join(batch, file));
	log(`Importing ${missing.length} example workflow(s) …`);
	await n8nCli(userFolder, ['import:workflow', '--separate', `--input=${batch}`], instance);
	writeFileSync(marker, `${JSON.stringify([...imported, ...missing].sort(), null, 2)}\n`);
}

/** A logged-in client of n8n's internal REST API (what the editor uses). */
export class N8nRest {
	private cookie = '';

	constructor(readonly url: string) {}

	private async request<T>(
		method: string,
		path: string,
		body?: unknown,
	): Promise<{ status: number; body: T }> {
		const answer = await fetch(`${this.url}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				// n8n binds a session to the browser id it logged in with.
				'browser-id': 'voice-agents-runner',
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = answer.headers.get('set-cookie');
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const text = await answer.text();
		return { status: answer.status, body: (text ? JSON.parse(text) : undefined) as T };
	}

	/** Sets up the owner on a fresh instance (kept on later runs), then logs in. */
	async ownerLogin(): Promise<void> {
		const setup = await this.request<{ message?: string }>('POST', '/rest/owner/setup', OWNER);
		if (setup.status !== 200 && !/already/i.test(setup.body?.message ?? '')) {
			throw new Error(`n8n owner setup answered ${setup.status}: ${JSON.stringify(setup.body)}`);
		}
		const login = await this.request('POST', '/rest/login', {
			emailOrLdapLoginId: OWNER.email,
			password: OWNER.password,
		});
		if (login.status !== 200) throw new Error(`n8n login answered ${login.status}`);
	}

	/** A logged-in GET whose body is returned as is (e.g. /types/nodes.json). */
	async getRaw<T = unknown>(path: string): Promise<T> {
		const answer = await this.request<T>('GET', path);
		if (answer.status !== 200) throw new Error(`GET ${path} → ${answer.status}`);
		return answer.body;
	}

	/** A logged-in GET of a REST route that wraps its answer in `{data}`. */
	async get<T = unknown>(path: string): Promise<T> {
		const answer = await this.request<{ data: T }>('GET', path);
		if (answer.status !== 200)
			throw new Error(`GET ${path} → ${answer.status}: ${JSON.stringify(answer.body)}`);
		return answer.body.data;
	}

	/** A logged-in POST of a REST route that wraps its answer in `{data}`. */
	async post<T = unknown>(path: string, body: unknown): Promise<T> {
		const answer = await this.request<{ data: T }>('POST', path, body);
		if (answer.status !== 200)
			throw new Error(`POST ${path} → ${answer.status}: ${JSON.stringify(answer.body)}`);
		return answer.body.data;
	}

	/**
	 * Publishes (2.x's activate) a workflow's current version in the running n8n, as the editor's
	 * Publish button does — no restart, unlike `n8n publish:workflow`. n8n answers before it has
	 * finished activating: the production URL and the triggers' registrations follow moments later.
	 */
	async publish(workflowId: string): Promise<void> {
		const { versionId } = await this.get<{ versionId: string }>(`/rest/workflows/${workflowId}`);
		const published = await this.post<{ active: boolean }>(
			`/rest/workflows/${workflowId}/activate`,
			{ versionId },
		);
		if (!published.active) throw new Error(`n8n did not activate workflow ${workflowId}`);
	}
}
