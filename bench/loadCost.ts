import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';

import { NODE24_BIN, ROOT, RUNTIME_DIR } from '../runner/paths';
import { runOrThrow } from '../runner/process';
import type { Figure, Section } from './report';
import { kb, median, ms, ratio, repeat, times } from './stats';

interface PackageJson {
	dependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
	bundleDependencies?: string[];
	bundledDependencies?: string[];
	n8n: { nodes: string[]; credentials: string[] };
}

const HTTP_REQUEST_NODE = join(
	RUNTIME_DIR,
	'node_modules',
	'n8n-nodes-base',
	'dist',
	'nodes',
	'HttpRequest',
	'HttpRequest.node.js',
);

/**
 * Run in a fresh process: loads n8n-workflow first (n8n has it loaded before any community node),
 * then times requiring `files`. Prints both times in ms as JSON.
 */
const CHILD = `
const [workflowFrom, ...files] = JSON.parse(process.argv[1]);
const t0 = process.hrtime.bigint();
require(require.resolve('n8n-workflow', { paths: [workflowFrom] }));
const t1 = process.hrtime.bigint();
for (const file of files) require(file);
const t2 = process.hrtime.bigint();
console.log(JSON.stringify({ workflowMs: Number(t1 - t0) / 1e6, filesMs: Number(t2 - t1) / 1e6 }));
`;

async function coldLoad(
	node: string,
	workflowFrom: string,
	files: string[],
): Promise<{ workflowMs: number; filesMs: number }> {
	const { stdout } = await runOrThrow(
		node,
		['-e', CHILD, JSON.stringify([workflowFrom, ...files])],
		{ cwd: ROOT },
	);
	return JSON.parse(stdout.trim()) as { workflowMs: number; filesMs: number };
}

function folderSize(dir: string): { bytes: number; files: number } {
	let bytes = 0;
	let files = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) {
			const inner = folderSize(path);
			bytes += inner.bytes;
			files += inner.files;
		} else {
			bytes += statSync(path).size;
			files++;
		}
	}
	return { bytes, files };
}

async function packedSize(): Promise<{ size: number; unpackedSize: number; entryCount: number }> {
	const { stdout } = await runOrThrow('npm', ['pack', '--dry-run', '--json', '--silent'], {
		cwd: ROOT,
	});
	const [info] = JSON.parse(stdout) as Array<{
		size: number;
		unpackedSize: number;
		entryCount: number;
	}>;
	return info;
}

export function runtimeDependencies(manifest: PackageJson): string[] {
	return [
		...Object.keys(manifest.dependencies ?? {}),
		...Object.keys(manifest.optionalDependencies ?? {}),
		...(manifest.bundleDependencies ?? manifest.bundledDependencies ?? []),
	];
}

/** Cold require time of every node and credential in dist/, dist size, runtime dependencies. */
export async function measureLoadCost(options: {
	runs: number;
	log: (line: string) => void;
}): Promise<Section> {
	const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
	const ours = [...manifest.n8n.nodes, ...manifest.n8n.credentials].map((file) => join(ROOT, file));
	const missing = ours.filter((file) => !existsSync(file));
	if (missing.length) throw new Error(`Build first (npm run build): missing ${missing.join(', ')}`);
	// The Node n8n runs on, when installed; the baseline is n8n's own HTTP Request node on it.
	const node = existsSync(NODE24_BIN) ? NODE24_BIN : process.execPath;
	const withBaseline = existsSync(HTTP_REQUEST_NODE);

	options.log(`  load cost: ${options.runs} cold processes each`);
	const samples = await repeat(options.runs, async () => ({
		ours: await coldLoad(node, join(ROOT, 'dist'), ours),
		http: withBaseline ? await coldLoad(node, HTTP_REQUEST_NODE, [HTTP_REQUEST_NODE]) : undefined,
	}));
	const oursMs = median(samples.map((s) => s.ours.filesMs));
	const workflowMs = median(samples.map((s) => s.ours.workflowMs));
	const httpMs = withBaseline ? median(samples.map((s) => s.http!.filesMs)) : NaN;
	const dist = folderSize(join(ROOT, 'dist'));
	const packed = await packedSize();
	const dependencies = runtimeDependencies(manifest);

	const figures: Figure[] = [
		{
			figure: `cold require of all ${manifest.n8n.nodes.length} nodes + ${manifest.n8n.credentials.length} credentials (n8n-workflow already loaded)`,
			ours: ms(oursMs),
			baseline: `n8n's HTTP Request node file alone: ${ms(httpMs)}`,
			ratio: times(ratio(oursMs, httpMs)),
		},
		{
			figure: 'n8n-workflow itself, for scale (loaded by n8n anyway)',
			ours: ms(workflowMs),
			baseline: '',
			ratio: '',
		},
		{
			figure: 'dist/ on disk',
			ours: `${kb(dist.bytes)} in ${dist.files} files`,
			baseline: '',
			ratio: '',
		},
		{
			figure: 'npm package (npm pack)',
			ours: `${kb(packed.size)} packed, ${kb(packed.unpackedSize)} unpacked, ${packed.entryCount} files`,
			baseline: '',
			ratio: '',
		},
		{
			figure: 'runtime dependencies',
			ours: String(dependencies.length),
			baseline: '',
			ratio: '',
			target: '0',
			met: dependencies.length === 0,
		},
	];
	return {
		headline: [
			{
				figure: `Cold require of all nodes + credentials (vs n8n's HTTP Request node file) · package size · runtime dependencies`,
				result: `${ms(oursMs)} (${times(ratio(oursMs, httpMs))}) · ${kb(packed.size)} packed · ${dependencies.length}`,
				target: '— · — · 0',
				met: dependencies.length === 0,
			},
		],
		title: '4. Load cost',
		method:
			`Each sample is a fresh ${node === NODE24_BIN ? 'Node 24 (the one n8n runs on)' : 'node'} process that loads n8n-workflow, then ` +
			`times \`require\` of every file the package.json \`n8n\` section lists (dist/, as n8n loads a community package); ` +
			`the baseline process does the same with n8n-nodes-base's HttpRequest.node.js from .n8n-runtime. Median of ${options.runs}.`,
		figures,
	};
}
