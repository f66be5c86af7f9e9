import type { IdShape } from '../shared/fields';
import type { PlatformApi } from '../shared/request/apiRequest';
import type { PagePaging } from '../shared/request/paging';
import { routeFor } from '../shared/request/routing';
import { type PlatformProfile, unwrapDataEnvelope } from '../shared/platformProfile';

export const profile: PlatformProfile = {
	name: 'Butter AI',
	unwrap: unwrapDataEnvelope,
	codeHints: {
		text_agent_voice_only:
			'Text agents only chat: use Chat → Send Message, or pick a pipeline or realtime agent for calls and phone numbers',
		forbidden:
			'Only organization owners and admins may change public or commercial agents; creators may change their own private ones',
	},
	hints: {
		403: 'Only organization owners and admins may change public or commercial agents; creators may change their own private ones',
		429: 'Butter AI limits requests per second by plan (Starter 10, Pro 50); the node waited and retried within its bound',
	},
};

export const api: PlatformApi = { profile, credentialType: 'butterAiApi' };

/** An operation's routing through the shared request core, with this platform's profile. */
export const route = routeFor(profile);

/** A Butter ID: its resource's prefix and 12 or more hex characters. */
export interface ButterIdShape extends IdShape {
	prefix: string;
	/** The rule as regex text, for a locator's By ID validation. */
	pattern: string;
}

function butterId(prefix: string): ButterIdShape {
	const pattern = `^${prefix}[0-9a-fA-F]{12,}$`;
	const regex = new RegExp(pattern);
	return {
		prefix,
		pattern,
		test: (id) => regex.test(id),
		hint: `It is "${prefix}" followed by 12 or more hex characters`,
	};
}

export const AGENT_ID = butterId('agent_');
export const CALL_ID = butterId('call_');
export const DOCUMENT_ID = butterId('doc_');
export const INTEGRATION_ID = butterId('intg_');
export const PHONE_NUMBER_ID = butterId('phon_');
export const TOOL_ID = butterId('tool_');

/** Agents page by number (`?page=n&limit=m`); Butter's other lists use the shared CURSOR_PAGES. */
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
