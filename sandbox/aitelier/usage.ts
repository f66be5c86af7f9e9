import type { Route } from '../http';
import { invalid, money } from './common';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Usage of one month, from the sessions created in it: minutes talked, calls, tool calls (each
 * slot value is one the agent's tools captured), outcomes and their cost.
 */
export const usageRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/usage',
		handler: ({ state, query }) => {
			const period = query.get('period') ?? '';
			if (!PERIOD.test(period))
				throw invalid('period', 'period must be a month as YYYY-MM, e.g. 2026-05');
			const sessions = [...state.aitelier.sessions.values()].filter((session) =>
				session.created_at.startsWith(period),
			);
			const outcomes = { success: 0, real_conversation: 0, spam_silent: 0 };
			for (const session of sessions) if (session.outcome) outcomes[session.outcome]++;
			const seconds = sessions.reduce((sum, session) => sum + session.duration_seconds, 0);
			return {
				status: 200,
				body: {
					period,
					minutes: Math.round((seconds / 60) * 100) / 100,
					calls: sessions.length,
					tool_calls: sessions.reduce(
						(sum, session) => sum + Object.keys(session.slot_values).length,
						0,
					),
					outcomes,
					cost: money(sessions.reduce((sum, session) => sum + session.costs.amount, 0)),
				},
			};
		},
	},
];
