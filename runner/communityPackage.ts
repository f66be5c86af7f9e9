import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { PACKAGE_NAME, ROOT } from './paths';
import { runOrThrow } from './process';

/**
 * Installs this package as n8n installs a community package: the `npm pack` tarball unpacked
 * into <user folder>/.n8n/nodes/node_modules/<name> — in every folder given (queue mode: one per
 * process, as on separate machines). Builds first, so the tarball is current.
 */
export async function installCommunityPackage(
	userFolders: string | string[],
	options: { build?: boolean } = {},
): Promise<void> {
	if (options.build !== false) await runOrThrow('npm', ['run', '--silent', 'build'], { cwd: ROOT });
	const work = mkdtempSync(join(tmpdir(), 'voice-agents-pack-'));
	try {
		await runOrThrow('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT });
		const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
		if (!tarball) throw new Error('npm pack produced no tarball');
		for (const userFolder of [userFolders].flat())
			await unpackInto(userFolder, join(work, tarball));
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

async function unpackInto(userFolder: string, tarball: string): Promise<void> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const target = join(nodesDir, 'node_modules', PACKAGE_NAME);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	await runOrThrow('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	// n8n keeps a package.json beside node_modules for what it installed itself.
	const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
		version: string;
	};
	const manifest = {
		name: 'installed-nodes',
		private: true,
		dependencies: { [PACKAGE_NAME]: version },
	};
	writeFileSync(join(nodesDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
