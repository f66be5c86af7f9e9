// The last step of `npm test`: every node output, error and trigger answer the harness recorded,
// and every n8n log and CLI output of the e2e tier, searched for the run's known secrets.
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import { table, writeSection } from '../test/reliability/report';
import { findSecrets, knownSecrets, type SecretHit } from '../test/reliability/secrets';

const KINDS: Record<string, string> = {
	harness:
		'node outputs, errors, trigger answers, list searches, credential tests (in-process tiers)',
	'n8n-server': 'n8n server log lines (e2e tier)',
	'n8n-cli': 'n8n CLI output: imports, `n8n execute --rawOutput` run data (e2e tier)',
};

async function main(dir: string): Promise<number> {
	const files = (() => {
		try {
			return readdirSync(dir);
		} catch {
			return [];
		}
	})();
	const secrets = knownSecrets();
	const counts = new Map<string, { files: number; lines: number; bytes: number }>();
	const hits: SecretHit[] = [];
	for (const file of files) {
		const kind = Object.keys(KINDS).find((prefix) => file.startsWith(`${prefix}-`));
		if (!kind) continue;
		const text = readFileSync(join(dir, file), 'utf8');
		const lines = text.split('\n');
		const count = counts.get(kind) ?? { files: 0, lines: 0, bytes: 0 };
		count.files++;
		count.lines += lines.length;
		count.bytes += text.length;
		counts.set(kind, count);
		lines.forEach((line, index) =>
			hits.push(...findSecrets(line, `${file}:${index + 1}`, secrets)),
		);
	}
	const harness = counts.get('harness')?.lines ?? 0;
	const rows = Object.entries(KINDS).map(([kind, what]) => {
		const count = counts.get(kind) ?? { files: 0, lines: 0, bytes: 0 };
		return [
			what,
			count.files,
			count.lines.toLocaleString('en'),
			count.bytes.toLocaleString('en'),
			hits.filter((h) => h.where.startsWith(`${kind}-`)).length,
		];
	});
	console.log(
		`secret scan: ${harness} harness records, ${files.length} files, ${secrets.length} secrets, ${hits.length} found`,
	);
	for (const hit of hits.slice(0, 20)) console.log(`  ${hit.secret} in ${hit.where}`);
	if (harness === 0) {
		console.log('secret scan: nothing was recorded — a scan of nothing proves nothing');
		return 1;
	}
	await writeSection(
		'secretScan',
		'4b. Secrets — the whole `npm test` run',
		`While \`npm test\` runs, the test harness records everything the nodes produce in every in-process
tier, and the e2e tier keeps every n8n server log and CLI output; the run's last step searches all of
it for the ${secrets.length} secrets the run hands out (sandbox API keys, webhook signing secrets, Twilio
token and SIP password typed into nodes), as is, URL-encoded and base64-encoded.

${table(['what', 'files', 'lines', 'bytes', 'secrets found'], rows)}`,
	);
	return hits.length ? 1 : 0;
}

main(process.argv[2] ?? '').then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
