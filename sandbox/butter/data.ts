import { stableHex } from '../ids';
import { SANDBOX_KEYS, SANDBOX_WEBHOOK_SECRETS } from '../keys';
import type { ButterAgent, ButterState, CallbackSettings, ToolScript } from './model';
import { seedCalls } from './seedCalls';
import { seedTelephony } from './seedTelephony';

export type { ButterAgent, ButterState } from './model';

const MODES = ['public', 'private', 'commercial'] as const;
const ARCHITECTURES = ['pipeline', 'realtime', 'text'] as const;
const NAMES = ['Sales Bot', 'Customer Support', 'Booking Desk', 'Survey Caller', 'Helpdesk Chat'];

/**
 * A few seeded agents carry IDs shaped like the agents text's examples (`agent_abc123`) rather
 * than the overview's "prefix + 12 hex": the texts show both, so the nodes must take both.
 */
const TEXT_SHAPED_AGENT_IDS: Record<number, string> = {
	200: 'agent_abc123',
	201: 'agent_b7',
	202: 'agent-support-7',
	203: 'AGENT_Sales_Bot_2024',
};

/** 250 agents, enough to page through; fields as in the seed's Get Agent example. */
function seedAgents(count = 250, from = 0, idSeed = 'butter-agent'): ButterAgent[] {
	return Array.from({ length: count }, (_, k): ButterAgent => {
		const i = from + k;
		const architecture = ARCHITECTURES[i % 3];
		const created = new Date(Date.UTC(2024, 0, 10, 9) + i * 3_600_000).toISOString();
		return {
			id: TEXT_SHAPED_AGENT_IDS[i] ?? `agent_${stableHex(`${idSeed}-${i}`)}`,
			name: `${NAMES[i % NAMES.length]} ${i + 1}`,
			mode: MODES[(i + Math.floor(i / 3)) % 3],
			agentArchitecture: architecture,
			...(architecture === 'realtime'
				? { realtimeProvider: 'openai', voiceId: 'alloy' }
				: { model: architecture === 'text' ? 'gpt-4o-mini' : 'gpt-4o' }),
			...(architecture === 'pipeline'
				? { stt: 'deepgram', tts: 'cartesia', voiceId: 'voice_xyz' }
				: {}),
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
}

/**
 * Appends `count` agents of the seeded shape under their own ids (benchmarks page through
 * 10,000), all the owner's; an id already taken (after deletes between two calls) is skipped.
 * Returns the new total.
 */
export function addBulkAgents(butter: ButterState, count: number): number {
	const taken = new Set(butter.agents.map((agent) => agent.id));
	const agents = seedAgents(count, butter.agents.length, 'butter-agent-bulk')
		.filter((agent) => !taken.has(agent.id))
		.map((agent) => ({ ...agent, createdBy: 'owner' as const }));
	for (const agent of agents) butter.agentCreatorKeys[agent.id] = SANDBOX_KEYS.butter.owner;
	butter.agents.push(...agents);
	return butter.agents.length;
}

/** Butter documents no callback signing; the sandbox sends a shared secret in a header. */
export const defaultCallbackSettings = (): CallbackSettings => ({
	url: null,
	// Unsigned, as the API texts document; the secret signs only once a test picks a scheme.
	scheme: 'none',
	secret: SANDBOX_WEBHOOK_SECRETS.butter,
	sharedSecretHeader: 'X-Butter-Secret',
	stepDelayMs: 50,
});

/** No tool requests during calls until a test sets a script. */
export const noToolScript = (): ToolScript => ({ steps: [], agent_id: null, body_style: 'flat' });

/** The whole organisation as after a reset: agents, telephony, ~260 past calls, no tools or docs. */
export function seedButter(): ButterState {
	const agents = seedAgents();
	const agentCreatorKeys = Object.fromEntries(
		agents.map((agent) => [
			agent.id,
			agent.createdBy === 'owner' ? SANDBOX_KEYS.butter.owner : SANDBOX_KEYS.butter.member,
		]),
	);
	const { integrations, phoneNumbers } = seedTelephony(agents);
	return {
		agents,
		agentCreatorKeys,
		integrations,
		phoneNumbers,
		calls: seedCalls(agents, phoneNumbers),
		documents: [],
		tools: [],
		conversations: [],
		outcomes: {},
		callbacks: defaultCallbackSettings(),
		plan: 'starter',
		listStyle: 'documented',
		toolScript: noToolScript(),
	};
}
