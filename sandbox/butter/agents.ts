import { z } from 'zod';

import { fail, type Route } from '../http';

const listQuery = z.object({
	mode: z.enum(['public', 'private', 'commercial']).optional(),
	page: z.coerce.number().int().min(1).default(1),
	limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const agentRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/v1/agents',
		handler: ({ state, query }) => {
			const parsed = listQuery.safeParse(Object.fromEntries(query));
			if (!parsed.success) {
				const issue = parsed.error.issues[0];
				const field = String(issue.path[0]);
				const message = field === 'limit' ? 'limit must be an integer between 1 and 100' : `${field}: ${issue.message}`;
				throw fail(400, message, { field });
			}
			const { mode, page, limit } = parsed.data;
			const matching = state.butter.agents.filter((agent) => !mode || agent.mode === mode);
			const start = (page - 1) * limit;
			const data = matching.slice(start, start + limit).map(({ id, name, mode, agentArchitecture, active, createdAt }) => ({
				id,
				name,
				mode,
				agentArchitecture,
				active,
				createdAt,
			}));
			return {
				status: 200,
				body: { success: true, data, pagination: { page, total: matching.length, hasNext: start + limit < matching.length } },
			};
		},
	},
	{
		method: 'GET',
		pattern: '/v1/agents/:id',
		handler: ({ state, params }) => {
			const agent = state.butter.agents.find((a) => a.id === params.id);
			if (!agent) throw fail(404, `Agent ${params.id} not found`);
			return { status: 200, body: { success: true, data: agent } };
		},
	},
];
