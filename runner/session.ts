import { readFileSync } from 'fs';

import { type Sandbox } from '../sandbox';
import { SANDBOX_KEYS, SANDBOX_WEBHOOK_SECRETS } from '../sandbox/keys';
import { ROOT } from './paths';
import {
	BUILDVOICEAI_EVENTS_WEBHOOK_ID,
	DEMO_TOOL_SCRIPT,
	OWNER,
	productionWebhookUrl,
} from './setup';

type Log = (line: string) => void;

/**
 * Ctrl-C (or SIGTERM) runs `stop` once, then exits: what `npm start` and `npm run start:queue`
 * started goes with them.
 */
export function stopOnSignals(stop: () => Promise<void>, log: Log): void {
	let stopping = false;
	const onSignal = () => {
		if (stopping) return;
		stopping = true;
		log('\nStopping …');
		stop()
			.catch((error: unknown) => log(`While stopping: ${String(error)}`))
			.finally(() => process.exit(0));
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
}

/**
 * What the examples need from the sandbox once n8n runs: BuildVoiceAI reports calls to the
 * published BuildVoiceAI Trigger example, and the demo agent uses the tool examples' tools.
 */
export async function wireSandbox(sandbox: Sandbox, n8nUrl: string): Promise<void> {
	sandbox.state.buildVoiceAi.accounts[SANDBOX_KEYS.buildVoiceAi.primary].webhook = {
		url: productionWebhookUrl(n8nUrl, BUILDVOICEAI_EVENTS_WEBHOOK_ID),
		secret: SANDBOX_WEBHOOK_SECRETS.buildVoiceAi,
		scheme: 'standardWebhooks',
		eventStyle: 'dotted',
	};
	await fetch(`${sandbox.url}/_sandbox/butter/tool-script`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(DEMO_TOOL_SCRIPT),
	});
}

/** The lines users read once everything runs: where the editor is and how to log in. */
export function printBanner(
	log: Log,
	parts: { n8nUrl: string; sandboxUrl: string; logs: string[]; extra?: string[] },
): void {
	const { version } = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as {
		version: string;
	};
	log('');
	log(`  n8n editor     ${parts.n8nUrl}`);
	log(`  login          ${OWNER.email} / ${OWNER.password}`);
	log(`  sandbox        ${parts.sandboxUrl}  (control API under /_sandbox)`);
	log(
		`  package        n8n-nodes-voice-agents ${version}, with credentials "… (sandbox)" and example workflows`,
	);
	for (const line of parts.extra ?? []) log(`  ${line}`);
	log(
		`  n8n log${parts.logs.length > 1 ? 's' : ' '}       ${parts.logs.join('\n                 ')}`,
	);
	log('');
	log('Press Ctrl-C to stop everything.');
}
