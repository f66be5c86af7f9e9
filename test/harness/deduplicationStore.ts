import { createHash } from 'crypto';
import { DataDeduplicationService } from 'n8n-core';
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
} from 'n8n-workflow';

/**
 * n8n's deduplication store as its CLI wires it (packages/cli DeduplicationHelper, "entries"
 * mode), kept in memory: one list of value hashes per workflow + node, the oldest dropped beyond
 * maxEntries. In-process runs have no database; the e2e tier uses n8n's real one.
 */
export class InMemoryDeduplicationStore implements IDataDeduplicator {
	readonly rows = new Map<string, string[]>();
	/**
	 * As n8n's database store behaves under concurrency: each operation reads the record, yields
	 * (the database round trip), then writes its copy back whole — so two at once lose one's writes.
	 */
	racy = false;

	private async read(key: string): Promise<string[]> {
		const row = [...(this.rows.get(key) ?? [])];
		if (this.racy) await new Promise((resolve) => setTimeout(resolve, 25));
		return row;
	}

	private rowKey(scope: DeduplicationScope, context: ICheckProcessedContextData): string {
		if (!context.workflow.id) throw new Error('The deduplication store needs a workflow ID');
		if (scope === 'node' && !context.node) throw new Error("No node given for scope 'node'");
		return `${context.workflow.id}|${scope === 'node' ? `n:${context.node!.id}` : ''}`;
	}

	private static hash(value: DeduplicationItemTypes): string {
		return createHash('md5').update(String(value)).digest('base64');
	}

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		if (options.mode !== 'entries') throw new Error('Only "entries" mode is modelled here');
		const key = this.rowKey(scope, context);
		const row = await this.read(key);
		const known = new Set(row);
		const output: IDeduplicationOutput = { new: [], processed: [] };
		for (const item of items) {
			const hash = InMemoryDeduplicationStore.hash(item);
			if (known.has(hash)) output.processed.push(item);
			else {
				output.new.push(item);
				row.push(hash);
				known.add(hash);
			}
		}
		if (options.maxEntries) row.splice(0, Math.max(0, row.length - options.maxEntries));
		this.rows.set(key, row);
		return output;
	}

	async removeProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
	): Promise<void> {
		const key = this.rowKey(scope, context);
		const drop = new Set(items.map(InMemoryDeduplicationStore.hash));
		const row = await this.read(key);
		this.rows.set(
			key,
			row.filter((hash) => !drop.has(hash)),
		);
	}

	async clearAllProcessedItems(
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
	): Promise<void> {
		this.rows.delete(this.rowKey(scope, context));
	}

	async getProcessedDataCount(
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
	): Promise<number> {
		return this.rows.get(this.rowKey(scope, context))?.length ?? 0;
	}
}

export const deduplicationStore = new InMemoryDeduplicationStore();

/** Installs the store once per test process, as n8n's start/execute/worker commands do. */
export async function installDeduplicationStore(): Promise<void> {
	try {
		DataDeduplicationService.getInstance();
	} catch {
		await DataDeduplicationService.init(deduplicationStore);
	}
}
