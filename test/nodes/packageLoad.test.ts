import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'fs';
import { PackageDirectoryLoader } from 'n8n-core';
import { join, resolve } from 'path';

/**
 * The packed tarball, unpacked as a community install lays it out, loaded by n8n-core's own
 * package loader: every node and credential is found, described and has its icons.
 */
describe('the published package as n8n loads it', () => {
	// Inside the repo, so the unpacked package resolves its peer n8n-workflow as it would in n8n.
	const root = resolve(__dirname, '../..');
	mkdirSync(join(root, '.tmp'), { recursive: true });
	const work = mkdtempSync(join(root, '.tmp', 'pack-'));
	afterAll(() => rmSync(work, { recursive: true, force: true }));

	it('loads the action and trigger nodes and three credentials with icons, codex, usableAsTool on actions', async () => {
		// npm test builds before jest; rebuilding here would race the e2e tier packing the same dist.
		if (!existsSync(join(root, 'dist', 'nodes')))
			execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'ignore' });
		execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
			cwd: root,
			stdio: 'ignore',
		});
		const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
		execFileSync('tar', ['-xzf', join(work, tarball), '-C', work]);

		const loader = new PackageDirectoryLoader(join(work, 'package'));
		await loader.loadAll();

		expect(Object.keys(loader.known.nodes).sort()).toEqual([
			'aitelier',
			'aitelierPollingTrigger',
			'aitelierTrigger',
			'buildVoiceAi',
			'buildVoiceAiTrigger',
			'butterAi',
			'butterAiPollingTrigger',
			'butterAiToolTrigger',
			'butterAiTrigger',
		]);
		expect(Object.keys(loader.known.credentials).sort()).toEqual([
			'aitelierApi',
			'buildVoiceAiApi',
			'butterAiApi',
		]);
		for (const description of loader.types.nodes) {
			const isTrigger = description.name.endsWith('Trigger');
			expect(description.usableAsTool).toBe(isTrigger ? undefined : true);
			// A trigger is a webhook trigger or a polling one (n8n adds Poll Times to the latter).
			if (isTrigger && description.polling) expect(description.webhooks).toBeUndefined();
			else if (isTrigger) expect(description.webhooks?.length).toBeGreaterThan(0);
			expect(description.iconUrl).toEqual({
				light: expect.stringMatching(/^icons\/n8n-nodes-voice-agents\/dist\/icons\/\w+\.svg$/),
				dark: expect.stringMatching(/\.dark\.svg$/),
			});
			expect(description.codex?.categories).toContain('Communication');
		}
		for (const credential of loader.types.credentials) {
			expect(credential.iconUrl).toBeDefined();
			expect(credential.test?.request.baseURL).toContain('$credentials.baseUrl');
		}
	}, 60_000);
});
