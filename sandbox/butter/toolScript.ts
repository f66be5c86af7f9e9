import { z } from 'zod';

import type { ControlRoute, Reply } from '../http';
import type { SandboxState } from '../state';
import { noToolScript } from './data';
import { type ButterCall, TOOL_BODY_STYLES, type ToolScript } from './model';
import { invokeToolStep } from './toolInvocation';

/** Strict objects: a misspelt field (`atMs`) is refused by name instead of silently ignored. */
const scriptStep = z
	.object({
		at_ms: z.number().int().min(0).max(600_000),
		tool: z.string().min(1).max(50),
		arguments: z.record(z.unknown()).default({}),
	})
	.strict();
const scriptBody = z
	.object({
		steps: z.array(scriptStep).max(50),
		agent_id: z.string().min(1).optional(),
		body_style: z.enum(TOOL_BODY_STYLES).default('flat'),
	})
	.strict();

/** The first problem, named by its path: `steps.0.at_ms: Expected number, received string`. */
function invalidScript(error: z.ZodError): Reply {
	const issue = error.issues[0];
	const field = issue.path.join('.') || 'body';
	return {
		status: 400,
		body: { error: `${field}: ${issue.message}`, field, issues: error.issues },
	};
}

/** Mounted under /_sandbox with the other Butter control routes; a reset clears the script. */
export const toolScriptRoutes: ControlRoute[] = [
	{
		method: 'PUT',
		pattern: '/butter/tool-script',
		handler: (state, { body }) => {
			const parsed = scriptBody.safeParse(body);
			if (!parsed.success) return invalidScript(parsed.error);
			// A new object each time: calls already in progress keep playing the script they started.
			state.butter.toolScript = { ...parsed.data, agent_id: parsed.data.agent_id ?? null };
			return { status: 200, body: state.butter.toolScript };
		},
	},
	{
		method: 'GET',
		pattern: '/butter/tool-script',
		handler: (state) => ({ status: 200, body: state.butter.toolScript }),
	},
	{
		method: 'DELETE',
		pattern: '/butter/tool-script',
		handler: (state) => {
			state.butter.toolScript = noToolScript();
			return { status: 200, body: state.butter.toolScript };
		},
	},
];

const playsFor = (script: ToolScript, call: ButterCall) =>
	script.steps.length > 0 && (script.agent_id === null || script.agent_id === call.agent_id);

/**
 * Starts the tool script for a call that has just entered in-progress: each step `at_ms` later,
 * on the scheduler (so a reset cancels what has not started). `onSettled` runs once every step
 * has answered, timed out or failed. Returns false when no script plays for this call.
 */
export function startToolScript(
	state: SandboxState,
	call: ButterCall,
	onSettled: () => void,
): boolean {
	const organisation = state.butter;
	const script = organisation.toolScript;
	if (!playsFor(script, call)) return false;
	let unsettled = script.steps.length;
	for (const step of script.steps) {
		state.scheduler.after(step.at_ms, async () => {
			try {
				await invokeToolStep(state, organisation, call, step, script.body_style);
			} finally {
				if (--unsettled === 0) onSettled();
			}
		});
	}
	return true;
}
