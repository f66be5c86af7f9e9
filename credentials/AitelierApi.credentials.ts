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

const aitelier: VoiceApiCredentialSpec = {
	platform: 'Aitelier',
	defaultBaseUrl: 'https://api.aitelier.org/v1',
	keyHint: 'avp_live_…, from Connections → API keys',
	// The wallet needs no scope, so any valid key passes whatever scopes it was granted.
	test: { method: 'GET', url: '/wallet' },
	messages: {
		unauthorized: 'Missing or invalid API key (401)',
		forbidden: 'Aitelier accepted the key but it lacks a scope for this request (403)',
	},
	rateFields: [
		{
			displayName: 'Requests per Minute',
			name: 'requestsPerMinute',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			description:
				'Aitelier allows 60 per minute (and 1,000 per hour) per key by default; the nodes send at most this fast with this key (all items and executions of this n8n together)',
		},
		{
			displayName: 'Outbound Calls per Minute',
			name: 'callsPerMinute',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 5,
			description: 'Aitelier places at most 5 outbound calls per minute per project by default',
		},
	],
};

export class AitelierApi implements ICredentialType {
	name = 'aitelierApi';

	displayName = 'Aitelier API';

	icon: Icon = { light: 'file:../icons/aitelier.svg', dark: 'file:../icons/aitelier.dark.svg' };

	documentationUrl = 'https://github.com/voice-agents/n8n-nodes-voice-agents#credentials';

	properties: INodeProperties[] = voiceApiProperties(aitelier);

	authenticate: IAuthenticateGeneric = voiceApiAuthentication(aitelier);

	test: ICredentialTestRequest = voiceApiTest(aitelier);
}
