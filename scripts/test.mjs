// `npm test`: lint, types, build, the scanner, then every jest tier; ends with one plain line,
// "N passed, N failed", so a run that executed no test is visible as such.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const steps = [
	['lint', 'npm', ['run', '--silent', 'lint']],
	['typecheck', 'npm', ['run', '--silent', 'typecheck']],
	['build + scan', 'npm', ['run', '--silent', 'scan']],
	// Node 24 + n8n 2.41.1 for the e2e tier: installed on first use (minutes), then reused.
	['n8n runtime', 'npx', ['ts-node', '--transpile-only', 'runner/prepare.ts']],
];
const failedSteps = [];
for (const [name, command, args] of steps) {
	console.log(`\n=== ${name}`);
	const { status } = spawnSync(command, args, { stdio: 'inherit' });
	if (status !== 0) failedSteps.push(name);
}

console.log('\n=== jest (unit, sandbox, nodes, e2e)');
const work = mkdtempSync(join(tmpdir(), 'voice-agents-jest-'));
const report = join(work, 'report.json');
// Every tier records what the nodes produced (and the e2e tier n8n's logs) for the secret scan below.
const secretScanDir = join(work, 'secret-scan');
process.env.VOICE_AGENTS_SECRET_SCAN_DIR = secretScanDir;
const jestArgs = ['jest', '--ci', '--json', `--outputFile=${report}`, ...process.argv.slice(2)];
const jest = spawnSync('npx', jestArgs, { stdio: 'inherit' });
let passed = 0;
let failed = 0;
try {
	const results = JSON.parse(readFileSync(report, 'utf8'));
	passed = results.numPassedTests;
	failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
} catch {
	failed += 1;
}
console.log('\n=== secret scan (the whole run: node outputs, errors, n8n logs)');
const scan = spawnSync(
	'npx',
	['ts-node', '--transpile-only', 'scripts/scanSecrets.ts', secretScanDir],
	{ stdio: 'inherit' },
);
if (scan.status === 0) passed += 1;
else failedSteps.push('secret scan');
rmSync(work, { recursive: true, force: true });
failed += failedSteps.length;
if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && jest.status === 0 ? 0 : 1);
