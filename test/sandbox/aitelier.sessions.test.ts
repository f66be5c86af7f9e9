import { sandboxUnderTest, SANDBOX_KEYS } from './client';

/** Sessions: cursor paging, filters, transcript, and the signed recording URL. */
const sb = sandboxUnderTest({ manualClock: true });
const key = SANDBOX_KEYS.aitelier.full;
const v1 = '/aitelier/v1';
const get = (path: string, k: string = key) => sb.call('GET', `${v1}${path}`, { key: k });

/** A download as raw bytes (the recording and the PDF are not JSON). */
async function download(url: string, k: string = key) {
	const response = await fetch(url, { headers: { authorization: `Bearer ${k}` } });
	return {
		status: response.status,
		type: response.headers.get('content-type'),
		bytes: Buffer.from(await response.arrayBuffer()),
	};
}

interface Session {
	id: string;
	goal_achieved: boolean | null;
	created_at: string;
	status: string;
}

describe('Aitelier GET /v1/sessions', () => {
	it('pages all 260 seeded sessions by cursor, newest first, without duplicates', async () => {
		const seen: Session[] = [];
		let cursor: string | null = null;
		let pages = 0;
		do {
			const page: {
				body: {
					data: Session[];
					pagination: { next_cursor: string | null; has_more: boolean; total_count: number };
				};
			} = await get(`/sessions?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
			expect(page.body.pagination.total_count).toBe(260);
			expect(page.body.pagination.has_more).toBe(page.body.pagination.next_cursor !== null);
			seen.push(...page.body.data);
			cursor = page.body.pagination.next_cursor;
			pages++;
		} while (cursor);
		expect(pages).toBe(3);
		expect(seen).toHaveLength(260);
		expect(new Set(seen.map((s) => s.id)).size).toBe(260);
		const times = seen.map((s) => s.created_at);
		expect([...times].sort().reverse()).toEqual(times);
		// Spread over two months, about half reaching their goal.
		expect(times[259].slice(0, 7)).toBe('2026-03');
		const goals = seen.filter((s) => s.goal_achieved === true).length;
		expect(goals).toBeGreaterThan(110);
		expect(goals).toBeLessThan(150);
		expect(seen.filter((s) => s.status === 'active').length).toBeGreaterThan(0);
	});

	it('defaults to 20 per page; a cursor stays bound to its filters', async () => {
		const first = await get('/sessions');
		expect(first.body.data).toHaveLength(20);
		expect(first.body.pagination.has_more).toBe(true);
		const mismatch = await get(
			`/sessions?goal_achieved=true&cursor=${encodeURIComponent(first.body.pagination.next_cursor)}`,
		);
		expect([mismatch.status, mismatch.body.error.field]).toEqual([400, 'cursor']);
		const tampered = first.body.pagination.next_cursor.replace(/.$/, (c: string) =>
			c === 'a' ? 'b' : 'a',
		);
		expect(
			(await get(`/sessions?cursor=${encodeURIComponent(tampered)}`)).body.error,
		).toMatchObject({ code: 'invalid_argument', field: 'cursor' });
	});

	it('filters goal_achieved and since', async () => {
		const goals = await get('/sessions?goal_achieved=true&limit=100');
		expect(goals.body.data.every((s: Session) => s.goal_achieved === true)).toBe(true);
		const misses = await get('/sessions?goal_achieved=false&limit=100');
		expect(misses.body.data.every((s: Session) => s.goal_achieved === false)).toBe(true);
		expect(goals.body.pagination.total_count + misses.body.pagination.total_count).toBe(258); // two still active
		const since = await get('/sessions?since=2026-05-01T00:00:00Z&limit=100');
		expect(since.body.data.every((s: Session) => s.created_at >= '2026-05-01')).toBe(true);
		expect(since.body.pagination.total_count).toBeGreaterThan(40);
		expect(since.body.pagination.total_count).toBeLessThan(60);
	});

	it.each([
		['goal_achieved=yes', 'goal_achieved'],
		['since=13.05.2026', 'since'],
		['limit=-1', 'limit'],
	])('refuses %s', async (query, field) => {
		const answer = await get(`/sessions?${query}`);
		expect([answer.status, answer.body.error.code, answer.body.error.field]).toEqual([
			400,
			'invalid_argument',
			field,
		]);
	});

	it('GET /sessions/:id answers the bare session object', async () => {
		const [listed] = (await get('/sessions?limit=1')).body.data;
		const one = await get(`/sessions/${listed.id}`);
		expect(one.body).toEqual(listed);
		expect(Object.keys(one.body).sort()).toEqual(
			[
				'id',
				'call_id',
				'batch_id',
				'scenario',
				'phone',
				'status',
				'started_at',
				'ended_at',
				'duration_seconds',
				'goal_achieved',
				'outcome',
				'slot_values',
				'metadata',
				'costs',
				'created_at',
			].sort(),
		);
		expect((await get('/sessions/sess_000000000000')).status).toBe(404);
	});
});

describe('Aitelier transcript and recording', () => {
	it('transcript: structured turns of agent and caller', async () => {
		const [session] = (await get('/sessions?goal_achieved=true&limit=1')).body.data;
		const answer = await get(`/sessions/${session.id}/transcript`);
		expect(answer.status).toBe(200);
		expect(answer.body.session_id).toBe(session.id);
		expect(answer.body.turns.length).toBeGreaterThan(2);
		for (const turn of answer.body.turns) {
			expect(turn).toEqual({
				speaker: expect.stringMatching(/^(agent|caller)$/),
				text: expect.any(String),
				started_at: expect.any(String),
			});
		}
	});

	it('recording: a signed URL on the sandbox that downloads a real WAV, until it expires', async () => {
		const [session] = (await get('/sessions?limit=1')).body.data;
		const link = await get(`/sessions/${session.id}/recording`);
		expect(link.status).toBe(200);
		expect(link.body).toEqual({
			session_id: session.id,
			url: expect.stringMatching(new RegExp(`^${sb.url}/aitelier/v1/recordings/`)),
			expires_at: '2026-05-13T18:47:00.000Z',
			content_type: 'audio/wav',
			size_bytes: 16_044,
		});
		const audio = await download(link.body.url);
		expect([audio.status, audio.type]).toEqual([200, 'audio/wav']);
		expect(audio.bytes).toHaveLength(16_044);
		expect(audio.bytes.subarray(0, 4).toString()).toBe('RIFF');
		expect(audio.bytes.readUInt32LE(4)).toBe(16_044 - 8);
		expect(audio.bytes.subarray(8, 16).toString()).toBe('WAVEfmt ');
		expect([
			audio.bytes.readUInt16LE(20),
			audio.bytes.readUInt16LE(22),
			audio.bytes.readUInt32LE(24),
			audio.bytes.readUInt16LE(34),
		]).toEqual([1, 1, 8000, 16]);
		expect(audio.bytes.subarray(36, 40).toString()).toBe('data');

		sb.clock.ms += 300_001;
		const expired = await download(link.body.url);
		expect(expired.status).toBe(403);
		expect(JSON.parse(expired.bytes.toString()).error).toMatchObject({
			code: 'permission_denied',
			message: 'Recording URL expired',
		});
	});

	it('a forged token is refused; a session nobody answered has no recording', async () => {
		const [session] = (await get('/sessions?limit=1')).body.data;
		const link = await get(`/sessions/${session.id}/recording`);
		const forged = link.body.url.replace(
			/recordings\/sess_[0-9a-f]{12}/,
			'recordings/sess_000000000000',
		);
		const refused = await download(forged);
		expect(refused.status).toBe(403);
		expect(JSON.parse(refused.bytes.toString()).error.message).toBe('Recording URL is not valid');
		const [failed] = (await get('/calls?status=failed&limit=1')).body.data;
		const none = await get(`/sessions/${failed.session_id}/recording`);
		expect([none.status, none.body.error.code]).toEqual([422, 'failed_precondition']);
	});

	it.each(['transcript', 'recording'])(
		'%s needs sessions:read:transcript, named in the 403',
		async (part) => {
			const [session] = (await get('/sessions?limit=1')).body.data;
			const denied = await get(`/sessions/${session.id}/${part}`, SANDBOX_KEYS.aitelier.readOnly);
			expect(denied.status).toBe(403);
			expect(denied.body.error).toMatchObject({
				code: 'permission_denied',
				message: 'This API key lacks the required scope: sessions:read:transcript',
			});
			expect((await get(`/sessions/${session.id}`, SANDBOX_KEYS.aitelier.readOnly)).status).toBe(
				200,
			);
		},
	);
});
