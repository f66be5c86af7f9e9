import { WebhookContext } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';

export interface LogLine {
	level: string;
	message: string;
	metadata: IDataObject;
}

const restorers: Array<() => void> = [];
afterEach(() => restorers.splice(0).forEach((restore) => restore()));

/** What a trigger logs through n8n's logger during one test (n8n-core's WebhookContext hands it out). */
export function captureLogs(): LogLine[] {
	const lines: LogLine[] = [];
	const record =
		(level: string) =>
		(message: string, metadata: IDataObject = {}): void => {
			lines.push({ level, message, metadata });
		};
	const logger = {
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
	};
	// n8n-core types its logger as the backend's class; the node sees n8n-workflow's Logger.
	const spy = jest
		.spyOn(WebhookContext.prototype, 'logger', 'get')
		.mockReturnValue(logger as never);
	restorers.push(() => spy.mockRestore());
	return lines;
}
