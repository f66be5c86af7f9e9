import type { PlatformProfile } from '../shared/platformProfile';

export const aitelier: PlatformProfile = {
	name: 'Aitelier',
	hints: {
		403: 'The API key lacks the scope this operation needs (outbound:trigger, sessions:read, sessions:read:transcript, webhooks:manage or knowledge:manage): grant it in Connections → API keys',
		409: 'This Idempotency-Key was already used with a different request: give each distinct call its own key',
		422: 'The request is well-formed but refers to something that does not exist (e.g. the scenario)',
		429: 'Aitelier allows 60 requests/min and 1000/hour per key and 5 outbound calls/min per project: for volume, use Batch → Create',
	},
};
