import { stableHex } from '../ids';
import { AITELIER_SCENARIOS } from '../keys';
import { iso, money, spread } from './common';
import type {
	AitelierCall,
	AitelierSession,
	Invoice,
	KnowledgeFile,
	SessionOutcome,
} from './model';
import { durationOf, isGoal, OUTCOME_FEES, slotValues } from './sessionRecord';

/**
 * The project's history: 260 sessions over the two months before 2026-05-13 (so Return All pages
 * past 250), the newest 30 of them placed as API calls, 14 monthly invoices, two knowledge files.
 */

const SESSIONS = 260;
const CALLS = 30;
const FIRST = Date.parse('2026-03-14T08:00:00Z');
const LAST = Date.parse('2026-05-13T08:00:00Z');
/** Calls that found nobody, and two still on the line. */
const FAILED = new Set([233, 241, 249]);
const LIVE = new Set([250, 253]);

const seedId = (prefix: string, i: number) =>
	`${prefix}${stableHex(`aitelier-seed-${prefix}${i}`)}`;

function outcomeOf(i: number): SessionOutcome {
	if (i % 2 === 0) return 'success';
	return i % 4 === 1 ? 'real_conversation' : 'spam_silent';
}

function seedSession(i: number, withCall: boolean, startedAt?: number): AitelierSession {
	const id = seedId('sess_', i);
	const started =
		startedAt ?? FIRST + Math.round(((LAST - FIRST) * i) / (SESSIONS - 1) / 1000) * 1000;
	const live = LIVE.has(i);
	const outcome = FAILED.has(i) || live ? null : outcomeOf(i);
	const duration = outcome ? durationOf(id, outcome) : 0;
	return {
		id,
		call_id: withCall ? seedId('call_', i) : null,
		batch_id: null,
		scenario: AITELIER_SCENARIOS[i % 3 === 0 ? 1 : 0],
		phone: `+1555010${String(i).padStart(4, '0')}`,
		status: live ? 'active' : 'ended',
		started_at: iso(started),
		ended_at: live ? null : iso(started + Math.max(duration, 20) * 1000),
		duration_seconds: duration,
		goal_achieved: live ? null : isGoal(outcome),
		outcome,
		slot_values: slotValues(outcome, started),
		metadata: { lead_id: `L-${1000 + i}` },
		costs: money(outcome ? OUTCOME_FEES[outcome] : 0),
		created_at: iso(started),
	};
}

function seedCall(session: AitelierSession, i: number): AitelierCall {
	return {
		id: session.call_id!,
		session_id: session.id,
		batch_id: null,
		status: LIVE.has(i) ? 'connected' : FAILED.has(i) ? 'failed' : 'completed',
		scenario: session.scenario,
		phone: session.phone,
		metadata: session.metadata,
		scheduled_for: null,
		error: FAILED.has(i) ? 'no_answer' : null,
		created_at: session.created_at,
	};
}

export function seedHistory(): { sessions: AitelierSession[]; calls: AitelierCall[] } {
	const sessions: AitelierSession[] = [];
	const calls: AitelierCall[] = [];
	for (let i = 0; i < SESSIONS; i++) {
		const session = seedSession(i, i >= SESSIONS - CALLS);
		sessions.push(session);
		if (session.call_id) calls.push(seedCall(session, i));
	}
	return { sessions, calls };
}

/**
 * `count` more ended sessions (no call) for benchmarks to page through, one a minute before the
 * seeded history starts, so the seeded newest-first order stays on top. Ids continue from `from`.
 */
export function bulkSessions(from: number, count: number): AitelierSession[] {
	return Array.from({ length: count }, (_, k) =>
		seedSession(from + k, false, FIRST - (from + k) * 60_000),
	);
}

/** Monthly invoices 2025-03 … 2026-04, issued on the 1st of the next month; the latest still open. */
export function seedInvoices(): Invoice[] {
	return Array.from({ length: 14 }, (_, i) => {
		const month = new Date(Date.UTC(2025, 2 + i, 1));
		const period = iso(month.getTime()).slice(0, 7);
		return {
			id: `inv_${stableHex(`aitelier-seed-invoice-${period}`)}`,
			period,
			amount: money(60 + spread(`invoice:${period}`, 24_000) / 100).amount,
			currency: 'EUR',
			status: i === 13 ? 'open' : 'paid',
			issued_at: iso(Date.UTC(2025, 3 + i, 1, 6)),
		};
	});
}

export function seedKnowledgeFiles(): KnowledgeFile[] {
	return [
		{
			id: `kf_${stableHex('aitelier-seed-kf-1')}`,
			filename: 'faq.pdf',
			content_type: 'application/pdf',
			size_bytes: 48_213,
			status: 'ready',
			created_at: '2026-04-02T10:15:00.000Z',
		},
		{
			id: `kf_${stableHex('aitelier-seed-kf-2')}`,
			filename: 'opening-hours.txt',
			content_type: 'text/plain',
			size_bytes: 512,
			status: 'ready',
			created_at: '2026-04-20T14:30:00.000Z',
		},
	];
}
