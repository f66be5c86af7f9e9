import type { Route } from '../http';
import { AITELIER_PROJECT_ID } from '../keys';
import { notFound } from './common';

/** Inbound webhook fan-out: the payload goes to every session still live in the project. */
export const fanOutRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/projects/:project_id/webhooks/:name',
		idempotent: true,
		handler: ({ state, params, body, now }) => {
			if (params.project_id !== AITELIER_PROJECT_ID) throw notFound('project', params.project_id);
			const deliveredTo = [...state.aitelier.sessions.values()].filter(
				(session) => session.status === 'active',
			).length;
			state.ledger.record(
				{
					platform: 'aitelier',
					action: 'webhook.fanout',
					resourceId: params.name,
					details: {
						projectId: params.project_id,
						name: params.name,
						deliveredTo,
						payload: body ?? null,
					},
				},
				now,
			);
			return {
				status: 202,
				body: { name: params.name, project_id: params.project_id, delivered_to: deliveredTo },
			};
		},
	},
];
