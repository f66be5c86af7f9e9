import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { type Deadline, detailRequest } from '../../shared/callDetails';
import { pathId } from '../../shared/fields';
import { api } from '../profile';
import { AITELIER_EVENTS } from './events';

/** The events that end a call (call.completed, call.failed): only they get the session. */
export const endsCall = (type: string) =>
	AITELIER_EVENTS.some(
		(event) => event.value === type && (event.group === 'completed' || event.group === 'failed'),
	);

const objectOf = (value: unknown): IDataObject | undefined =>
	typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * The call's session as the "post-call" nodes read it, in one object: GET /v1/calls/{id} ("the
 * call's status and full session detail": outcome, goal, slot values, costs) and the session's
 * transcript turns (GET /v1/sessions/{id}/transcript, scope sessions:read:transcript). Both at
 * once when the event names the session, as a call record does; else the call is read first.
 */
export async function fetchSession(
	context: IWebhookFunctions,
	call: IDataObject,
	deadline: Deadline,
): Promise<IDataObject> {
	const node = context.getNode();
	const callId = pathId(node, 'Call ID', text(call.id));
	const callAnswer = detailRequest(context, api, `/calls/${callId}`, deadline);
	const transcriptOf = async (sessionId: string) =>
		await detailRequest(
			context,
			api,
			`/sessions/${pathId(node, 'Session ID', sessionId)}/transcript`,
			deadline,
		);
	const sessionOf = (detail: IDataObject) => {
		const session = objectOf(detail.session);
		if (!session)
			throw new NodeOperationError(node, `Aitelier's answer for call ${callId} has no session`);
		return session;
	};
	// The turns, as the Get Transcript operation shows them; an answer of another shape as sent.
	const withTranscript = (session: IDataObject, transcript: IDataObject) => ({
		...session,
		transcript: Array.isArray(transcript.turns) ? transcript.turns : transcript,
	});
	const eventSessionId = text(call.session_id);
	if (eventSessionId) {
		// Promise.all, so a failure of either is handled, never left unobserved.
		const [detail, transcript] = await Promise.all([callAnswer, transcriptOf(eventSessionId)]);
		return withTranscript(sessionOf(detail), transcript);
	}
	const session = sessionOf(await callAnswer);
	return withTranscript(session, await transcriptOf(text(session.id)));
}
