// Runs n8n's community-package scanner (`analyzePackage`) locally, on both legs it scans for a
// published package: the source (package.json, nodes/, credentials/) and the packed tarball.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const scannerPath = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(scannerPath);

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'voice-agents-scan-'));
let failed = false;
try {
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
		cwd: root,
	})
		.toString()
		.trim()
		.split('\n')
		.pop();
	const unpacked = join(work, 'package');
	execFileSync('tar', ['-xzf', join(work, tarball), '-C', work]);

	for (const [leg, dir, patterns] of [
		['source', root, SOURCE_FILE_PATTERNS],
		['packed tarball', unpacked, ['**/*.js', 'package.json']],
	]) {
		const result = await analyzePackage(dir, patterns);
		if (result.passed) {
			console.log(`scan ${leg}: passed`);
		} else {
			failed = true;
			console.log(`scan ${leg}: FAILED — ${result.message}\n${result.details ?? ''}`);
		}
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
