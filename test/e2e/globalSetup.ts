import { execFileSync } from 'child_process';
import { resolve } from 'path';

/**
 * The e2e tier installs the packed package from dist/: build it once per run, so `npm run
 * test:e2e` on its own never tests a stale build.
 */
export default function buildPackage(): void {
	execFileSync('npm', ['run', '--silent', 'build'], {
		cwd: resolve(__dirname, '../..'),
		stdio: 'inherit',
	});
}
