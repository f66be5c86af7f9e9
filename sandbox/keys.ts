/** Fixed sandbox credentials, documented in the README. Never valid anywhere else. */
export const SANDBOX_KEYS = {
	butter: { owner: 'butter_sk_sandbox_owner_0001', member: 'butter_sk_sandbox_member_0002' },
	buildVoiceAi: {
		primary: 'bvai_sk_sandbox_primary_0001',
		noDefaultAgent: 'bvai_sk_sandbox_nodefault_0002',
	},
	aitelier: { full: 'avp_live_sandbox_full_0001', readOnly: 'avp_live_sandbox_readonly_0002' },
} as const;

export const BUTTER_ORG_ID = 'org_sandbox0001';
export const AITELIER_PROJECT_ID = 'proj_sandbox0001';

export const AITELIER_SCOPES = [
	'outbound:trigger',
	'sessions:read',
	'sessions:read:transcript',
	'webhooks:manage',
	'knowledge:manage',
] as const;
export type AitelierScope = (typeof AITELIER_SCOPES)[number];

export const BUTTER_ROLES: Record<string, 'owner' | 'member'> = {
	[SANDBOX_KEYS.butter.owner]: 'owner',
	[SANDBOX_KEYS.butter.member]: 'member',
};

export const AITELIER_KEY_SCOPES: Record<string, readonly AitelierScope[]> = {
	[SANDBOX_KEYS.aitelier.full]: AITELIER_SCOPES,
	[SANDBOX_KEYS.aitelier.readOnly]: ['sessions:read'],
};

/** Three agents per BuildVoiceAI account; the primary account's default is its first. */
export const BUILDVOICEAI_AGENTS: Record<string, string[]> = {
	[SANDBOX_KEYS.buildVoiceAi.primary]: [
		'3f0b6a52-8c1e-4d7a-9b2f-0e6c1d2a4b5c',
		'7a1c2e3d-4b5f-4a6e-8d9c-0b1a2c3d4e5f',
		'9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
	],
	[SANDBOX_KEYS.buildVoiceAi.noDefaultAgent]: [
		'11111111-2222-4333-8444-555555555555',
		'66666666-7777-4888-9999-aaaaaaaaaaaa',
		'bbbbbbbb-cccc-4ddd-8eee-ffffffffffff',
	],
};

export const AITELIER_SCENARIOS = ['scn_outbound_demo0001', 'scn_followup0002'];

/** Webhook signing secrets the sandbox uses for `npm start` and the e2e tier; sandbox-only. */
export const SANDBOX_WEBHOOK_SECRETS = {
	buildVoiceAi: 'whsec_dm9pY2UtYWdlbnRzLXNhbmRib3gtYnVpbGR2b2ljZWFp',
	/** Signs Butter call status callbacks only once a test picks a scheme; by default they go unsigned. */
	butter: 'butter-sandbox-webhook-secret',
} as const;
