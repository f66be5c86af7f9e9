import { createSandbox, type Sandbox } from '../sandbox';
import { installCommunityPackage } from './communityPackage';
import { type RunningN8n, startN8n } from './n8n';
import { START_USER_FOLDER } from './paths';
import { ensureRuntime } from './runtime';
import { printBanner, stopOnSignals, wireSandbox } from './session';
import { importFixtures, N8nRest, publishExamples } from './setup';

const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const SANDBOX_PORT = Number(process.env.SANDBOX_PORT ?? 4010);
const log = (line: string) => console.log(line);

/**
 * `npm start`: the sandbox and a real n8n with this package installed as a community package,
 * sandbox credentials and the example workflows imported, the owner set up. Ctrl-C stops both.
 */
async function main(): Promise<void> {
	await ensureRuntime(log);
	const running: { sandbox?: Sandbox; n8n?: RunningN8n } = {};
	stopOnSignals(async () => {
		await running.n8n?.stop();
		await running.sandbox?.close();
	}, log);

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
	await wireSandbox(sandbox, n8n.url);
	printBanner(log, { n8nUrl: n8n.url, sandboxUrl: sandbox.url, logs: [n8n.logFile] });
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
