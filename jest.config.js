/** The test tiers; each can run alone with `--selectProjects <name>`. */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
const common = {
	testEnvironment: 'node',
	transform,
	moduleFileExtensions: ['ts', 'js', 'json'],
	// Only tests are crawled: .n8n-runtime holds 3 GB of n8n that jest must never index.
	roots: ['<rootDir>/test'],
	// Shared 2-core CI machines: generous per-test bounds; performance is measured by `npm run bench`, not here.
	testTimeout: 30_000,
	modulePathIgnorePatterns: ['<rootDir>/.tmp/', '<rootDir>/dist/', '<rootDir>/.n8n-runtime/'],
};

module.exports = {
	projects: [
		{ ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{ ...common, displayName: 'sandbox', testMatch: ['<rootDir>/test/sandbox/**/*.test.ts'] },
		{
			...common,
			displayName: 'nodes',
			testMatch: ['<rootDir>/test/nodes/**/*.test.ts'],
			setupFiles: ['<rootDir>/test/harness/setup-env.ts'],
		},
		// Fault campaigns, signature fuzzing, bad-input table, secret scan, memory limits: writes RELIABILITY.md.
		{
			...common,
			displayName: 'reliability',
			testMatch: ['<rootDir>/test/reliability/**/*.test.ts'],
			setupFiles: ['<rootDir>/test/harness/setup-env.ts'],
		},
		// A real n8n 2.41.1 (Node 24) with the packed package installed as a community package.
		{
			...common,
			displayName: 'e2e',
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			// Builds dist/ once: every e2e file installs the package packed from it.
			globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
		},
		// n8n queue mode: PostgreSQL, Redis, main, 2 webhook processors, 2 workers (runner/queue/).
		{
			...common,
			displayName: 'queue',
			testMatch: ['<rootDir>/test/queue/**/*.test.ts'],
			globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
		},
	],
};
