/** Three tiers; each can run alone with `--selectProjects <name>`. */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
const common = {
	testEnvironment: 'node',
	transform,
	moduleFileExtensions: ['ts', 'js', 'json'],
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
	],
};
