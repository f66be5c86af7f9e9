import type { IncomingHttpHeaders } from 'http';

import { type Caller, fail, type Route } from '../http';
import { AITELIER_KEY_SCOPES } from '../keys';
import { callRoutes } from './calls';
import { walletRoutes } from './wallet';

export const aitelierRoutes: Route[] = [...callRoutes, ...walletRoutes];

export function authenticateAitelier(headers: IncomingHttpHeaders): Caller {
	const apiKey = String(headers.authorization ?? '').match(/^Bearer\s+(.+)$/i)?.[1];
	if (!apiKey) throw fail(401, 'Missing API key: send Authorization: Bearer avp_live_…');
	const scopes = AITELIER_KEY_SCOPES[apiKey];
	if (!scopes) throw fail(401, 'Invalid API key');
	return { apiKey, scopes };
}
