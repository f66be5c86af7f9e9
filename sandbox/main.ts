import { SANDBOX_KEYS } from './keys';
import { baseUrls, createSandbox } from './index';

/** `npm run sandbox`: the three APIs on one local port, until Ctrl-C. */
async function main() {
	const port = Number(process.env.SANDBOX_PORT ?? 4010);
	const sandbox = await createSandbox({ port });
	const urls = baseUrls(sandbox.url);
	console.log(`Voice-agents sandbox on ${sandbox.url}`);
	console.log(
		`  Butter AI     ${urls.butter}       keys: ${Object.values(SANDBOX_KEYS.butter).join(', ')}`,
	);
	console.log(
		`  BuildVoiceAI  ${urls.buildVoiceAi}  keys: ${Object.values(SANDBOX_KEYS.buildVoiceAi).join(', ')}`,
	);
	console.log(
		`  Aitelier      ${urls.aitelier}     keys: ${Object.values(SANDBOX_KEYS.aitelier).join(', ')}`,
	);
	console.log(
		`  Control API   ${sandbox.url}/_sandbox/{reset,limits,faults,ledger,requests,deliveries}`,
	);
	const stop = () => void sandbox.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
