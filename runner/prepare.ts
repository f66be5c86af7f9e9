import { ensureRuntime, runtimeInstalled } from './runtime';

/** `npm test` runs this before jest so a first install shows its progress outside any test timeout. */
if (runtimeInstalled()) console.log('n8n runtime: reused from .n8n-runtime/');
ensureRuntime().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
