import { appendFileSync, mkdirSync } from 'fs';
import { join } from 'path';

/**
 * Under `npm test` (VOICE_AGENTS_SECRET_SCAN_DIR set), every node output, error and trigger answer
 * the harness sees is appended here, so the run's last step can scan all of it for secrets.
 */
export function recordForSecretScan(source: string, produced: unknown): void {
	const dir = process.env.VOICE_AGENTS_SECRET_SCAN_DIR;
	if (!dir) return;
	mkdirSync(dir, { recursive: true });
	appendFileSync(
		join(dir, `harness-${process.pid}.jsonl`),
		`${JSON.stringify({ source, produced }, errorFields)}\n`,
	);
}

/** Errors serialise with their message, description and cause, which JSON.stringify would drop. */
export function errorFields(_key: string, value: unknown): unknown {
	if (!(value instanceof Error)) return value;
	const { message, stack, name } = value;
	return {
		...value,
		name,
		message,
		stack,
		description: (value as { description?: unknown }).description,
	};
}
