import type { SandboxState } from '../state';
import { recordCall } from './callRecord';
import { iso } from './common';
import { batchView } from './batchRecord';
import { emitEvent } from './events';
import { type AitelierBatch, TERMINAL } from './model';
import { simulateCall, startDelay } from './simulator';

/**
 * Works through a batch: at its start (now, or scheduled_for) batch.started, then one row dialled
 * every `batchRowIntervalMs` (batches are the volume path: rows do not count against the 5 calls
 * per minute of POST /calls), each as a call with its session through the call simulator. When
 * every row has ended, the batch is completed and batch.completed is emitted.
 */
export function runBatch(state: SandboxState, batch: AitelierBatch): void {
	const world = state.aitelier;
	const pending = batch.rows.filter((row) => row.status === 'queued');
	const live = () => state.aitelier === world;

	const completeIfDone = () => {
		if (batch.status === 'completed' || !batch.rows.every((row) => TERMINAL.has(row.status)))
			return;
		batch.status = 'completed';
		batch.completed_at = iso(state.now());
		emitEvent(state, 'batch.completed', batchView(state, batch));
	};

	const dial = (index: number) => {
		if (!live()) return;
		const row = pending[index];
		const now = state.now();
		const { call, session } = recordCall(
			state,
			{
				scenario: row.scenario!,
				phone: row.phone,
				metadata: row.metadata,
				scheduled_for: null,
				batchId: batch.id,
			},
			now,
		);
		Object.assign(row, { call_id: call.id, session_id: session.id });
		state.ledger.record(
			{
				platform: 'aitelier',
				action: 'call.dialed',
				resourceId: call.id,
				details: {
					phone: row.phone,
					scenario: row.scenario,
					metadata: row.metadata,
					batchId: batch.id,
					row: row.row,
				},
			},
			now,
		);
		simulateCall(state, call, (changed, ended) => {
			row.status = changed.status;
			row.error = changed.error;
			row.goal_achieved = ended.goal_achieved;
			if (TERMINAL.has(changed.status)) completeIfDone();
		});
		if (index + 1 < pending.length)
			state.scheduler.after(world.simulation.batchRowIntervalMs, () => dial(index + 1));
	};

	const delay = startDelay(batch.scheduled_for, state.now());
	if (delay === undefined) return;
	state.scheduler.after(delay, () => {
		if (!live()) return;
		batch.started_at = iso(state.now());
		emitEvent(state, 'batch.started', batchView(state, batch));
		if (pending.length) dial(0);
		else completeIfDone();
	});
}
