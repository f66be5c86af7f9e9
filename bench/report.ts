import { writeFileSync } from 'fs';

import type { Machine } from './machine';

/** One measured figure beside its baseline from the same run. */
export interface Figure {
	figure: string;
	ours: string;
	baseline: string;
	/** ours ÷ baseline (or as the figure defines it), already formatted. */
	ratio: string;
	target?: string;
	/** Whether the target was met; undefined where there is no target. */
	met?: boolean;
}

export interface Section {
	title: string;
	/** What was measured and how, in a sentence or two. */
	method: string;
	figures: Figure[];
	notes?: string[];
	/** The section's lines of the short headline table. */
	headline?: Headline[];
}

export interface Headline {
	figure: string;
	result: string;
	target: string;
	met?: boolean;
}

const verdict = (met?: boolean) => (met === undefined ? '' : met ? 'met' : '**missed**');
const cell = (text: string) => text.replace(/\|/g, '\\|');

function table(header: string[], rows: string[][]): string {
	return [
		`| ${header.join(' | ')} |`,
		`|${header.map(() => '---').join('|')}|`,
		...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
	].join('\n');
}

export function renderResults(input: {
	machine: Machine;
	startedAt: Date;
	durationMs: number;
	runs: string;
	sections: Section[];
	headline: Headline[];
}): string {
	const { machine } = input;
	const parts = [
		'# Benchmark results',
		'',
		`Written by \`npm run bench\` on ${input.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC; the whole run took ` +
			`${Math.round(input.durationMs / 1000)} s. Every figure is compared with a baseline measured in the same run on the same ` +
			`machine; compare ratios, not absolute times. ${input.runs}`,
		'',
		table(
			['machine', ''],
			[
				['CPU', machine.cpu],
				['cores', String(machine.cores)],
				['memory', machine.memory],
				['OS', machine.os],
				['Node (bench, sandbox, in-process parts)', machine.node],
				['Node (n8n)', machine.n8nNode],
				['n8n', machine.n8n],
				['load average at start (1 min)', machine.loadAverage],
			],
		),
	];
	for (const section of input.sections) {
		parts.push('', `## ${section.title}`, '', section.method, '');
		parts.push(
			table(
				['figure', 'ours', 'baseline', 'ratio', 'target', ''],
				section.figures.map((f) => [
					f.figure,
					f.ours,
					f.baseline,
					f.ratio,
					f.target ?? '',
					verdict(f.met),
				]),
			),
		);
		if (section.notes?.length) parts.push('', ...section.notes.map((note) => `- ${note}`));
	}
	parts.push('', '## Headline', '', renderHeadline(input.headline));
	return `${parts.join('\n')}\n`;
}

/** The short table meant for the README. */
export function renderHeadline(headline: Headline[]): string {
	return table(
		['benchmark', 'result', 'target', ''],
		headline.map((h) => [h.figure, h.result, h.target, verdict(h.met)]),
	);
}

export function writeResults(path: string, markdown: string): void {
	writeFileSync(path, markdown);
}
