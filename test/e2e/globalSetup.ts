import { execFileSync } from 'child_process';
import { resolve } from 'path';

/**
 * The e2e tier installs the packed package from dist/: build it once per run, so `npm run
 * test:e2e` on its own never tests a stale build.
 */
export default function buildPackage(): void {
	// The e2e and queue tiers share this set-up: one build per jest run.
	if (process.env.VOICE_AGENTS_PACKAGE_BUILT === '1') return;
	execFileSync('npm', ['run', '--silent', 'build'], {
		cwd: resolve(__dirname, '../..'),
		stdio: 'inherit',
	});
	process.env.VOICE_AGENTS_PACKAGE_BUILT = '1';
}
