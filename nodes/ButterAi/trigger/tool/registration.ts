import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pathId } from '../../../shared/fields';
import { asNodeError, PlatformApiError } from '../../../shared/platformError';
import { allRecords, apiRequest } from '../../../shared/request/apiRequest';
import { AGENT_PAGES, api } from '../../profile';
import { PROOF_HEADER, type ToolSpec, toolSpec } from './toolSpec';

/*
 * The tool trigger registers itself: a Butter tool pointing at this node's URL, carrying a
 * secret header, enabled on the picked agents. Static data remembers exactly what it created,
 * so deactivation removes that and nothing else.
 */

/** What this activation created, in the node's static data. */
export interface ToolMemory {
	toolId?: string;
	toolName?: string;
	secret?: string;
	/** Agents this trigger enabled the tool on (not those that had the name already). */
	attachedAgents?: string[];
}

export const memoryOf = (context: IHookFunctions) =>
	context.getWorkflowStaticData('node') as ToolMemory & IDataObject;

const isNotFound = (error: unknown) =>
	error instanceof PlatformApiError && error.httpCode === '404';

const toolPath = (context: IHookFunctions, id: string) =>
	`/v1/tools/${pathId(context.getNode(), 'Tool', id)}`;
const agentPath = (context: IHookFunctions, id: string) =>
	`/v1/agents/${pathId(context.getNode(), 'Agent', id)}`;

const dataOf = (answer: IDataObject) => (answer.data ?? answer) as IDataObject;

/** The tool's fields as Butter should hold them for this activation. */
function wanted(context: IHookFunctions, spec: ToolSpec, secret: string): IDataObject {
	return {
		name: spec.name,
		description: spec.description,
		webhook_url: context.getNodeWebhookUrl('default') as string,
		http_method: spec.http_method,
		headers: { [PROOF_HEADER]: secret },
		parameters: spec.parameters,
		timeout_seconds: spec.timeout_seconds,
	};
}

/** Key order does not matter to a JSON Schema; compare it canonically. */
function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object')
		return `{${Object.keys(value)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as IDataObject)[key])}`)
			.join(',')}}`;
	return JSON.stringify(value);
}

/** Header names are case-insensitive; Butter may also hide header values (then they cannot drift here). */
function secretHeld(tool: IDataObject, secret: string): boolean {
	const headers = tool.headers;
	if (headers === undefined || headers === null) return true;
	if (typeof headers !== 'object') return false;
	const entry = Object.entries(headers).find(
		([name]) => name.toLowerCase() === PROOF_HEADER.toLowerCase(),
	);
	return entry !== undefined && entry[1] === secret;
}

/** The fields of `tool` that differ from what this activation registered. */
export function driftOf(tool: IDataObject, want: IDataObject, secret: string): string[] {
	const drift = ['name', 'description', 'webhook_url', 'http_method', 'timeout_seconds'].filter(
		(field) => String(tool[field] ?? '') !== String(want[field] ?? ''),
	);
	if (canonicalJson(tool.parameters ?? null) !== canonicalJson(want.parameters))
		drift.push('parameters');
	if (!secretHeld(tool, secret)) drift.push('headers');
	return drift;
}

const enabledNames = (agent: IDataObject) =>
	Array.isArray(agent.enabledCustomFunctions) ? agent.enabledCustomFunctions.map(String) : [];

/*
 * An agent's tools are one list, changed by read-then-write (Butter has no "add one"). n8n
 * activates workflows concurrently, so two tool triggers on one agent would overwrite each
 * other's entry: changes to one agent are queued within this process, and each write is read
 * back (another process may have written in between).
 */
const agentQueues = new Map<string, Promise<unknown>>();

async function oneAtATime<T>(key: string, change: () => Promise<T>): Promise<T> {
	const before = agentQueues.get(key) ?? Promise.resolve();
	const run = before.then(change, change);
	const settled = run.then(
		() => undefined,
		() => undefined,
	);
	agentQueues.set(key, settled);
	try {
		return await run;
	} finally {
		if (agentQueues.get(key) === settled) agentQueues.delete(key);
	}
}

const agentKey = (context: IHookFunctions, agentId: string) =>
	`${context.getNode().credentials?.butterAiApi?.id ?? ''}:${agentId}`;

const MAX_WRITES = 3;

async function namesOn(context: IHookFunctions, agentId: string): Promise<string[]> {
	return enabledNames(
		dataOf(await apiRequest(context, api, { method: 'GET', url: agentPath(context, agentId) })),
	);
}

async function setNames(context: IHookFunctions, agentId: string, names: string[]): Promise<void> {
	await apiRequest(context, api, {
		method: 'PATCH',
		url: agentPath(context, agentId),
		body: { enabledCustomFunctions: names },
		json: true,
	});
}

/** Enables the tool's name on an agent; true when this call added it. */
async function enableOn(context: IHookFunctions, agentId: string, name: string): Promise<boolean> {
	return await oneAtATime(agentKey(context, agentId), async () => {
		let names = await namesOn(context, agentId);
		if (names.includes(name)) return false;
		for (let write = 1; ; write++) {
			await setNames(context, agentId, [...names, name]);
			names = await namesOn(context, agentId);
			if (names.includes(name)) return true;
			if (write === MAX_WRITES)
				throw new NodeOperationError(
					context.getNode(),
					`Agent ${agentId} kept losing the tool "${name}" while it was being enabled`,
					{
						description:
							"Something else is changing the agent's tools at the same time; activate again",
					},
				);
		}
	});
}

/** Takes the tool's name off an agent, leaving its other functions; an agent gone since is fine. */
async function disableOn(context: IHookFunctions, agentId: string, name: string): Promise<void> {
	await oneAtATime(agentKey(context, agentId), async () => {
		try {
			const names = await namesOn(context, agentId);
			if (names.includes(name))
				await setNames(
					context,
					agentId,
					names.filter((n) => n !== name),
				);
		} catch (error) {
			if (!isNotFound(error)) throw asNodeError(context.getNode(), error);
		}
	});
}

async function toolById(context: IHookFunctions, id: string): Promise<IDataObject | undefined> {
	try {
		return dataOf(await apiRequest(context, api, { method: 'GET', url: toolPath(context, id) }));
	} catch (error) {
		if (isNotFound(error)) return undefined;
		throw asNodeError(context.getNode(), error);
	}
}

// n8n serves a node's test URL under /webhook-test/ and its production URL under /webhook/.
const sameTrigger = (a: string, b: string) =>
	a.replace('/webhook-test/', '/webhook/') === b.replace('/webhook-test/', '/webhook/');

function originOf(url: unknown): string {
	try {
		return new URL(String(url)).origin;
	} catch {
		return 'an unreadable URL';
	}
}

/**
 * The tool named like ours that already exists: this trigger's own leftover (same node URL) is
 * taken over; anyone else's is refused by name — the node never changes a tool it did not create.
 */
async function existingByName(
	context: IHookFunctions,
	name: string,
	url: string,
): Promise<IDataObject | undefined> {
	const tools = await allRecords(context, api, '/v1/tools');
	const same = tools.find((tool) => tool.name === name);
	if (!same) return undefined;
	if (typeof same.webhook_url === 'string' && sameTrigger(same.webhook_url, url)) {
		if (same.webhook_url !== url)
			throw new NodeOperationError(
				context.getNode(),
				`The tool "${name}" is live: the workflow is active and Butter AI calls its Production URL`,
				{
					description:
						'To try the tool with test events, deactivate the workflow first (one tool per name), or test with a call against the active workflow',
				},
			);
		return same;
	}
	throw new NodeOperationError(
		context.getNode(),
		`Butter AI already has a tool named "${name}", and it is not this trigger's (it calls ${originOf(same.webhook_url)})`,
		{
			description:
				'Choose another Tool Name, or delete that tool in Butter AI if it is no longer used',
		},
	);
}

/** Creates (or takes back its own leftover) the tool, then enables it on the agents; undone on failure. */
export async function registerTool(context: IHookFunctions): Promise<void> {
	const spec = toolSpec(context);
	const memory = memoryOf(context);
	const secret = randomBytes(32).toString('base64url');
	const want = wanted(context, spec, secret);
	let toolId: string | undefined;
	let created = false;
	const attached: string[] = [];
	try {
		const url = want.webhook_url as string;
		// Only this node's own earlier tool at exactly this URL is taken back (a test listener's
		// URL differs from the production one, and the live tool is never touched from a test).
		let leftover = memory.toolId ? await toolById(context, memory.toolId) : undefined;
		if (leftover?.webhook_url !== url) leftover = await existingByName(context, spec.name, url);
		if (leftover) {
			toolId = String(leftover.id);
			await apiRequest(context, api, {
				method: 'PATCH',
				url: toolPath(context, toolId),
				body: want,
				json: true,
			});
		} else {
			const answer = dataOf(
				await apiRequest(context, api, {
					method: 'POST',
					url: '/v1/tools',
					body: want,
					json: true,
				}),
			);
			toolId = String(answer.id ?? answer.tool_id ?? '');
			created = true;
			if (!toolId)
				throw new NodeOperationError(
					context.getNode(),
					'Butter AI created the tool but sent no ID back',
					{
						description: 'Delete the tool in Butter AI by its name and activate again',
					},
				);
		}
		for (const agentId of spec.agentIds)
			if (await enableOn(context, agentId, spec.name)) attached.push(agentId);
	} catch (error) {
		for (const agentId of attached)
			await disableOn(context, agentId, spec.name).catch(() => undefined);
		if (created && toolId)
			await apiRequest(context, api, { method: 'DELETE', url: toolPath(context, toolId) }).catch(
				() => undefined,
			);
		throw asNodeError(context.getNode(), error);
	}
	memory.toolId = toolId;
	memory.toolName = spec.name;
	memory.secret = secret;
	memory.attachedAgents = [...new Set([...(memory.attachedAgents ?? []), ...attached])];
}

/**
 * Whether the tool is still as this trigger left it; drift (edited in Butter, detached from an
 * agent) is repaired here. False only when the tool is gone (n8n then calls create).
 */
export async function toolIsInPlace(context: IHookFunctions): Promise<boolean> {
	const memory = memoryOf(context);
	if (!memory.toolId || !memory.secret) return false;
	try {
		const tool = await toolById(context, memory.toolId);
		if (!tool) {
			delete memory.toolId;
			return false;
		}
		const spec = toolSpec(context);
		// A renamed tool in the node means a new registration: the old one goes first.
		if (memory.toolName !== spec.name) {
			await unregisterTool(context);
			return false;
		}
		const want = wanted(context, spec, memory.secret);
		const drift = driftOf(tool, want, memory.secret);
		if (drift.length) {
			await apiRequest(context, api, {
				method: 'PATCH',
				url: toolPath(context, memory.toolId),
				body: want,
				json: true,
			});
			context.logger.warn(
				`${context.getNode().name}: the Butter AI tool "${spec.name}" had been changed (${drift.join(', ')}); put back as this trigger registers it`,
				{ toolId: memory.toolId, fields: drift.join(', ') },
			);
		}
		const attached = new Set(memory.attachedAgents ?? []);
		for (const agentId of spec.agentIds)
			if (await enableOn(context, agentId, spec.name)) {
				attached.add(agentId);
				context.logger.warn(
					`${context.getNode().name}: agent ${agentId} no longer had the tool "${spec.name}"; enabled it again`,
					{ agentId },
				);
			}
		memory.attachedAgents = [...attached];
		return true;
	} catch (error) {
		throw asNodeError(context.getNode(), error);
	}
}

/** Disables the tool on the agents this trigger enabled it on, deletes the tool it created; nothing else. */
export async function unregisterTool(context: IHookFunctions): Promise<void> {
	const memory = memoryOf(context);
	try {
		if (memory.toolName)
			for (const agentId of memory.attachedAgents ?? [])
				await disableOn(context, agentId, memory.toolName);
		if (memory.toolId) {
			await apiRequest(context, api, {
				method: 'DELETE',
				url: toolPath(context, memory.toolId),
			}).catch((error: unknown) => {
				if (!isNotFound(error)) throw asNodeError(context.getNode(), error);
			});
		}
	} catch (error) {
		throw asNodeError(context.getNode(), error);
	}
	delete memory.toolId;
	delete memory.toolName;
	delete memory.secret;
	delete memory.attachedAgents;
}

/** Every agent, for the Agents picker (page-style list, walked to the end). */
export const allAgents = (context: Parameters<typeof allRecords>[0]) =>
	allRecords(context, api, '/v1/agents', {}, AGENT_PAGES);
