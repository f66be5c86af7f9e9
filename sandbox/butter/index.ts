import type { IncomingHttpHeaders } from 'http';

import { type Caller, fail, type Route } from '../http';
import { BUTTER_ORG_ID, BUTTER_ROLES } from '../keys';
import { agentRoutes } from './agents';
import { callRoutes } from './calls';
import { chatRoutes } from './chat';
import { integrationRoutes } from './integrations';
import { knowledgeBaseRoutes } from './knowledgeBase';
import { phoneNumberRoutes } from './phoneNumbers';
import { toolRoutes } from './tools';

export const butterRoutes: Route[] = [
	...agentRoutes,
	...integrationRoutes,
	...phoneNumberRoutes,
	...callRoutes,
	...knowledgeBaseRoutes,
	...toolRoutes,
	...chatRoutes,
];

const header = (headers: IncomingHttpHeaders, name: string) => {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
};

/** Bearer key, or the documented X-API-Key + X-Organization-Id pair. */
export function authenticateButter(headers: IncomingHttpHeaders): Caller {
	const bearer = header(headers, 'authorization')?.match(/^Bearer\s+(.+)$/i)?.[1];
	const apiKey = bearer ?? header(headers, 'x-api-key');
	if (!apiKey) throw fail(401, 'Missing API key');
	const role = BUTTER_ROLES[apiKey];
	if (!role) throw fail(401, 'Invalid API key');
	if (!bearer && header(headers, 'x-organization-id') !== BUTTER_ORG_ID) throw fail(401, 'Invalid API key');
	return { apiKey, role };
}
