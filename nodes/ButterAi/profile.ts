import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { type IdShape, safeId } from '../shared/fields';
import type { PlatformApi } from '../shared/request/apiRequest';
import type { PagePaging } from '../shared/request/paging';
import { configuredRate } from '../shared/request/pacer';
import { routeFor } from '../shared/request/routing';
import { type PlatformProfile, unwrapDataEnvelope } from '../shared/platformProfile';

const PLAN_RATES: Record<string, number> = { starter: 10, pro: 50 };

function butterRate(credentials: ICredentialDataDecryptedObject): number {
	const plan = String(credentials.plan ?? 'starter');
	return plan === 'custom'
		? configuredRate(credentials.requestsPerSecond, PLAN_RATES.starter)
		: (PLAN_RATES[plan] ?? PLAN_RATES.starter);
}

export const profile: PlatformProfile = {
	name: 'Butter AI',
	unwrap: unwrapDataEnvelope,
	codeHints: {
		text_agent_voice_only:
			'Text agents only chat: use Chat → Send Message, or pick a pipeline or realtime agent for calls and phone numbers',
		forbidden:
			'Only organization owners and admins may change public or commercial agents; creators may change their own private ones',
	},
	pacing: {
		credentialType: 'butterAiApi',
		// Requests per second by plan (vendor docs: Starter 10, Pro 50), or the credential's own.
		scopes: (credentials) => [
			{
				key: 'key',
				rules: [{ limit: butterRate(credentials), windowMs: 1000 }],
			},
		],
	},
	hints: {
		403: 'Only organization owners and admins may change public or commercial agents; creators may change their own private ones',
		429: 'Butter AI limits requests per second by plan (Starter 10, Pro 50); the node waited and retried within its bound',
	},
};

export const api: PlatformApi = { profile, credentialType: 'butterAiApi' };

/** An operation's routing through the shared request core, with this platform's profile. */
export const route = routeFor(profile);

/**
 * A Butter ID: any ID of the safe shape. The overview says "prefix + 12 or more hex" but the agents
 * text's own examples (`agent_abc123`) are not, so the prefix only shapes placeholders and hints.
 */
export interface ButterIdShape extends IdShape {
	prefix: string;
}

const butterId = (prefix: string): ButterIdShape => ({ prefix, ...safeId(`${prefix}abc123`) });

export const AGENT_ID = butterId('agent_');
export const CALL_ID = butterId('call_');
export const DOCUMENT_ID = butterId('doc_');
export const INTEGRATION_ID = butterId('intg_');
export const PHONE_NUMBER_ID = butterId('phon_');
export const TOOL_ID = butterId('tool_');

/**
 * Agents are declared page-style (`?page=n&limit=m`), as the agents text shows; Butter's other
 * lists cursor-style (the shared CURSOR_PAGES), as the overview shows. Either way every walk
 * follows the style the answer itself shows (VENDOR-NOTES: "support both").
 */
export const AGENT_PAGES: PagePaging = { style: 'page', maxPageSize: 100 };

/** Agent visibility, as create, update and the Get Many filter offer it. */
export const AGENT_MODES = [
	{ name: 'Commercial', value: 'commercial' },
	{ name: 'Private', value: 'private' },
	{ name: 'Public', value: 'public' },
];

/** A call status as a title, e.g. "no-answer" → "No Answer". */
export const statusTitle = (status: string) =>
	status.replace(/(^|-)(\w)/g, (_, dash: string, c: string) => (dash ? ' ' : '') + c.toUpperCase());
