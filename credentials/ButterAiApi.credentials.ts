import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';
import {
	type VoiceApiCredentialSpec,
	voiceApiAuthentication,
	voiceApiProperties,
	voiceApiTest,
} from './shared/voiceApiCredential';

const butterAi: VoiceApiCredentialSpec = {
	platform: 'Butter AI',
	defaultBaseUrl: 'https://api.getbutter.ai',
	keyHint: 'from the Butter AI dashboard',
	test: { method: 'GET', url: '/v1/agents?limit=1' },
	messages: {
		unauthorized: 'Invalid API key — Butter AI refused it (401)',
		forbidden:
			'Butter AI accepted the key but refused access (403): check the organization and role',
	},
	offersApiKeyHeaderStyle: true,
	rateFields: [
		{
			displayName: 'Plan',
			name: 'plan',
			type: 'options',
			options: [
				{ name: 'Starter (10 Requests per Second)', value: 'starter' },
				{ name: 'Pro (50 Requests per Second)', value: 'pro' },
				{ name: 'Custom Rate', value: 'custom' },
			],
			default: 'starter',
			description:
				'Butter AI limits requests per second by plan; the nodes send at most this fast with this key (all items and executions of this n8n together)',
		},
		{
			displayName: 'Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10,
			displayOptions: { show: { plan: ['custom'] } },
			description: 'Your agreed rate, or less if other tools use the same key',
		},
	],
	signingSecret: {
		description:
			"Only if Butter AI signs callbacks (it documents no signing): the secret of their shared-secret header or HMAC signature, for the Butter AI Trigger's signing options. Not needed for its default, a secret token in the callback URL",
	},
};

export class ButterAiApi implements ICredentialType {
	name = 'butterAiApi';

	displayName = 'Butter AI API';

	icon: Icon = { light: 'file:../icons/butterAi.svg', dark: 'file:../icons/butterAi.dark.svg' };

	documentationUrl = 'https://github.com/voice-agents/n8n-nodes-voice-agents#credentials';

	properties: INodeProperties[] = voiceApiProperties(butterAi);

	authenticate: IAuthenticateGeneric = voiceApiAuthentication(butterAi);

	test: ICredentialTestRequest = voiceApiTest(butterAi);
}
