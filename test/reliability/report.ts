import { existsSync, mkdirSync, readFileSync, renameSync, rmdirSync, writeFileSync } from 'fs';
import { cpus } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');
const REPORT = join(ROOT, 'RELIABILITY.md');
const LOCK = join(ROOT, '.reliability.lock');
/** The order sections appear in, whichever test file finishes first. */
const SECTIONS = [
	'faults',
	'signatures',
	'badInput',
	'secrets',
	'secretScan',
	'limits',
	'hostile',
	'queue',
] as const;
export type Section = (typeof SECTIONS)[number];

const HEADER = `# Reliability and security — measured

Written by \`npm run test:reliability\` (part of \`npm test\`): each section is replaced by the test
file that measured it, with the date and machine of that run (section 4b by \`npm test\`'s last step,
which scans the whole run; section 7 by the queue tier, \`npm run test:queue\`). The tests assert what the tables show; a figure outside its target
fails the run.
`;

const marker = (section: Section, end = false) => `<!-- ${end ? '/' : ''}section:${section} -->`;

export const machine = () =>
	`${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`;

export function table(head: string[], rows: Array<Array<string | number>>): string {
	const line = (cells: Array<string | number>) =>
		`| ${cells.map((cell) => String(cell).replace(/\|/g, '\\|')).join(' | ')} |`;
	return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

async function withLock<T>(work: () => T): Promise<T> {
	for (let tries = 0; ; tries++) {
		try {
			mkdirSync(LOCK);
			break;
		} catch {
			// Another jest worker is writing its section; a lock older than the run is stale.
			if (tries > 200) rmdirSync(LOCK);
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}
	try {
		return work();
	} finally {
		rmdirSync(LOCK);
	}
}

/** Replaces one section of RELIABILITY.md (creating the file or the section as needed). */
export async function writeSection(section: Section, title: string, body: string): Promise<void> {
	await withLock(() => {
		const current = existsSync(REPORT) ? readFileSync(REPORT, 'utf8') : HEADER;
		const blocks = new Map<Section, string>();
		for (const name of SECTIONS) {
			const start = current.indexOf(marker(name));
			const end = current.indexOf(marker(name, true));
			if (start >= 0 && end > start)
				blocks.set(name, current.slice(start, end + marker(name, true).length));
		}
		const stamp = `_Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}._`;
		blocks.set(
			section,
			`${marker(section)}\n## ${title}\n\n${stamp}\n\n${body.trim()}\n${marker(section, true)}`,
		);
		const text = [
			HEADER.trim(),
			...SECTIONS.filter((name) => blocks.has(name)).map((name) => blocks.get(name)),
		].join('\n\n');
		const temp = `${REPORT}.${process.pid}.tmp`;
		writeFileSync(temp, `${text}\n`);
		renameSync(temp, REPORT);
	});
}
