import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve, sep } from 'path';

/*
 * The sandbox's import graph, read from its source. The core serves whatever platforms it is
 * handed, so it must import none of them (that was a ten-file circle once); the sandbox follows
 * the platforms' API texts, so it must import nothing of the published nodes either.
 */

const ROOT = resolve(__dirname, '../..');
const SANDBOX = join(ROOT, 'sandbox');
/** Where the platforms are put together and started: the only top-level files that may know them. */
const COMPOSITION = new Set(['index.ts', 'main.ts']);

// `import … from '…'`, `import type …`, `export … from '…'` (also over several lines), `import '…'`,
// and dynamic `import('…')` / `require('…')`.
const STATIC = /^\s*(?:import|export)\s+(?:type\s+)?[\w\s{},*$]*?\s*from\s*['"]([^'"]+)['"]/gm;
const BARE = /^\s*import\s+['"]([^'"]+)['"]/gm;
const DYNAMIC = /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function specifiers(source: string): string[] {
	return [STATIC, BARE, DYNAMIC].flatMap((pattern) =>
		[...source.matchAll(pattern)].map((match) => match[1]),
	);
}

function tsFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return tsFiles(path);
		return name.endsWith('.ts') ? [path] : [];
	});
}

/** The file a relative specifier names, as TypeScript resolves it; packages are left out. */
function resolveImport(from: string, specifier: string): string | undefined {
	if (!specifier.startsWith('.')) return undefined;
	const base = resolve(dirname(from), specifier);
	const found = [`${base}.ts`, join(base, 'index.ts'), base].find(
		(path) => existsSync(path) && statSync(path).isFile(),
	);
	if (!found)
		throw new Error(`${rel(from)} imports ${specifier}, which does not resolve to a file`);
	return found;
}

const rel = (path: string) => relative(ROOT, path).split(sep).join('/');

const files = tsFiles(SANDBOX);
const graph = new Map(
	files.map((file) => [
		rel(file),
		specifiers(readFileSync(file, 'utf8'))
			.map((specifier) => resolveImport(file, specifier))
			.filter((target): target is string => target !== undefined)
			.map(rel),
	]),
);

/** `sandbox/butter/agents.ts` → `butter`; a top-level file has no platform. */
const platformOf = (path: string): string | undefined => {
	const parts = path.split('/');
	return parts[0] === 'sandbox' && parts.length > 2 ? parts[1] : undefined;
};
const isCore = (path: string) =>
	path.split('/').length === 2 &&
	path.startsWith('sandbox/') &&
	!COMPOSITION.has(path.slice('sandbox/'.length));
const edges = [...graph].flatMap(([from, targets]) => targets.map((to) => ({ from, to })));

/** Every import cycle, each as the path that closes it (found by depth-first search). */
function cycles(): string[][] {
	const found: string[][] = [];
	const done = new Set<string>();
	const stack: string[] = [];
	const visit = (file: string) => {
		const at = stack.indexOf(file);
		if (at >= 0) return void found.push([...stack.slice(at), file]);
		if (done.has(file)) return;
		stack.push(file);
		for (const next of graph.get(file) ?? []) visit(next);
		stack.pop();
		done.add(file);
	};
	for (const file of graph.keys()) visit(file);
	return found;
}

describe('sandbox imports', () => {
	it('are read: multi-line, type-only, re-exports, bare and dynamic imports', () => {
		const source = [
			"import {\n\ttype A,\n\tb,\n} from './a';",
			"import type { C } from '../c';",
			"export type { D } from './d';",
			"export * from './e';",
			"import './f';",
			"const g = require('./g');",
			"const text = 'no import from here';",
		].join('\n');
		expect(specifiers(source).sort()).toEqual(['../c', './a', './d', './e', './f', './g']);
		// The real graph is non-trivial: the server reaches the state, the composition root every platform.
		expect(graph.get('sandbox/server.ts')).toContain('sandbox/state.ts');
		const registered = new Set(graph.get('sandbox/index.ts')?.map(platformOf).filter(Boolean));
		expect(registered).toEqual(new Set(['butter', 'buildvoiceai', 'aitelier']));
	});

	it('form no cycle, type-only imports included', () => {
		expect(cycles().map((cycle) => cycle.join(' → '))).toEqual([]);
	});

	it('never go from a core file into a platform folder (platforms register through sandbox/index.ts)', () => {
		const intoPlatforms = edges.filter(
			({ from, to }) => isCore(from) && platformOf(to) !== undefined,
		);
		expect(intoPlatforms.map(({ from, to }) => `${from} → ${to}`)).toEqual([]);
	});

	it('never go from one platform into another', () => {
		const across = edges.filter(
			({ from, to }) => platformOf(from) && platformOf(to) && platformOf(from) !== platformOf(to),
		);
		expect(across.map(({ from, to }) => `${from} → ${to}`)).toEqual([]);
	});

	it('never reach the published nodes or credentials (the sandbox follows the API texts)', () => {
		const published = edges.filter(({ to }) => /^(nodes|credentials)\//.test(to));
		expect(published.map(({ from, to }) => `${from} → ${to}`)).toEqual([]);
	});
});
