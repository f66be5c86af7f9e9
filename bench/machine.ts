import { existsSync, readFileSync } from 'fs';
import { cpus, loadavg, totalmem, type as osType, release } from 'os';
import { join } from 'path';

import { NODE24_BIN, RUNTIME_DIR } from '../runner/paths';
import { run } from '../runner/process';

export interface Machine {
	cpu: string;
	cores: number;
	memory: string;
	os: string;
	node: string;
	/** The Node that runs n8n (from .n8n-runtime). */
	n8nNode: string;
	n8n: string;
	/** Other work on the machine while the bench ran: 1-minute load average at the start. */
	loadAverage: string;
}

export async function describeMachine(): Promise<Machine> {
	const cpuList = cpus();
	const n8nPackage = join(RUNTIME_DIR, 'node_modules', 'n8n', 'package.json');
	const n8nNode = existsSync(NODE24_BIN)
		? (await run(NODE24_BIN, ['--version'])).stdout.trim()
		: 'not installed';
	return {
		cpu: cpuList[0]?.model.trim() ?? 'unknown',
		cores: cpuList.length,
		memory: `${Math.round(totalmem() / 1024 ** 3)} GB`,
		os: `${osType()} ${release()}`,
		node: process.version,
		n8nNode,
		n8n: existsSync(n8nPackage)
			? (JSON.parse(readFileSync(n8nPackage, 'utf8')) as { version: string }).version
			: 'not installed',
		loadAverage: loadavg()[0].toFixed(2),
	};
}
