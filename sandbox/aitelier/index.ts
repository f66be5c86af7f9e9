import type { IncomingHttpHeaders } from 'http';

import { type Caller, fail, type Route } from '../http';
import { AITELIER_KEY_SCOPES } from '../keys';
import { batchRoutes } from './batches';
import { callRoutes } from './calls';
import { fanOutRoutes } from './fanout';
import { invoiceRoutes } from './invoices';
import { knowledgeRoutes } from './knowledge';
import { recordingRoutes } from './recordings';
import { sessionRoutes } from './sessions';
import { usageRoutes } from './usage';
import { walletRoutes } from './wallet';
import { webhookRoutes } from './webhooks';

export const aitelierRoutes: Route[] = [
	...callRoutes,
	...sessionRoutes,
	...recordingRoutes,
	...batchRoutes,
	...webhookRoutes,
	...fanOutRoutes,
	...knowledgeRoutes,
	...usageRoutes,
	...walletRoutes,
	...invoiceRoutes,
];

export function authenticateAitelier(headers: IncomingHttpHeaders): Caller {
	const apiKey = String(headers.authorization ?? '').match(/^Bearer\s+(.+)$/i)?.[1];
	if (!apiKey) throw fail(401, 'Missing API key: send Authorization: Bearer avp_live_…');
	const scopes = AITELIER_KEY_SCOPES[apiKey];
	if (!scopes) throw fail(401, 'Invalid API key');
	return { apiKey, scopes };
}
