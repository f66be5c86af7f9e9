/**
 * ARCHITECTURE.md's checklist and layout, checked so they cannot rot: every operation has its
 * sandbox route, its node test and its bad-input case; one operation per file; every platform
 * folder has the same shape; the published code imports nothing it may not and has no circle.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { basename, dirname, join, relative, resolve } from 'path';
import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { Aitelier } from '../../nodes/Aitelier/Aitelier.node';
import { BuildVoiceAi } from '../../nodes/BuildVoiceAi/BuildVoiceAi.node';
import { ButterAi } from '../../nodes/ButterAi/ButterAi.node';
import { PLATFORMS } from '../../sandbox';
import { matchRoute } from '../../sandbox/http';
import { CASES } from '../reliability/badInput.cases';

const ROOT = resolve(__dirname, '../..');

const NODES = [
	{ name: 'butterAi', folder: 'ButterAi', node: new ButterAi() as INodeType, sandbox: 'butter' },
	{
		name: 'buildVoiceAi',
		folder: 'BuildVoiceAi',
		node: new BuildVoiceAi() as INodeType,
		sandbox: 'buildvoiceai',
	},
	{ name: 'aitelier', folder: 'Aitelier', node: new Aitelier() as INodeType, sandbox: 'aitelier' },
];

interface OperationInfo {
	node: string;
	resource: string;
	operation: string;
	method: string;
	url: string;
}

function operationsOf(entry: (typeof NODES)[number]): OperationInfo[] {
	const properties = entry.node.description.properties as INodeProperties[];
	const resources = (properties.find((p) => p.name === 'resource')?.options ??
		[]) as INodePropertyOptions[];
	return resources.flatMap(({ value: resource }) => {
		const dropdown = properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
		);
		return ((dropdown?.options ?? []) as INodePropertyOptions[]).map((option) => ({
			node: entry.name,
			resource: String(resource),
			operation: String(option.value),
			method: String(option.routing?.request?.method ?? ''),
			url: String(option.routing?.request?.url ?? ''),
		}));
	});
}

/**
 * Operations that send nothing to the platform: Tool → Answer Agent answers the request the
 * Butter AI Tool Trigger holds open (n8n's sendResponse); test/e2e/tools.e2e.test.ts runs it.
 */
const ANSWERS_N8N = new Set(['butterAi tool → answer']);

const OPERATIONS = NODES.flatMap(operationsOf).filter(
	(op) => !ANSWERS_N8N.has(`${op.node} ${op.resource} → ${op.operation}`),
);
const label = (op: OperationInfo) => `${op.node} ${op.resource} → ${op.operation}`;

/** `=/v1/agents/{{$parameter.agentId}}` → `/v1/agents/x1`: the path a request of it would take. */
const samplePath = (url: string) =>
	url
		.replace(/^=/, '')
		.replace(/\{\{[^}]*\}\}/g, 'x1')
		.split('?')[0];

function filesUnder(folder: string, suffix: string): string[] {
	return readdirSync(folder).flatMap((name) => {
		const path = join(folder, name);
		if (statSync(path).isDirectory()) return filesUnder(path, suffix);
		return name.endsWith(suffix) ? [path] : [];
	});
}

describe('the checklist for every operation (ARCHITECTURE.md)', () => {
	it('finds the operations of all three nodes', () => {
		expect(OPERATIONS.length).toBeGreaterThan(40);
		for (const op of OPERATIONS)
			expect([label(op), op.method, op.url.length > 1]).toEqual([
				label(op),
				expect.stringMatching(/^(GET|POST|PUT|PATCH|DELETE)$/),
				true,
			]);
	});

	it('every operation has a sandbox route for its method and path', () => {
		const missing = OPERATIONS.filter((op) => {
			const platform = PLATFORMS.find(
				(p) => p.id === NODES.find((n) => n.name === op.node)?.sandbox,
			);
			return !platform || !matchRoute(platform.routes, op.method, samplePath(op.url));
		}).map((op) => `${label(op)}: ${op.method} ${samplePath(op.url)}`);
		expect(missing).toEqual([]);
	});

	it('every operation is run by a node test against the sandbox', () => {
		const tests = filesUnder(join(ROOT, 'test/nodes'), '.test.ts').map((path) => ({
			node: basename(path).split('.')[0],
			text: readFileSync(path, 'utf8'),
		}));
		const missing = OPERATIONS.filter((op) => {
			const near = [
				new RegExp(`resource: '${op.resource}'[^;]{0,400}?operation: '${op.operation}'`, 's'),
				new RegExp(`operation: '${op.operation}'[^;]{0,400}?resource: '${op.resource}'`, 's'),
			];
			return !tests.some(
				(test) => test.node === op.node && near.some((pattern) => pattern.test(test.text)),
			);
		}).map(label);
		expect(missing).toEqual([]);
	});

	it('every operation has a row in the bad-input table', () => {
		const missing = OPERATIONS.filter(
			(op) =>
				!CASES.some(
					(c) => c.node === op.node && c.resource === op.resource && c.operation === op.operation,
				),
		).map(label);
		expect(missing).toEqual([]);
	});
});

it('the operations that answer n8n instead of the platform exist', () => {
	const all = NODES.flatMap(operationsOf).map(label);
	for (const op of ANSWERS_N8N) expect(all).toContain(op);
});

const PLATFORM_ENTRIES = new Set([
	'profile.ts',
	'transport.ts',
	'locators.ts',
	'listSearch',
	'trigger',
	'resources',
]);

describe('one layout for every platform', () => {
	it.each(NODES)(
		'nodes/$folder holds only the node files, profile, transport, locators, listSearch, trigger, resources',
		({ folder }) => {
			const strays = readdirSync(join(ROOT, 'nodes', folder)).filter(
				(name) =>
					!PLATFORM_ENTRIES.has(name) && !/^[A-Za-z]+(Trigger)?\.node\.(ts|json)$/.test(name),
			);
			expect(strays).toEqual([]);
		},
	);

	it.each(NODES)(
		'nodes/$folder: one operation per .operation.ts file, and one file per operation',
		(entry) => {
			const resourcesDir = join(ROOT, 'nodes', entry.folder, 'resources');
			const operationFiles = filesUnder(resourcesDir, '.operation.ts');
			const perFile = operationFiles.map((path) => [
				relative(ROOT, path),
				(readFileSync(path, 'utf8').match(/defineOperation\(/g) ?? []).length,
			]);
			expect(perFile.filter(([, count]) => count !== 1)).toEqual([]);
			expect(operationFiles.length).toBe(operationsOf(entry).length);
			// Each resource folder's index only lists its operations; every resource of the node has one.
			for (const resource of new Set(operationsOf(entry).map((op) => op.resource))) {
				expect(readdirSync(resourcesDir)).toContain(resource);
			}
		},
	);

	it('no field under resources/ sets its resource/operation display rule by hand', () => {
		const files = NODES.flatMap(({ folder }) =>
			filesUnder(join(ROOT, 'nodes', folder, 'resources'), '.ts'),
		);
		const byHand = files.filter((path) =>
			/show:\s*\{[^}]*\boperation:\s*\[/.test(readFileSync(path, 'utf8')),
		);
		expect(byHand.map((path) => relative(ROOT, path))).toEqual([]);
	});
});

/** Relative imports of one file, resolved to repository paths. */
function importsOf(path: string): { relative: string[]; packages: string[] } {
	const text = readFileSync(path, 'utf8');
	const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s+'([^']+)'/g)].map(
		(m) => m[1],
	);
	const resolveLocal = (spec: string) => {
		const base = resolve(dirname(path), spec);
		for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
			try {
				if (statSync(candidate).isFile()) return relative(ROOT, candidate);
			} catch {
				/* try the next form */
			}
		}
		return relative(ROOT, base);
	};
	return {
		relative: specifiers.filter((s) => s.startsWith('.')).map(resolveLocal),
		packages: specifiers.filter((s) => !s.startsWith('.')),
	};
}

function cyclesIn(files: string[]): string[][] {
	const graph = new Map(files.map((file) => [relative(ROOT, file), importsOf(file).relative]));
	const cycles: string[][] = [];
	const state = new Map<string, 'visiting' | 'done'>();
	const visit = (file: string, trail: string[]) => {
		if (state.get(file) === 'done') return;
		if (state.get(file) === 'visiting') {
			cycles.push([...trail.slice(trail.indexOf(file)), file]);
			return;
		}
		state.set(file, 'visiting');
		for (const next of graph.get(file) ?? []) if (graph.has(next)) visit(next, [...trail, file]);
		state.set(file, 'done');
	};
	for (const file of graph.keys()) visit(file, []);
	return cycles;
}

describe('imports of the published code', () => {
	const published = [
		...filesUnder(join(ROOT, 'nodes'), '.ts'),
		...filesUnder(join(ROOT, 'credentials'), '.ts'),
	];

	it('imports only n8n-workflow and crypto, and nothing outside nodes/ and credentials/', () => {
		const offending = published.flatMap((file) => {
			const { relative: local, packages } = importsOf(file);
			return [
				...packages
					.filter((p) => p !== 'n8n-workflow' && p !== 'crypto')
					.map((p) => `${relative(ROOT, file)} → ${p}`),
				...local
					.filter((p) => !/^(nodes|credentials)\//.test(p))
					.map((p) => `${relative(ROOT, file)} → ${p}`),
			];
		});
		expect(offending).toEqual([]);
	});

	it('nodes/shared imports no platform folder', () => {
		const shared = filesUnder(join(ROOT, 'nodes/shared'), '.ts');
		const upward = shared.flatMap((file) =>
			importsOf(file)
				.relative.filter((p) => !p.startsWith('nodes/shared/'))
				.map((p) => `${relative(ROOT, file)} → ${p}`),
		);
		expect(upward).toEqual([]);
	});

	it('has no import circle', () => {
		expect(cyclesIn(published)).toEqual([]);
	});
});
