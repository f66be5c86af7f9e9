/**
 * Timed work of the call simulators (status callbacks after a call "rings" or "ends"). Reset and
 * close cancel what is pending, so a test never receives a callback from an earlier test.
 */
export class Scheduler {
	private readonly timers = new Set<NodeJS.Timeout>();
	private running = 0;

	after(ms: number, task: () => Promise<unknown> | unknown): void {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			this.running++;
			void Promise.resolve()
				.then(task)
				.catch(() => undefined)
				.finally(() => this.running--);
		}, ms);
		timer.unref();
		this.timers.add(timer);
	}

	/** Tasks scheduled or still running. */
	get pending(): number {
		return this.timers.size + this.running;
	}

	clear(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}
}
