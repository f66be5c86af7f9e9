import { stableHex } from '../ids';
import { applyStatus, notYetRung } from './callRecord';
import { iso } from './common';
import type { ButterAgent, ButterCall, ButterPhoneNumber, CallStatus } from './model';

export const SEEDED_CALLS = 260;
const FIRST_CALL_AT = Date.UTC(2025, 0, 6, 9);

const statusOf = (i: number): CallStatus => {
	if (i % 37 === 0) return 'canceled';
	return (
		[
			'completed',
			'completed',
			'completed',
			'completed',
			'completed',
			'completed',
			'completed',
			'busy',
			'no-answer',
			'failed',
		] as const
	)[i % 10];
};

/**
 * Past calls, more than 250 so Return All has to page: a quarter on each assigned number's
 * agent, the rest spread over the other voice agents through the SIP number, every fifth
 * inbound, every thirteenth a browser preview call.
 */
export function seedCalls(agents: ButterAgent[], phoneNumbers: ButterPhoneNumber[]): ButterCall[] {
	const voiceAgents = agents.filter((agent) => agent.agentArchitecture !== 'text');
	const [twilioMain, sip, twilioRealtime] = phoneNumbers;
	return Array.from({ length: SEEDED_CALLS }, (_, i): ButterCall => {
		const preview = i % 13 === 0;
		const direction = preview ? 'preview' : i % 5 === 0 ? 'inbound' : 'outbound';
		const number = preview ? null : i % 4 === 0 ? twilioMain : i % 4 === 1 ? twilioRealtime : sip;
		const agentId = number?.agent_id ?? voiceAgents[(i * 7) % voiceAgents.length].id;
		const customer = `+1555${String(2_000_000 + i * 17).padStart(7, '0')}`;
		const createdAt = FIRST_CALL_AT + i * 2 * 3_600_000;
		const call: ButterCall = {
			id: `call_${stableHex(`butter-call-${i}`)}`,
			agent_id: agentId,
			direction,
			telephony: number?.provider ?? 'webrtc',
			status: 'queued',
			phone_number_id: number?.id ?? null,
			from_number: direction === 'inbound' ? customer : (number?.phone_number ?? null),
			to_number:
				direction === 'inbound' ? (number?.phone_number ?? null) : preview ? null : customer,
			metadata: i % 3 === 0 ? { campaign: `spring-${i % 4}`, lead_id: `L-${1000 + i}` } : {},
			...notYetRung(iso(createdAt)),
		};
		const status = preview ? 'completed' : statusOf(i);
		const duration = 20 + ((i * 37) % 400);
		applyStatus(call, 'initiated', createdAt + 1_000);
		if (status === 'completed') {
			applyStatus(call, 'in-progress', createdAt + 8_000);
			applyStatus(call, 'completed', createdAt + 8_000 + duration * 1000, duration);
		} else {
			applyStatus(call, status, createdAt + 30_000);
		}
		return call;
	});
}
