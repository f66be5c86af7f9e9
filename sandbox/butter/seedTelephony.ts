import { stableHex } from '../ids';
import type { ButterAgent, ButterIntegration, ButterPhoneNumber } from './model';

const SEEDED_AT = '2024-02-01T09:00:00.000Z';

/**
 * One Twilio integration and three numbers: a Twilio number on the first pipeline agent, a free
 * SIP number (with a password and PIN, to prove they are never echoed) and a Twilio number on
 * the first realtime agent.
 */
export function seedTelephony(agents: ButterAgent[]): {
	integrations: ButterIntegration[];
	phoneNumbers: ButterPhoneNumber[];
} {
	const integration: ButterIntegration = {
		id: `intg_${stableHex('butter-integration-0')}`,
		name: 'Sandbox Twilio',
		provider: 'twilio',
		category: 'telephony',
		status: 'active',
		account_sid: `AC${stableHex('butter-integration-0-sid', 32)}`,
		created_at: SEEDED_AT,
	};
	const firstOf = (architecture: string) =>
		agents.find((agent) => agent.agentArchitecture === architecture)!.id;
	const common = {
		supports_inbound: true,
		supports_outbound: true,
		webhook_url: null,
		created_at: SEEDED_AT,
		updated_at: SEEDED_AT,
	};
	const noSecrets = { sip_password: null, inbound_pin: null };
	const phoneNumbers: ButterPhoneNumber[] = [
		{
			id: `phon_${stableHex('butter-phone-0')}`,
			phone_number: '+15550100001',
			provider: 'twilio',
			name: 'Main sales line',
			agent_id: firstOf('pipeline'),
			integration_id: integration.id,
			secrets: noSecrets,
			...common,
		},
		{
			id: `phon_${stableHex('butter-phone-1')}`,
			phone_number: '+15550100002',
			provider: 'sip',
			name: 'Office SIP trunk',
			agent_id: null,
			sip: {
				sip_trunk_name: 'office-trunk',
				sip_username: 'sandbox',
				sip_server_address: 'sip.sandbox.example.com',
				inbound_room_name: 'office-inbound',
				media_encryption: 'allow',
			},
			secrets: { sip_password: 'seeded-sip-password', inbound_pin: '482913' },
			...common,
		},
		{
			id: `phon_${stableHex('butter-phone-2')}`,
			phone_number: '+15550100003',
			provider: 'twilio',
			name: 'Realtime support line',
			agent_id: firstOf('realtime'),
			integration_id: integration.id,
			secrets: noSecrets,
			...common,
		},
	];
	return { integrations: [integration], phoneNumbers };
}
