import type { SandboxState } from '../state';
import type { ButterCall, ButterState, ButterTool, ToolBodyStyle, ToolScriptStep } from './model';

/** How one tool request ended; `ms` is the wall-clock time it took. */
type Outcome =
	| { kind: 'answered'; status: number; ms: number; answer: unknown }
	| { kind: 'failed'; status: number; ms: number }
	| { kind: 'failed'; error: string; ms: number }
	| { kind: 'timed_out'; ms: number };

/** The longest answer a transcript line quotes. */
const MAX_ANSWER_CHARS = 1000;

const WITHOUT_BODY = new Set(['GET', 'DELETE']);

/** Why the call's agent cannot use the tool, or null when it can. */
function unavailability(
	organisation: ButterState,
	call: ButterCall,
	name: string,
	tool: ButterTool | undefined,
): string | null {
	if (!tool) return `no tool named ${name}`;
	const agent = organisation.agents.find((a) => a.id === call.agent_id);
	if (!agent) return `agent ${call.agent_id} no longer exists`;
	const enabled = Array.isArray(agent.enabledCustomFunctions) ? agent.enabledCustomFunctions : [];
	// The agents text lists tools by name, the vendor notes attach them by ID: either enables one.
	if (!enabled.includes(tool.name) && !enabled.includes(tool.id))
		return `not in enabledCustomFunctions of agent ${agent.id}`;
	return null;
}

/** Query values are strings; anything else travels JSON-encoded (`5`, `true`, `{"a":1}`). */
const queryValue = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The one request for a step: the tool's method, URL and stored headers, the arguments in `style`. */
export function toolRequest(
	tool: ButterTool,
	call: ButterCall,
	args: Record<string, unknown>,
	style: ToolBodyStyle,
): { url: string; init: RequestInit } {
	const about = { call_id: call.id, agent_id: call.agent_id };
	// The stored headers go exactly as they are: they carry the receiving trigger's secret.
	const headers: Record<string, string> = { ...tool.headers };
	if (WITHOUT_BODY.has(tool.http_method)) {
		const url = new URL(tool.webhook_url);
		const query = style === 'wrapped' ? { ...args, ...about } : args;
		for (const [name, value] of Object.entries(query))
			url.searchParams.set(name, queryValue(value));
		return { url: url.toString(), init: { method: tool.http_method, headers } };
	}
	const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
	if (!hasContentType) headers['content-type'] = 'application/json';
	const body = style === 'wrapped' ? { tool: tool.name, arguments: args, ...about } : args;
	return {
		url: tool.webhook_url,
		init: { method: tool.http_method, headers, body: JSON.stringify(body) },
	};
}

const parseAnswer = (text: string): unknown => {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
};

/** Node's fetch says only "fetch failed"; the cause names what happened (ECONNREFUSED …). */
function describeError(error: unknown): string {
	// Duck-typed: fetch's errors may come from another realm (jest's VM), where instanceof fails.
	const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { message?: unknown } };
	if (typeof cause?.message === 'string') return cause.message;
	return typeof message === 'string' ? message : String(error);
}

async function send(
	tool: ButterTool,
	request: { url: string; init: RequestInit },
): Promise<Outcome> {
	const started = performance.now();
	const elapsed = () => Math.round(performance.now() - started);
	// Covers reading the answer too: a tool that trickles its body past the limit times out.
	const signal = AbortSignal.timeout(tool.timeout_seconds * 1000);
	try {
		const response = await fetch(request.url, {
			...request.init,
			// A redirect is an answer of its own: following it would carry the secret headers along.
			redirect: 'manual',
			signal,
		});
		const text = await response.text();
		if (!response.ok) return { kind: 'failed', status: response.status, ms: elapsed() };
		return { kind: 'answered', status: response.status, ms: elapsed(), answer: parseAnswer(text) };
	} catch (error) {
		// Only the timeout can abort the request.
		if (signal.aborted) return { kind: 'timed_out', ms: elapsed() };
		return { kind: 'failed', error: describeError(error), ms: elapsed() };
	}
}

function quoted(answer: unknown): string {
	const text = typeof answer === 'string' ? answer : JSON.stringify(answer);
	if (text === '') return '(empty answer)';
	return text.length > MAX_ANSWER_CHARS ? `${text.slice(0, MAX_ANSWER_CHARS - 1)}…` : text;
}

/** The ledger entry and transcript line an outcome leaves. */
function recordOutcome(
	state: SandboxState,
	call: ButterCall,
	tool: ButterTool,
	outcome: Outcome,
): void {
	// Header names only: their values are the receiving workflow's secrets.
	const sent = { tool: tool.name, method: tool.http_method, headers: Object.keys(tool.headers) };
	const write = (action: string, details: Record<string, unknown>, line: string) => {
		state.ledger.record(
			{ platform: 'butter', action, resourceId: call.id, details: { ...sent, ...details } },
			state.now(),
		);
		call.transcript.push({ speaker: 'tool', text: `${tool.name}: ${line}` });
	};
	switch (outcome.kind) {
		case 'answered':
			return write(
				'tool.answered',
				{ status: outcome.status, ms: outcome.ms, answer: outcome.answer },
				quoted(outcome.answer),
			);
		case 'timed_out':
			return write(
				'tool.timed_out',
				{ timeout_seconds: tool.timeout_seconds, ms: outcome.ms },
				`no answer within ${tool.timeout_seconds} s`,
			);
		case 'failed':
			return 'status' in outcome
				? write(
						'tool.failed',
						{ status: outcome.status, ms: outcome.ms },
						`failed with HTTP ${outcome.status}`,
					)
				: write(
						'tool.failed',
						{ error: outcome.error, ms: outcome.ms },
						`failed, ${outcome.error}`,
					);
	}
}

/**
 * Plays one step of a tool script for a call in progress: the agent asks for the tool, the
 * sandbox sends the one request (or refuses an unknown or not-enabled tool without sending),
 * and leaves one ledger entry and one transcript line. Never throws; resolves once settled.
 */
export async function invokeToolStep(
	state: SandboxState,
	organisation: ButterState,
	call: ButterCall,
	step: ToolScriptStep,
	style: ToolBodyStyle,
): Promise<void> {
	// A reset replaces the organisation: nothing of the old one's calls may reach the new one.
	if (state.butter !== organisation) return;
	const tool = organisation.tools.find((t) => t.name === step.tool);
	const reason = unavailability(organisation, call, step.tool, tool);
	if (!tool || reason) {
		state.ledger.record(
			{
				platform: 'butter',
				action: 'tool.unavailable',
				resourceId: call.id,
				details: { tool: step.tool, reason },
			},
			state.now(),
		);
		call.transcript.push({ speaker: 'tool', text: `${step.tool}: not available, ${reason}` });
		return;
	}
	const outcome = await send(tool, toolRequest(tool, call, step.arguments, style));
	if (state.butter !== organisation) return;
	recordOutcome(state, call, tool, outcome);
}
