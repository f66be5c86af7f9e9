import type { Route } from '../http';

export const walletRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/wallet',
		handler: ({ state }) => ({ status: 200, body: state.aitelier.wallet }),
	},
];
