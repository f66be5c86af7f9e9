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

const buildVoiceAi: VoiceApiCredentialSpec = {
	platform: 'BuildVoiceAI',
	defaultBaseUrl: 'https://app.buildvoiceai.com/api/v1',
	keyHint: 'bvai_sk_…, from Settings → API & Webhooks',
	// The API's only endpoint places calls. An empty body can never dial: a valid key earns a
	// 400 for the missing phone number, a refused one 401 / 403.
	test: { method: 'POST', url: '/calls/trigger', body: {}, acceptedStatuses: [400] },
	messages: {
		unauthorized: 'Invalid API key',
		forbidden: 'API access is disabled for this account (403): enable it in BuildVoiceAI settings',
	},
	rateFields: [
		{
			displayName: 'Requests per Minute',
			name: 'requestsPerMinute',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 100,
			description:
				'BuildVoiceAI allows 100 per minute per key; the nodes send at most this fast with this key (all items and executions of this n8n together). Lower it if other tools share the key.',
		},
	],
	signingSecret: {
		description:
			'The secret BuildVoiceAI shows when you save a webhook URL; the trigger node verifies deliveries with it',
	},
};

export class BuildVoiceAiApi implements ICredentialType {
	name = 'buildVoiceAiApi';

	displayName = 'BuildVoiceAI API';

	icon: Icon = {
		light: 'file:../icons/buildVoiceAi.svg',
		dark: 'file:../icons/buildVoiceAi.dark.svg',
	};

	documentationUrl = 'https://github.com/voice-agents/n8n-nodes-voice-agents#credentials';

	properties: INodeProperties[] = voiceApiProperties(buildVoiceAi);

	authenticate: IAuthenticateGeneric = voiceApiAuthentication(buildVoiceAi);

	test: ICredentialTestRequest = voiceApiTest(buildVoiceAi);
}
