import type { Route } from '../http';
import type { SandboxState } from '../state';
import { createdSince, invalid, notFound, sinceFilter } from './common';
import { cursorPage } from './pagination';
import { isConnected, recordingLink } from './recordings';
import { transcriptTurns } from './sessionRecord';

function goalFilter(query: URLSearchParams): boolean | undefined {
	const raw = query.get('goal_achieved');
	if (raw === null || raw === '') return undefined;
	if (raw !== 'true' && raw !== 'false')
		throw invalid('goal_achieved', 'goal_achieved must be true or false');
	return raw === 'true';
}

function sessionOf(state: SandboxState, id: string) {
	const session = state.aitelier.sessions.get(id);
	if (!session) throw notFound('session', id);
	return session;
}

export const sessionRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/sessions',
		scope: 'sessions:read',
		handler: ({ state, query }) => {
			const goal = goalFilter(query);
			const since = sinceFilter(query);
			const sessions = [...state.aitelier.sessions.values()].filter(
				(session) =>
					(goal === undefined || session.goal_achieved === goal) && createdSince(since)(session),
			);
			return cursorPage(sessions, query, { list: 'sessions', filters: { goal, since } });
		},
	},
	{
		method: 'GET',
		pattern: '/sessions/:id',
		scope: 'sessions:read',
		handler: ({ state, params }) => ({ status: 200, body: sessionOf(state, params.id) }),
	},
	{
		method: 'GET',
		pattern: '/sessions/:id/transcript',
		scope: 'sessions:read:transcript',
		handler: ({ state, params }) => {
			const session = sessionOf(state, params.id);
			return {
				status: 200,
				body: {
					session_id: session.id,
					turns: transcriptTurns(session, isConnected(state, session)),
				},
			};
		},
	},
	{
		method: 'GET',
		pattern: '/sessions/:id/recording',
		scope: 'sessions:read:transcript',
		handler: ({ state, params, headers, now }) => ({
			status: 200,
			body: recordingLink(state, sessionOf(state, params.id), headers.host, now),
		}),
	},
];
