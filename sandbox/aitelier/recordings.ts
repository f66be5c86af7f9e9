import { createHmac, timingSafeEqual } from 'crypto';

import type { Route } from '../http';
import type { SandboxState } from '../state';
import { denied, iso, notFound, precondition, selfUrl } from './common';
import type { AitelierSession } from './model';
import { hasAudio } from './sessionRecord';
import { toneWav } from './wav';

/**
 * Short-lived signed recording URLs. The signed token sits in the path because every route under
 * /aitelier/v1 authenticates first: the download still sends the API key (the node does), and the
 * token is what grants this one file, for 300 s.
 */

export const RECORDING_TTL_MS = 300_000;
const AUDIO = toneWav();

const sign = (state: SandboxState, payload: string) =>
	createHmac('sha256', state.aitelier.recordingKey).update(payload).digest('base64url');

function issueToken(state: SandboxState, sessionId: string, expiresAt: number): string {
	const payload = `${sessionId}.${expiresAt}`;
	return `${payload}.${sign(state, payload)}`;
}

/** A 302 to the file's presigned copy on the storage origin (the `api-redirect` variant). */
export function fileRedirect(
	state: SandboxState,
	body: Buffer,
	contentType: string,
	ttlMs: number,
) {
	return {
		status: 302,
		body: undefined,
		headers: { location: state.storage.put(body, contentType, ttlMs) },
	};
}

/** The session a token grants, or a 403 for a forged or expired one. */
function redeemToken(state: SandboxState, token: string, now: number): string {
	const [sessionId, expires, signature, ...rest] = token.split('.');
	const expected = Buffer.from(sign(state, `${sessionId}.${expires}`));
	const given = Buffer.from(signature ?? '');
	if (
		rest.length ||
		!/^\d+$/.test(expires ?? '') ||
		given.length !== expected.length ||
		!timingSafeEqual(given, expected)
	) {
		throw denied('Recording URL is not valid');
	}
	if (now > Number(expires)) throw denied('Recording URL expired');
	return sessionId;
}

/** Whether the session's call is on the line now (seeded sessions without a call count as placed). */
export const isConnected = (state: SandboxState, session: AitelierSession) =>
	session.call_id === null || state.aitelier.calls.get(session.call_id)?.status === 'connected';

/** GET /sessions/:id/recording: a signed URL to the audio on this sandbox. */
export function recordingLink(
	state: SandboxState,
	session: AitelierSession,
	host: string | undefined,
	now: number,
) {
	if (!hasAudio(session, isConnected(state, session))) {
		throw precondition(
			`session ${session.id} has no recording: nobody answered ${session.status === 'active' ? 'yet' : 'the call'}`,
		);
	}
	const expiresAt = now + RECORDING_TTL_MS;
	const url =
		state.aitelier.simulation.fileUrls === 'storage'
			? state.storage.put(AUDIO, 'audio/wav', RECORDING_TTL_MS)
			: selfUrl(host, `/recordings/${issueToken(state, session.id, expiresAt)}`);
	return {
		session_id: session.id,
		url,
		expires_at: iso(expiresAt),
		content_type: 'audio/wav',
		size_bytes: AUDIO.length,
	};
}

export const recordingRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/recordings/:token',
		handler: ({ state, params, now }) => {
			const sessionId = redeemToken(state, params.token, now);
			if (!state.aitelier.sessions.has(sessionId)) throw notFound('session', sessionId);
			if (state.aitelier.simulation.fileUrls === 'api-redirect')
				return fileRedirect(state, AUDIO, 'audio/wav', RECORDING_TTL_MS);
			return { status: 200, body: AUDIO, headers: { 'content-type': 'audio/wav' } };
		},
	},
];
