import { spawn, type SpawnOptions } from 'child_process';

export interface RunResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** Runs a command to completion, capturing output (or streaming it when `inherit`). */
export function run(
	command: string,
	args: string[],
	options: SpawnOptions & { inherit?: boolean } = {},
): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			...options,
			stdio: options.inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

/** As `run`, but a non-zero exit is an error carrying the command's last output. */
export async function runOrThrow(
	command: string,
	args: string[],
	options: SpawnOptions & { inherit?: boolean } = {},
): Promise<RunResult> {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-25).join('\n');
		throw new Error(`${command} ${args.join(' ')} exited with ${result.code}\n${tail}`);
	}
	return result;
}
