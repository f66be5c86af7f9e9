import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pathId } from '../../shared/fields';
import { asNodeError, PlatformApiError } from '../../shared/platformError';
import { scrubbedNode } from '../../shared/scrub';
import { apiRequest } from '../transport';
import { isThisTrigger, issueUrlToken, registeredUrl, usesUrlToken } from './urlToken';

/*
 * Whose callbacks a picked number may be taken from, decided per number on every create (first
 * activation, and each restart or repair after checkExists said no):
 * - nothing set, this trigger's URL (any token) or the URL it wrote there (n8n's address changed
 *   since): ours — register.
 * - another n8n trigger's URL: refuse. It may be live, and taking it silently is how two
 *   workflows took a number from each other at every restart.
 * - any other URL on first activation: the user's own endpoint — take it over, logged,
 *   remember it and restore it on deactivation.
 * - later, that same remembered URL (someone put it back): take it over again, logged.
 * - later, any other URL: someone chose it since — refuse; never take it back silently.
 * Every number is checked before anything is written, so a refusal changes nothing.
 */

// Static data keys: number ID → the URL it had before (null: nothing to restore; the key earlier
// versions used), and number ID → the URL this trigger wrote on it.
const ORIGINALS = 'registrations';
const WRITTEN = 'registeredUrls';

interface Memory {
	originals: Record<string, string | null>;
	written: Record<string, string>;
}

type Claim = 'ours' | 'takeOver' | 'anotherTrigger' | 'repointed';

const memoryOf = (context: IHookFunctions): Memory => {
	const data = context.getWorkflowStaticData('node');
	return {
		originals: { ...((data[ORIGINALS] as Memory['originals'] | undefined) ?? {}) },
		written: { ...((data[WRITTEN] as Memory['written'] | undefined) ?? {}) },
	};
};

export function pickedNumbers(context: IHookFunctions): string[] {
	if (context.getNodeParameter('registration', 'phoneNumbers') !== 'phoneNumbers') return [];
	return (context.getNodeParameter('phoneNumberIds', []) as string[]).filter(Boolean);
}

const numberOf = async (context: IHookFunctions, id: string) =>
	(
		await apiRequest(
			context,
			'GET',
			`/v1/phone-numbers/${pathId(context.getNode(), 'Phone Number', id)}`,
		)
	).data as IDataObject;

const setCallbackUrl = async (context: IHookFunctions, id: string, url: string | null) =>
	await apiRequest(
		context,
		'PATCH',
		`/v1/phone-numbers/${pathId(context.getNode(), 'Phone Number', id)}`,
		{ webhook_url: url },
	);

const callbackOf = (number: IDataObject) =>
	typeof number.webhook_url === 'string' && number.webhook_url !== '' ? number.webhook_url : null;

const labelOf = (number: IDataObject, id: string) =>
	typeof number.phone_number === 'string' ? `${number.phone_number} (${id})` : id;

/** A URL as errors and logs may show it: no query (tokens), fragment or user info. */
function shownUrl(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.origin}${parsed.pathname}`;
	} catch {
		return '(a URL that does not parse)';
	}
}

// n8n's webhook IDs are UUIDs: `…/<uuid>/<this node's path>` is a trigger URL on any n8n.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Another n8n trigger's URL: under this n8n's webhook root (same origin, the path above
 * `<webhook id>/<path>`), or shaped like this trigger's URL on any n8n.
 */
function isAnotherTrigger(context: IHookFunctions, url: string): boolean {
	if (isThisTrigger(context, url)) return false;
	let other: URL;
	try {
		other = new URL(url);
	} catch {
		return false;
	}
	const own = new URL(context.getNodeWebhookUrl('default') as string);
	const ownParts = own.pathname.split('/');
	const root = `${ownParts.slice(0, -2).join('/')}/`;
	if (other.origin === own.origin && other.pathname.startsWith(root)) return true;
	const parts = other.pathname.replace(/\/$/, '').split('/');
	return (
		parts[parts.length - 1] === ownParts[ownParts.length - 1] &&
		UUID.test(parts[parts.length - 2] ?? '')
	);
}

function claimOf(
	context: IHookFunctions,
	memory: Memory,
	id: string,
	current: string | null,
): Claim {
	if (current === null || isThisTrigger(context, current) || current === memory.written[id])
		return 'ours';
	if (isAnotherTrigger(context, current)) return 'anotherTrigger';
	if (!(id in memory.originals) || memory.originals[id] === current) return 'takeOver';
	return 'repointed';
}

const WAYS_OUT =
	'pick a different number here, or set Callback Registration to "Manual" and route the events yourself';

function refusal(context: IHookFunctions, claim: Claim, label: string, current: string) {
	const node = scrubbedNode(context.getNode());
	if (claim === 'anotherTrigger')
		return new NodeOperationError(
			node,
			`Phone number ${label} already sends its call status callbacks to another n8n trigger: ${shownUrl(current)}`,
			{
				description: `Nothing was changed. Deactivate the workflow that uses that URL first, ${WAYS_OUT}. If no active workflow uses it any more, clear the number's callback URL in Butter AI, then activate again.`,
			},
		);
	return new NodeOperationError(
		node,
		`Phone number ${label} now sends its call status callbacks to ${shownUrl(current)}, set after this workflow registered on it`,
		{
			description: `Nothing was changed: callbacks are not taken back from an endpoint chosen since. To give the number to this workflow again, deactivate and activate it (that URL is then restored on deactivation); or ${WAYS_OUT}.`,
		},
	);
}

/**
 * True only when every picked number sends its callbacks to this trigger right now, with the
 * token this activation issued (a URL without it, or with an older one, is repaired by create).
 */
export async function callbacksPointHere(context: IHookFunctions): Promise<boolean> {
	const url = registeredUrl(context);
	const ids = pickedNumbers(context);
	if (ids.length === 0 || url === undefined) return false;
	for (const id of ids) {
		if ((await numberOf(context, id)).webhook_url !== url) return false;
	}
	return true;
}

interface Step {
	id: string;
	label: string;
	current: string | null;
	claim: Claim;
}

/** Reads every picked number and refuses before anything is written (the rule above). */
async function checkedSteps(context: IHookFunctions, memory: Memory): Promise<Step[]> {
	const steps: Step[] = [];
	for (const id of pickedNumbers(context)) {
		const number = await numberOf(context, id);
		const current = callbackOf(number);
		const claim = claimOf(context, memory, id, current);
		if (claim === 'anotherTrigger' || claim === 'repointed')
			throw refusal(context, claim, labelOf(number, id), current as string);
		steps.push({ id, label: labelOf(number, id), current, claim });
	}
	return steps;
}

/**
 * Points each picked number's status callback at this trigger (issuing a fresh URL token when
 * verification uses one), once every number is known to be free to take. If a write fails, the
 * numbers already changed and the token are put back before the error is raised.
 */
export async function registerCallbacks(context: IHookFunctions): Promise<void> {
	const memory = memoryOf(context);
	const steps = await checkedSteps(context, memory).catch((error: unknown) => {
		throw asNodeError(context.getNode(), error);
	});

	const restoreToken = usesUrlToken(context) ? issueUrlToken(context) : undefined;
	const url = registeredUrl(context) as string;
	const changed: Step[] = [];
	try {
		for (const step of steps) {
			if (step.current === url) continue;
			await setCallbackUrl(context, step.id, url);
			changed.push(step);
		}
	} catch (error) {
		for (const step of changed) await setCallbackUrl(context, step.id, step.current);
		restoreToken?.();
		throw asNodeError(context.getNode(), error);
	}

	for (const step of steps) {
		if (!(step.id in memory.originals))
			memory.originals[step.id] = step.claim === 'takeOver' ? step.current : null;
		memory.written[step.id] = url;
		if (step.claim === 'takeOver')
			context.logger.warn(
				`${context.getNode().name}: phone number ${step.label} sent its call status callbacks to ${shownUrl(step.current as string)}; they now come to this workflow, and that URL is restored when it is deactivated`,
				{ phoneNumberId: step.id, previousUrl: shownUrl(step.current as string) },
			);
	}
	const data = context.getWorkflowStaticData('node');
	data[ORIGINALS] = memory.originals;
	data[WRITTEN] = memory.written;
}

/** What deactivation writes back: the remembered URL, never an n8n trigger's (it may be dead). */
function restorable(context: IHookFunctions, label: string, original: string | null) {
	if (original === null || isThisTrigger(context, original)) return null;
	if (!isAnotherTrigger(context, original)) return original;
	// Only an earlier version of this node remembered such a URL.
	context.logger.warn(
		`${context.getNode().name}: phone number ${label}'s call status callback is cleared, not pointed back at ${shownUrl(original)}: another n8n trigger's URL, perhaps no longer served`,
		{ previousUrl: shownUrl(original) },
	);
	return null;
}

/** Restores each number this trigger changed, unless someone has pointed it elsewhere since. */
export async function unregisterCallbacks(context: IHookFunctions): Promise<void> {
	const memory = memoryOf(context);
	for (const [id, original] of Object.entries(memory.originals)) {
		try {
			const number = await numberOf(context, id);
			const current = callbackOf(number);
			if (current !== null && (isThisTrigger(context, current) || current === memory.written[id]))
				await setCallbackUrl(context, id, restorable(context, labelOf(number, id), original));
		} catch (error) {
			// A number deleted since activation has nothing left to restore.
			if (!(error instanceof PlatformApiError && error.httpCode === '404'))
				throw asNodeError(context.getNode(), error);
		}
	}
	const data = context.getWorkflowStaticData('node');
	delete data[ORIGINALS];
	delete data[WRITTEN];
}
