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
	signingSecret: {
		description:
			'Butter AI documents no webhook signing. If your callbacks carry a shared-secret header or an HMAC signature, the secret goes here and the Butter AI Trigger checks every delivery with it',
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
