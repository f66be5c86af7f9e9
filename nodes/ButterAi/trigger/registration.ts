import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { pathId } from '../../shared/fields';
import { asNodeError, PlatformApiError } from '../../shared/platformError';
import { apiRequest } from '../transport';
import { isThisTrigger, registeredUrl } from './urlToken';

/** What activation changed, so deactivation can put it back: number ID → its previous callback URL. */
type Registrations = Record<string, string | null>;

const registrationsOf = (context: IHookFunctions) => {
	const data = context.getWorkflowStaticData('node');
	return ((data.registrations as Registrations | undefined) ?? {}) as Registrations;
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

/**
 * Points each picked number's status callback at this trigger, remembering the URL it had. If
 * one fails, those already changed are put back before the error is raised.
 */
export async function registerCallbacks(context: IHookFunctions, url: string): Promise<void> {
	const registrations = registrationsOf(context);
	const changed: string[] = [];
	try {
		for (const id of pickedNumbers(context)) {
			const current = (await numberOf(context, id)).webhook_url;
			if (current !== url) {
				// A URL left by an earlier activation of this trigger is not worth restoring.
				if (!(id in registrations))
					registrations[id] =
						typeof current === 'string' && !isThisTrigger(context, current) ? current : null;
				await setCallbackUrl(context, id, url);
				changed.push(id);
			} else if (!(id in registrations)) {
				registrations[id] = null;
			}
		}
	} catch (error) {
		for (const id of changed) await setCallbackUrl(context, id, registrations[id] ?? null);
		throw asNodeError(context.getNode(), error);
	}
	context.getWorkflowStaticData('node').registrations = registrations;
}

/** Restores each number this trigger changed, unless someone has pointed it elsewhere since. */
export async function unregisterCallbacks(context: IHookFunctions): Promise<void> {
	const registrations = registrationsOf(context);
	for (const [id, previous] of Object.entries(registrations)) {
		try {
			const number = await numberOf(context, id);
			if (isThisTrigger(context, number.webhook_url)) await setCallbackUrl(context, id, previous);
		} catch (error) {
			// A number deleted since activation has nothing left to restore.
			if (!(error instanceof PlatformApiError && error.httpCode === '404'))
				throw asNodeError(context.getNode(), error);
		}
	}
	delete context.getWorkflowStaticData('node').registrations;
}
