import { type PlatformProfile, unwrapDataEnvelope } from '../shared/platformProfile';

export const butterAi: PlatformProfile = {
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

/** Butter IDs: a resource prefix and 12+ hex characters. */
export const butterIdPattern = (prefix: string) => `^${prefix}[0-9a-fA-F]{12,}$`;

export const isButterId = (prefix: string, id: string): boolean => new RegExp(butterIdPattern(prefix)).test(id);
