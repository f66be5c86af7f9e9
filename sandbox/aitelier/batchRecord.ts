import type { SandboxState } from '../state';
import { money } from './common';
import { type AitelierBatch, TERMINAL } from './model';

/** A batch as the API answers it: live progress and summary, without its rows. */
export function batchView(state: SandboxState, batch: AitelierBatch) {
	const count = (test: (status: string) => boolean) =>
		batch.rows.filter((row) => test(row.status)).length;
	const total = batch.rows.length;
	const done = count((status) => TERMINAL.has(status as never));
	const sessions = batch.rows.flatMap((row) => {
		const session = row.session_id ? state.aitelier.sessions.get(row.session_id) : undefined;
		return session ? [session] : [];
	});
	const talked = sessions.filter((session) => session.outcome !== null);
	const seconds = talked.reduce((sum, session) => sum + session.duration_seconds, 0);
	return {
		id: batch.id,
		name: batch.name,
		status: batch.status,
		scenario: batch.scenario,
		scheduled_for: batch.scheduled_for,
		total_rows: total,
		progress: {
			queued: count((status) => status === 'queued'),
			// Rows on a live call: being dialled or already talking.
			dialing: count((status) => status === 'dialing' || status === 'connected'),
			completed: count((status) => status === 'completed'),
			failed: count((status) => status === 'failed'),
			percent: total ? Math.floor((100 * done) / total) : 100,
		},
		summary: {
			goal_achieved: batch.rows.filter((row) => row.goal_achieved === true).length,
			// Rows whose call was answered (on the line now, or completed).
			connected: count((status) => status === 'connected' || status === 'completed'),
			avg_duration_seconds: talked.length ? Math.round(seconds / talked.length) : 0,
			cost: money(sessions.reduce((sum, session) => sum + session.costs.amount, 0)),
		},
		created_at: batch.created_at,
		started_at: batch.started_at,
		completed_at: batch.completed_at,
	};
}
