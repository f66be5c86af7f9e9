import { z } from 'zod';

import type { Caller, Route } from '../http';
import type { SandboxState } from '../state';
import {
	action,
	forbidden,
	invalid,
	isBlank,
	iso,
	notFound,
	parseWith,
	requireObject,
	single,
} from './common';
import type { AgentArchitecture, ButterAgent } from './model';
import { cursorPage, styleOf } from './pagination';

const ARCHITECTURES = ['pipeline', 'realtime', 'text'] as const;
const MODES = ['public', 'private', 'commercial'] as const;

/** Required fields in the order they are reported: the common ones, then the architecture's. */
const REQUIRED: Record<AgentArchitecture, string[]> = {
	pipeline: ['name', 'agentArchitecture', 'systemPrompt', 'model', 'stt', 'tts'],
	realtime: ['name', 'agentArchitecture', 'systemPrompt', 'realtimeProvider'],
	text: ['name', 'agentArchitecture', 'systemPrompt', 'model'],
};

/** Types of the documented fields; anything else is kept as sent. */
const agentFields = z
	.object({
		name: z.string().trim().min(1).max(200),
		agentArchitecture: z.enum(ARCHITECTURES),
		model: z.string(),
		stt: z.string(),
		tts: z.string(),
		realtimeProvider: z.string(),
		systemPrompt: z.string(),
		voiceId: z.string(),
		language: z.string(),
		mode: z.enum(MODES),
		temperature: z.number().min(0).max(2),
		enabledFunctions: z.array(z.string()),
		enabledCustomFunctions: z.array(z.string()),
		active: z.boolean(),
	})
	.partial()
	.passthrough();

/** Set by the platform, never by the body. */
const SERVER_FIELDS = ['id', 'createdBy', 'createdAt', 'updatedAt'];

const listQuery = z.object({
	mode: z.enum(MODES).optional(),
	page: z.coerce.number().int().min(1).default(1),
	limit: z.coerce.number().int().min(1).max(100).default(20),
});

const isArchitecture = (value: unknown): value is AgentArchitecture =>
	ARCHITECTURES.includes(value as AgentArchitecture);

function checkRequired(agent: Record<string, unknown>, architecture: AgentArchitecture): void {
	const missing = REQUIRED[architecture].find((field) => isBlank(agent[field]));
	if (missing) throw invalid(missing, `${missing} is required for ${architecture} agents`);
}

export function findAgent(state: SandboxState, id: string): ButterAgent {
	const agent = state.butter.agents.find((a) => a.id === id);
	if (!agent) throw notFound('Agent', id);
	return agent;
}

/** Owners (and admins) change any agent; a member only the private agents a member created. */
function assertMayChange(agent: ButterAgent, caller: Caller, verb: 'update' | 'delete'): void {
	if (caller.role === 'owner') return;
	if (agent.mode !== 'private')
		throw forbidden(`Only organization owners and admins can ${verb} public or commercial agents`);
	if (agent.createdBy !== 'member')
		throw forbidden(`Only the creator can ${verb} this private agent`);
}

function withoutServerFields(body: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(body).filter(([field]) => !SERVER_FIELDS.includes(field)),
	);
}

export const agentRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/v1/agents',
		handler: ({ state, query }) => {
			const parsed = listQuery.safeParse(Object.fromEntries(query));
			if (!parsed.success) {
				const field = String(parsed.error.issues[0].path[0]);
				throw invalid(
					field,
					field === 'limit'
						? 'limit must be an integer between 1 and 100'
						: `${field}: ${parsed.error.issues[0].message}`,
				);
			}
			const { mode, page, limit } = parsed.data;
			const matching = state.butter.agents.filter((agent) => !mode || agent.mode === mode);
			const listed = ({ id, name, mode, agentArchitecture, active, createdAt }: ButterAgent) => ({
				id,
				name,
				mode,
				agentArchitecture,
				active,
				createdAt,
			});
			// The list-style switch: agents as the overview pages its lists (newest first).
			if (styleOf(state, 'agents') === 'cursor') {
				const dated = matching.map((agent) => ({ ...agent, created_at: String(agent.createdAt) }));
				return cursorPage(dated, query, 'agents', { mode }, listed);
			}
			const start = (page - 1) * limit;
			const data = matching.slice(start, start + limit).map(listed);
			return {
				status: 200,
				body: {
					success: true,
					data,
					pagination: { page, total: matching.length, hasNext: start + limit < matching.length },
				},
			};
		},
	},
	{
		method: 'GET',
		pattern: '/v1/agents/:id',
		handler: ({ state, params }) => single(findAgent(state, params.id)),
	},
	{
		method: 'POST',
		pattern: '/v1/agents',
		handler: ({ state, caller, body, now }) => {
			const input = requireObject(body);
			const architecture = input.agentArchitecture;
			// Presence first, in the documented order, so the message can name the architecture.
			const label = isArchitecture(architecture) ? architecture : 'all';
			for (const field of ['name', 'agentArchitecture']) {
				if (isBlank(input[field])) throw invalid(field, `${field} is required for ${label} agents`);
			}
			if (!isArchitecture(architecture))
				throw invalid(
					'agentArchitecture',
					'agentArchitecture must be one of pipeline, realtime, text',
				);
			checkRequired(input, architecture);
			const fields = parseWith(agentFields, withoutServerFields(input));
			const created = iso(now);
			const agent: ButterAgent = {
				...fields,
				id: state.ids.hex('agent_'),
				name: fields.name!,
				agentArchitecture: architecture,
				mode: fields.mode ?? 'private',
				// New agents start inactive, as the seed's create answer shows.
				active: false,
				createdBy: caller.role,
				createdAt: created,
				updatedAt: created,
			};
			state.butter.agents.push(agent);
			state.butter.agentCreatorKeys[agent.id] = caller.apiKey;
			state.ledger.record(
				{
					platform: 'butter',
					action: 'agent.created',
					resourceId: agent.id,
					details: {
						name: agent.name,
						agentArchitecture: architecture,
						mode: agent.mode,
						createdBy: caller.role,
					},
				},
				now,
			);
			return action(201, 'Agent created successfully', agent);
		},
	},
	{
		method: 'PATCH',
		pattern: '/v1/agents/:id',
		handler: ({ state, caller, params, body, now }) => {
			const agent = findAgent(state, params.id);
			assertMayChange(agent, caller, 'update');
			const input = withoutServerFields(requireObject(body));
			if (
				input.agentArchitecture !== undefined &&
				input.agentArchitecture !== agent.agentArchitecture
			) {
				throw invalid(
					'agentArchitecture',
					'agentArchitecture cannot be changed; create a new agent instead',
				);
			}
			const changes = parseWith(agentFields, input);
			if (caller.role !== 'owner' && changes.mode !== undefined && changes.mode !== 'private') {
				throw forbidden(
					'Only organization owners and admins can update public or commercial agents',
				);
			}
			checkRequired({ ...agent, ...input }, agent.agentArchitecture);
			Object.assign(agent, changes, { updatedAt: iso(now) });
			state.ledger.record(
				{
					platform: 'butter',
					action: 'agent.updated',
					resourceId: agent.id,
					details: { fields: Object.keys(changes) },
				},
				now,
			);
			return action(200, 'Agent updated successfully', agent);
		},
	},
	{
		method: 'DELETE',
		pattern: '/v1/agents/:id',
		handler: ({ state, caller, params, now }) => {
			const agent = findAgent(state, params.id);
			assertMayChange(agent, caller, 'delete');
			const butter = state.butter;
			butter.agents = butter.agents.filter((a) => a !== agent);
			delete butter.agentCreatorKeys[agent.id];
			// Its numbers become free and its documents unattached; call history stays (billing).
			const freed = butter.phoneNumbers.filter((number) => number.agent_id === agent.id);
			for (const number of freed) Object.assign(number, { agent_id: null, updated_at: iso(now) });
			for (const document of butter.documents.filter((d) => d.agent_id === agent.id))
				document.agent_id = null;
			state.ledger.record(
				{
					platform: 'butter',
					action: 'agent.deleted',
					resourceId: agent.id,
					details: { freedPhoneNumbers: freed.map((number) => number.id) },
				},
				now,
			);
			return {
				status: 200,
				body: { success: true, data: { message: 'Agent deleted successfully' } },
			};
		},
	},
];
