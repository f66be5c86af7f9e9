import { readFileSync } from 'fs';

import { createSandbox, type Sandbox } from '../sandbox';
import { SANDBOX_KEYS, SANDBOX_WEBHOOK_SECRETS } from '../sandbox/keys';
import { installCommunityPackage } from './communityPackage';
import { type RunningN8n, startN8n } from './n8n';
import { START_USER_FOLDER } from './paths';
import { ensureRuntime } from './runtime';
import {
	BUILDVOICEAI_EVENTS_WEBHOOK_ID,
	DEMO_TOOL_SCRIPT,
	importFixtures,
	publishExamples,
	N8nRest,
	OWNER,
	productionWebhookUrl,
} from './setup';

const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const SANDBOX_PORT = Number(process.env.SANDBOX_PORT ?? 4010);
const log = (line: string) => console.log(line);

/**
 * `npm start`: the sandbox and a real n8n with this package installed as a community package,
 * sandbox credentials and the example workflows imported, the owner set up. Ctrl-C stops both.
 */
async function main(): Promise<void> {
	await ensureRuntime(log);
	const running: { sandbox?: Sandbox; n8n?: RunningN8n; stopping?: boolean } = {};
	const stop = async (code: number) => {
		if (running.stopping) return;
		running.stopping = true;
		log('\nStopping n8n and the sandbox …');
		await running.n8n?.stop();
		await running.sandbox?.close();
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	const sandbox = await createSandbox({ port: SANDBOX_PORT });
	running.sandbox = sandbox;
	log(`Sandbox listening on ${sandbox.url}`);
	log('Building and installing n8n-nodes-voice-agents as a community package …');
	await installCommunityPackage(START_USER_FOLDER);
	await importFixtures(START_USER_FOLDER, sandbox.url, log);
	await publishExamples(START_USER_FOLDER);

	log(`Starting n8n 2.41.1 on port ${N8N_PORT} …`);
	const n8n = await startN8n({ userFolder: START_USER_FOLDER, port: N8N_PORT });
	running.n8n = n8n;
	await new N8nRest(n8n.url).ownerLogin();
	// Calls placed from the examples report back to the published BuildVoiceAI Trigger workflow.
	sandbox.state.buildVoiceAi.accounts[SANDBOX_KEYS.buildVoiceAi.primary].webhook = {
		url: productionWebhookUrl(n8n.url, BUILDVOICEAI_EVENTS_WEBHOOK_ID),
		secret: SANDBOX_WEBHOOK_SECRETS.buildVoiceAi,
		scheme: 'standardWebhooks',
		eventStyle: 'dotted',
	};
	// The demo agent uses the tool examples' tools during calls (see the call's transcript).
	await fetch(`${sandbox.url}/_sandbox/butter/tool-script`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(DEMO_TOOL_SCRIPT),
	});

	const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
	log('');
	log(`  n8n editor     ${n8n.url}`);
	log(`  login          ${OWNER.email} / ${OWNER.password}`);
	log(`  sandbox        ${sandbox.url}  (control API under /_sandbox)`);
	log(
		`  package        n8n-nodes-voice-agents ${version}, with credentials "… (sandbox)" and example workflows`,
	);
	log(`  n8n log        ${n8n.logFile}`);
	log('');
	log('Press Ctrl-C to stop both.');
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
