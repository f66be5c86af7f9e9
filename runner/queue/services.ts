import { type ChildProcess, execFileSync, spawn, spawnSync } from 'child_process';
import {
	chownSync,
	createWriteStream,
	existsSync,
	mkdirSync,
	readdirSync,
	rmSync,
	writeFileSync,
} from 'fs';
import { createHash } from 'crypto';
import { connect } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

import { freePort } from '../freePort';
import { run } from '../process';

/** A server the runner started as its own child process; `stop` waits for it to exit. */
export interface RunningService {
	port: number;
	logFile: string;
	stop(): Promise<void>;
}

type Log = (line: string) => void;

const DEBIAN_PACKAGES = ['postgresql', 'redis-server'];
const isRoot = () => process.getuid?.() === 0;

/** The newest PostgreSQL whose server binaries Debian's packages installed, or one on PATH. */
function postgresBinDir(): string | undefined {
	const debian = '/usr/lib/postgresql';
	if (existsSync(debian)) {
		const newest = readdirSync(debian)
			.filter((version) => existsSync(join(debian, version, 'bin', 'postgres')))
			.sort((a, b) => Number(b) - Number(a))[0];
		if (newest) return join(debian, newest, 'bin');
	}
	return whichDir('initdb');
}

function whichDir(binary: string): string | undefined {
	try {
		const path = execFileSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).trim();
		return path ? join(path, '..') : undefined;
	} catch {
		return undefined;
	}
}

/**
 * PostgreSQL and Redis from Debian's packages: installed with apt-get when missing and this runs
 * as root (CI, containers); otherwise a message naming the one command to run.
 */
export async function ensureQueueServices(log: Log): Promise<{ postgresBin: string }> {
	let postgresBin = postgresBinDir();
	if (postgresBin && whichDir('redis-server')) return { postgresBin };
	if (!isRoot())
		throw new Error(
			`Queue mode needs PostgreSQL and Redis servers. Install them once with\n  sudo apt-get install -y ${DEBIAN_PACKAGES.join(' ')}\n(the runner starts them itself, as your own processes; no system service is used)`,
		);
	log(`Installing ${DEBIAN_PACKAGES.join(' and ')} from Debian's packages (first run only) …`);
	const install = () =>
		run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...DEBIAN_PACKAGES], {
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
	// Debian starts a package's service on install; policy-rc.d answering 101 says "not here":
	// the runner starts its own servers and leaves nothing running.
	const policy = '/usr/sbin/policy-rc.d';
	const ownPolicy = !existsSync(policy);
	if (ownPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
	let result;
	try {
		result = await install();
		if (result.code !== 0) {
			await run('apt-get', ['update', '-qq']);
			result = await install();
		}
	} finally {
		if (ownPolicy) rmSync(policy, { force: true });
	}
	postgresBin = postgresBinDir();
	if (result.code !== 0 || !postgresBin || !whichDir('redis-server'))
		throw new Error(
			`apt-get could not install ${DEBIAN_PACKAGES.join(' ')}:\n${result.stderr.trim().split('\n').slice(-10).join('\n')}`,
		);
	return { postgresBin };
}

/** Resolves once something accepts TCP connections on the port. */
async function waitListening(port: number, child: ChildProcess, what: string, logFile: string) {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null)
			throw new Error(`${what} exited with ${child.exitCode}; see ${logFile}`);
		const open = await new Promise<boolean>((resolve) => {
			const socket = connect(port, '127.0.0.1', () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (open) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`${what} did not listen on ${port} within 60 s; see ${logFile}`);
}

function startChild(
	command: string,
	args: string[],
	logFile: string,
	owner?: { uid: number; gid: number },
): { child: ChildProcess; stop: (signal: NodeJS.Signals) => Promise<void> } {
	const log = createWriteStream(logFile, { flags: 'a' });
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...owner });
	child.stdout?.pipe(log, { end: false });
	child.stderr?.pipe(log, { end: false });
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const stop = async (signal: NodeJS.Signals) => {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill(signal);
			const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
			await exited;
			clearTimeout(killer);
		}
		await new Promise<void>((resolve) => log.end(resolve));
	};
	return { child, stop };
}

/** PostgreSQL refuses to run as root: as root, its files and process belong to `postgres`. */
function postgresOwner(): { uid: number; gid: number } | undefined {
	if (!isRoot()) return undefined;
	try {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
		return { uid, gid };
	} catch {
		throw new Error('Running as root, PostgreSQL needs the user "postgres" (Debian creates it)');
	}
}

/** Whether `postgres` can write there: a parent closed to other users (e.g. /root) would stop it. */
const reachable = (dir: string, owner: { uid: number; gid: number }) =>
	spawnSync('test', ['-w', dir], { ...owner }).status === 0;

export const DATABASE = { name: 'n8n', user: 'n8n', password: 'n8n' };

/**
 * A PostgreSQL server on a free loopback port with its data in `dir` (created on first use and
 * kept), the database `n8n` owned by `n8n`; local connections are trusted — loopback only.
 */
export async function startPostgres(
	wanted: string,
	bin: string,
	log: Log = () => undefined,
): Promise<RunningService> {
	const owner = postgresOwner();
	let dir = wanted;
	const prepare = () => {
		for (const folder of [dir, join(dir, 'sockets')]) {
			mkdirSync(folder, { recursive: true });
			if (owner) chownSync(folder, owner.uid, owner.gid);
		}
	};
	prepare();
	if (owner && !reachable(dir, owner)) {
		// A checkout under a private folder: the data goes where `postgres` can reach it, same name each run.
		const id = createHash('sha256').update(wanted).digest('hex').slice(0, 12);
		dir = join(tmpdir(), `voice-agents-postgres-${id}`);
		prepare();
		log(`PostgreSQL (user "postgres") cannot reach ${wanted}; its data is in ${dir}`);
	}
	const data = join(dir, 'data');
	const sockets = join(dir, 'sockets');
	const logFile = join(dir, 'postgres.log');
	if (!existsSync(join(data, 'PG_VERSION'))) {
		const init = await run(
			join(bin, 'initdb'),
			['-D', data, '-U', DATABASE.user, '--auth=trust', '--encoding=UTF8', '--no-sync'],
			{ ...owner },
		);
		if (init.code !== 0) throw new Error(`initdb failed:\n${init.stderr.trim()}`);
	}
	const port = await freePort();
	const { child, stop } = startChild(
		join(bin, 'postgres'),
		[
			'-D',
			data,
			'-p',
			String(port),
			'-k',
			sockets,
			'-c',
			'listen_addresses=127.0.0.1',
			// A local demo and test database: a crash may lose the last commits, never corrupts.
			'-c',
			'synchronous_commit=off',
		],
		logFile,
		owner,
	);
	const service = { port, logFile, stop: () => stop('SIGINT') };
	try {
		await waitListening(port, child, 'PostgreSQL', logFile);
		await createDatabase(bin, port);
	} catch (error) {
		await service.stop();
		throw error;
	}
	return service;
}

async function createDatabase(bin: string, port: number): Promise<void> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const created = await run(join(bin, 'createdb'), [
			'-h',
			'127.0.0.1',
			'-p',
			String(port),
			'-U',
			DATABASE.user,
			DATABASE.name,
		]);
		if (created.code === 0 || /already exists/.test(created.stderr)) return;
		// Listening is not yet accepting: "the database system is starting up".
		if (Date.now() > deadline) throw new Error(`createdb failed:\n${created.stderr.trim()}`);
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}

/** A Redis server on a free loopback port, in memory only (the queue needs no durability here). */
export async function startRedis(dir: string): Promise<RunningService> {
	mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const logFile = join(dir, 'redis.log');
	const { child, stop } = startChild(
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		logFile,
	);
	const service = { port, logFile, stop: () => stop('SIGTERM') };
	try {
		await waitListening(port, child, 'Redis', logFile);
	} catch (error) {
		await service.stop();
		throw error;
	}
	return service;
}
