import { existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { installCommunityPackage } from '../../../runner/communityPackage';
import { freePort } from '../../../runner/freePort';
import { type RunningN8n, startN8n } from '../../../runner/n8n';
import { ROOT } from '../../../runner/paths';
import { ensureRuntime } from '../../../runner/runtime';
import {
	BUILDVOICEAI_EVENTS_WEBHOOK_ID,
	importFixtures,
	N8nRest,
	productionWebhookUrl,
	publishExamples,
} from '../../../runner/setup';
import { SANDBOX_KEYS, SANDBOX_WEBHOOK_SECRETS } from '../../../sandbox/keys';
import { createSandbox, type Sandbox } from '../../../sandbox';

export interface Stack {
	sandbox: Sandbox;
	n8n: RunningN8n;
	userFolder: string;
	stop(): Promise<void>;
}

/**
 * What `npm start` (runner/start.ts) sets up, with the same runner code, but in a temp user folder
 * and on ephemeral ports: the sandbox, the packed package installed as a community package, the
 * sandbox credentials and every example workflow imported, the trigger examples published, n8n
 * started and its owner set up.
 */
export async function startStack(): Promise<Stack> {
	await ensureRuntime();
	if (!existsSync(join(ROOT, 'dist', 'nodes')))
		throw new Error('Build first: npm run build (npm test does)');
	const userFolder = mkdtempSync(join(tmpdir(), 'voice-agents-editor-'));
	const parts: { sandbox?: Sandbox; n8n?: RunningN8n } = {};
	const stop = async () => {
		await parts.n8n?.stop();
		await parts.sandbox?.close();
		rmSync(userFolder, { recursive: true, force: true });
	};
	try {
		parts.sandbox = await createSandbox({ port: 0 });
		await installCommunityPackage(userFolder, { build: false });
		await importFixtures(userFolder, parts.sandbox.url, () => undefined, 'unpaced');
		await publishExamples(userFolder);
		parts.n8n = await startN8n({ userFolder, port: await freePort() });
		await new N8nRest(parts.n8n.url).ownerLogin();
		parts.sandbox.state.buildVoiceAi.accounts[SANDBOX_KEYS.buildVoiceAi.primary].webhook = {
			url: productionWebhookUrl(parts.n8n.url, BUILDVOICEAI_EVENTS_WEBHOOK_ID),
			secret: SANDBOX_WEBHOOK_SECRETS.buildVoiceAi,
			scheme: 'standardWebhooks',
			eventStyle: 'dotted',
		};
	} catch (error) {
		await stop();
		throw error;
	}
	return { sandbox: parts.sandbox, n8n: parts.n8n, userFolder, stop };
}
