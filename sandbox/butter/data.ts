import { stableHex } from '../ids';

export interface ButterAgent {
	id: string;
	name: string;
	mode: 'public' | 'private' | 'commercial';
	agentArchitecture: 'pipeline' | 'realtime' | 'text';
	[field: string]: unknown;
}

export interface ButterState {
	agents: ButterAgent[];
}

const MODES = ['public', 'private', 'commercial'] as const;
const ARCHITECTURES = ['pipeline', 'realtime', 'text'] as const;
const NAMES = ['Sales Bot', 'Customer Support', 'Booking Desk', 'Survey Caller', 'Helpdesk Chat'];

/** 250 agents, enough to page through; fields as in the seed's Get Agent example. */
export function seedButter(): ButterState {
	const agents = Array.from({ length: 250 }, (_, i): ButterAgent => {
		const architecture = ARCHITECTURES[i % 3];
		const created = new Date(Date.UTC(2024, 0, 10, 9) + i * 3_600_000).toISOString();
		return {
			id: `agent_${stableHex(`butter-agent-${i}`)}`,
			name: `${NAMES[i % NAMES.length]} ${i + 1}`,
			mode: MODES[(i + Math.floor(i / 3)) % 3],
			agentArchitecture: architecture,
			...(architecture === 'realtime'
				? { realtimeProvider: 'openai', voiceId: 'alloy' }
				: { model: architecture === 'text' ? 'gpt-4o-mini' : 'gpt-4o' }),
			...(architecture === 'pipeline' ? { stt: 'deepgram', tts: 'cartesia', voiceId: 'voice_xyz' } : {}),
			systemPrompt: 'You are a helpful agent for Acme Corp.',
			language: 'en',
			active: i % 4 !== 0,
			temperature: 0.7,
			enabledFunctions: ['web_search'],
			enabledCustomFunctions: [],
			createdBy: i % 2 === 0 ? 'owner' : 'member',
			createdAt: created,
			updatedAt: created,
		};
	});
	return { agents };
}
