import type { LoggedRequest } from '../../sandbox/ledger';
import {
	binaryBytes,
	type E2eEnvironment,
	executeWorkflow,
	failureOf,
	jsonOf,
	outputOf,
	startEnvironment,
	stopEnvironment,
	type WorkflowRun,
} from './helpers';

/**
 * Every operation of the three action nodes, run once by a real n8n 2.41.1 (`n8n execute` on the
 * packed package installed as a community package) against the sandbox. One workflow per area
 * chains its operations (ids passed on with expressions); each node's output is checked, and so is
 * what the sandbox received and did.
 */

jest.setTimeout(300_000);

const WORKFLOWS = {
	butterAgents: 'e2eButterAgents1',
	butterTelephony: 'e2eButterPhones1',
	butterKnowledge: 'e2eButterKnowl01',
	buildVoiceAi: 'e2eBuildVoice001',
	aitelierCalls: 'e2eAitelierCalls',
	aitelierAccount: 'e2eAitelierAcct1',
};
const AGENT = 'agent_3637c49e9834';
const SEEDED_NUMBER = 'phon_42206c1e98ec';

let env: E2eEnvironment;

beforeAll(async () => {
	env = await startEnvironment({
		workflows: [
			'butter-agents-tools-chat.json',
			'butter-telephony-calls.json',
			'butter-knowledge-base.json',
			'buildvoiceai-call.json',
			'aitelier-calls-batches-sessions.json',
			'aitelier-webhooks-knowledge-account.json',
		],
	});
}, 600_000);

afterAll(() => stopEnvironment(env));

/** Runs a workflow and returns it, with the requests the sandbox received meanwhile. */
async function run(workflowId: string): Promise<{ run: WorkflowRun; requests: LoggedRequest[] }> {
	const before = env.sandbox.state.requests.length;
	const result = await executeWorkflow(env, workflowId);
	expect({ status: result.status, failure: failureOf(result) }).toEqual({
		status: 'success',
		failure: '',
	});
	return { run: result, requests: env.sandbox.state.requests.slice(before) };
}

const one = (run: WorkflowRun, node: string) => {
	const items = jsonOf(run, node);
	expect(items).toHaveLength(1);
	return items[0];
};
const find = (requests: LoggedRequest[], method: string, path: string) => {
	const matching = requests.filter((r) => r.method === method && r.path === path);
	expect(matching.map((r) => [r.method, r.path, r.status])).toEqual([
		[method, path, expect.any(Number)],
	]);
	expect(matching[0].status).toBeLessThan(300);
	return matching[0];
};
const ledger = (platform: string, action: string) =>
	env.sandbox.state.ledger.query({ platform, action }).entries;

describe('Butter AI: every operation in a real n8n', () => {
	it('Agent create/get/update/get many/delete, Chat send (new and continued conversation), Tool create/get/update/get many/delete', async () => {
		const { run: result, requests } = await run(WORKFLOWS.butterAgents);

		const agent = one(result, 'Create Agent');
		expect(agent).toMatchObject({
			id: expect.stringMatching(/^agent_[0-9a-f]{12}$/),
			name: 'E2E Pipeline Agent',
			agentArchitecture: 'pipeline',
			model: 'gpt-4o',
			stt: 'deepgram',
			tts: 'cartesia',
			voiceId: 'alloy',
			language: 'de',
			mode: 'private',
			temperature: 0.4,
			enabledFunctions: ['web_search'],
		});
		const creates = requests.filter((r) => r.method === 'POST' && r.path === '/v1/agents');
		expect(creates.map((r) => r.status)).toEqual([201, 201]);
		expect(creates[0].body).toEqual({
			agentArchitecture: 'pipeline',
			name: 'E2E Pipeline Agent',
			model: 'gpt-4o',
			stt: 'deepgram',
			tts: 'cartesia',
			systemPrompt: 'You qualify inbound leads for Acme Corp.',
			language: 'de',
			mode: 'private',
			temperature: 0.4,
			voiceId: 'alloy',
			enabledFunctions: ['web_search'],
		});
		expect(one(result, 'Get Agent')).toEqual(agent);

		// Update sends only the fields added; the rest of the agent stays.
		expect(find(requests, 'PATCH', `/v1/agents/${agent.id}`).body).toEqual({
			name: 'E2E Pipeline Agent (renamed)',
			temperature: 0.2,
			active: true,
		});
		expect(one(result, 'Update Agent')).toMatchObject({
			id: agent.id,
			name: 'E2E Pipeline Agent (renamed)',
			temperature: 0.2,
			active: true,
			model: 'gpt-4o',
			stt: 'deepgram',
		});

		const listed = jsonOf(result, 'Get Many Agents');
		expect(listed).toHaveLength(3);
		expect(listed.every((a) => a.mode === 'private' && /^agent_/.test(String(a.id)))).toBe(true);
		const listRequest = requests.find((r) => r.method === 'GET' && r.path === '/v1/agents');
		expect(listRequest?.query).toMatchObject({ mode: 'private' });

		const textAgent = one(result, 'Create Text Agent');
		expect(textAgent).toMatchObject({
			agentArchitecture: 'text',
			model: 'gpt-4o-mini',
			name: 'E2E Text Agent',
		});
		// A text agent's body carries exactly the text architecture's fields.
		expect(creates[1].body).toEqual({
			agentArchitecture: 'text',
			name: 'E2E Text Agent',
			model: 'gpt-4o-mini',
			systemPrompt: 'You answer questions about opening hours.',
		});
		const chat = one(result, 'Send Chat Message');
		expect(chat).toMatchObject({
			conversation_id: expect.stringMatching(/^conv_/),
			agent_id: textAgent.id,
			reply: expect.stringContaining('What are your opening hours?'),
			message_count: 2,
		});
		expect(one(result, 'Continue Chat')).toMatchObject({
			conversation_id: chat.conversation_id,
			reply: expect.stringContaining('And on Sundays?'),
			message_count: 4,
		});
		const chats = requests.filter((r) => r.path === '/v1/chat').map((r) => r.body);
		expect(chats).toEqual([
			{ agent_id: textAgent.id, message: 'What are your opening hours?' },
			{ agent_id: textAgent.id, message: 'And on Sundays?', conversation_id: chat.conversation_id },
		]);

		const tool = one(result, 'Create Tool');
		const schema = {
			type: 'object',
			properties: { order_id: { type: 'string' } },
			required: ['order_id'],
		};
		expect(tool).toMatchObject({
			id: expect.stringMatching(/^tool_[0-9a-f]{12}$/),
			name: 'check_order_status',
			webhook_url: 'https://api.example.com/orders/status',
			http_method: 'GET',
			timeout_seconds: 15,
			headers: { 'X-Api-Version': '2' },
			parameters: schema,
		});
		expect(one(result, 'Get Tool')).toEqual(tool);
		expect(find(requests, 'PATCH', `/v1/tools/${tool.id}`).body).toEqual({
			description: 'Order status by order ID (v2)',
			timeout_seconds: 30,
		});
		expect(one(result, 'Update Tool')).toMatchObject({
			id: tool.id,
			name: 'check_order_status',
			timeout_seconds: 30,
			description: 'Order status by order ID (v2)',
			parameters: schema,
		});
		expect(jsonOf(result, 'Get Many Tools').map((t) => t.id)).toEqual([tool.id]);

		expect(one(result, 'Delete Tool')).toEqual({ id: tool.id, deleted: true });
		expect(one(result, 'Delete Agent')).toEqual({ message: 'Agent deleted successfully' });
		expect(one(result, 'Delete Text Agent')).toEqual({ message: 'Agent deleted successfully' });
		const butter = env.sandbox.state.butter;
		expect(butter.tools).toHaveLength(0);
		expect(butter.agents.filter((a) => a.id === agent.id || a.id === textAgent.id)).toHaveLength(0);
	});

	it('Integration create/get many/delete, Phone Number import (Twilio and SIP)/get/update/get many/delete, Call create/get/get many', async () => {
		const { run: result, requests } = await run(WORKFLOWS.butterTelephony);
		// Secrets typed into the nodes go to Butter AI only: never into n8n's stored run data.
		const stored = JSON.stringify(result);
		for (const secret of ['e2e-twilio-auth-token-0001', 'e2e-sip-password-0001', '246810'])
			expect(stored).not.toContain(secret);

		const integration = one(result, 'Create Integration');
		expect(integration).toMatchObject({
			id: expect.stringMatching(/^intg_[0-9a-f]{12}$/),
			name: 'E2E Twilio',
			provider: 'twilio',
			account_sid: 'AC0123456789abcdef0123456789abcdef',
		});
		expect(find(requests, 'POST', '/v1/integrations').body).toMatchObject({
			name: 'E2E Twilio',
			credentials: { provider: 'twilio', account_sid: 'AC0123456789abcdef0123456789abcdef' },
		});
		expect(
			jsonOf(result, 'Get Many Integrations')
				.map((i) => i.id)
				.sort(),
		).toEqual([integration.id, 'intg_aa2eacb35b83'].sort());

		const twilio = one(result, 'Import Twilio Number');
		expect(twilio).toMatchObject({
			id: expect.stringMatching(/^phon_/),
			phone_number: '+15557770001',
			provider: 'twilio',
			integration_id: integration.id,
			agent_id: AGENT,
			status: 'assigned',
			supports_inbound: true,
			supports_outbound: true,
			name: 'E2E Twilio line',
		});
		const sip = one(result, 'Import SIP Number');
		expect(sip).toMatchObject({
			phone_number: '+15557770002',
			provider: 'sip',
			sip_server_address: 'sip.e2e.example.com',
			sip_trunk_name: 'e2e-trunk',
			sip_username: 'e2e-user',
			media_encryption: 'require',
			sip_password_set: true,
			inbound_pin_set: true,
			status: 'free',
		});
		const imports = requests
			.filter((r) => r.method === 'POST' && r.path === '/v1/phone-numbers')
			.map((r) => r.body);
		expect(imports).toEqual([
			expect.objectContaining({
				phone_number: '+15557770001',
				provider: 'twilio',
				integration_id: integration.id,
				agent_id: AGENT,
			}),
			expect.objectContaining({
				phone_number: '+15557770002',
				provider: 'sip',
				sip_server_address: 'sip.e2e.example.com',
				sip_password: '[redacted]',
			}),
		]);
		expect(one(result, 'Get SIP Number')).toEqual(sip);

		expect(find(requests, 'PATCH', `/v1/phone-numbers/${sip.id}`).body).toEqual({
			name: 'E2E SIP line (support)',
			agent_id: AGENT,
			webhook_url: 'https://hooks.example.com/butter-status',
		});
		expect(one(result, 'Update SIP Number')).toMatchObject({
			id: sip.id,
			agent_id: AGENT,
			status: 'assigned',
			webhook_url: 'https://hooks.example.com/butter-status',
		});
		expect(find(requests, 'PATCH', `/v1/phone-numbers/${twilio.id}`).body).toEqual({
			agent_id: null,
		});
		expect(one(result, 'Unassign Twilio Number')).toMatchObject({
			id: twilio.id,
			agent_id: null,
			status: 'free',
		});

		const sipNumbers = jsonOf(result, 'Get Many SIP Numbers');
		expect(sipNumbers.map((n) => n.id).sort()).toEqual([sip.id, 'phon_4d527b0d3de7'].sort());
		expect(sipNumbers.every((n) => n.provider === 'sip')).toBe(true);

		const call = one(result, 'Create Call');
		expect(call).toMatchObject({
			id: expect.stringMatching(/^call_[0-9a-f]{12}$/),
			status: 'queued',
			agent_id: AGENT,
			from_phone_number_id: SEEDED_NUMBER,
			to_number: '+15557779999',
			metadata: { lead_id: 'L-OPS-1' },
		});
		expect(ledger('butter', 'call.dialed').filter((e) => e.resourceId === call.id)).toHaveLength(1);
		expect(one(result, 'Get Call')).toMatchObject({
			id: call.id,
			to_number: '+15557779999',
			agent_id: AGENT,
			metadata: { lead_id: 'L-OPS-1' },
		});
		const calls = jsonOf(result, 'Get Many Calls');
		expect(calls).toHaveLength(5);
		expect(calls.every((c) => c.agent_id === AGENT && c.direction === 'outbound')).toBe(true);
		expect(requests.find((r) => r.method === 'GET' && r.path === '/v1/calls')?.query).toMatchObject(
			{ agent_id: AGENT, direction: 'outbound' },
		);

		expect(one(result, 'Delete SIP Number')).toEqual({ id: sip.id, deleted: true });
		expect(one(result, 'Delete Twilio Number')).toEqual({ id: twilio.id, deleted: true });
		expect(one(result, 'Delete Integration')).toEqual({ id: integration.id, deleted: true });
		const butter = env.sandbox.state.butter;
		expect(butter.phoneNumbers.map((n) => n.id)).not.toEqual(expect.arrayContaining([sip.id]));
		expect(butter.phoneNumbers.map((n) => n.id)).not.toEqual(expect.arrayContaining([twilio.id]));
		expect(butter.integrations.map((i) => i.id)).toEqual(['intg_aa2eacb35b83']);
	});

	it('Knowledge Base add document from text and from a binary file, get, get many, delete', async () => {
		const { run: result, requests } = await run(WORKFLOWS.butterKnowledge);
		const text = one(result, 'Add Text Document');
		const body = 'We are open Monday to Friday, 9:00 to 18:00. Closed on Sundays.';
		expect(text).toMatchObject({
			id: expect.stringMatching(/^doc_/),
			name: 'Opening hours',
			type: 'text',
			agent_id: AGENT,
			size_bytes: body.length,
		});
		const file = one(result, 'Add File Document');
		expect(file).toMatchObject({
			name: 'Pricing sheet',
			type: 'file',
			filename: 'pricing.txt',
			content_type: 'text/plain',
			size_bytes: 50,
		});
		const uploads = requests.filter((r) => r.method === 'POST' && r.path === '/v1/knowledge-base');
		expect(uploads.map((r) => r.headers['content-type'])).toEqual([
			expect.stringMatching(/^multipart\/form-data/),
			expect.stringMatching(/^multipart\/form-data/),
		]);
		expect(uploads[0].body).toMatchObject({ name: 'Opening hours', text: body, agent_id: AGENT });
		expect(uploads[1].body).toMatchObject({
			name: 'Pricing sheet',
			files: { file: { filename: 'pricing.txt', contentType: 'text/plain', size: 50 } },
		});

		// The same document, its processing possibly finished since it was added.
		expect(one(result, 'Get Document')).toEqual({
			...text,
			status: expect.stringMatching(/^(processing|ready)$/),
		});
		expect(
			jsonOf(result, 'Get Many Documents')
				.map((d) => d.id)
				.sort(),
		).toEqual([text.id, file.id].sort());
		expect(one(result, 'Delete Text Document')).toEqual({ id: text.id, deleted: true });
		expect(one(result, 'Delete File Document')).toEqual({ id: file.id, deleted: true });
		expect(env.sandbox.state.butter.documents).toHaveLength(0);
	});
});

describe('BuildVoiceAI: every operation in a real n8n', () => {
	it('Call trigger with agent, name, email and metadata (JSON merged with pairs)', async () => {
		const { run: result, requests } = await run(WORKFLOWS.buildVoiceAi);
		const input = {
			phone_number: '+15557770100',
			agent_id: '7a1c2e3d-4b5f-4a6e-8d9c-0b1a2c3d4e5f',
			name: 'Grace Hopper',
			email: 'grace@example.com',
			metadata: { campaign: 'ops-e2e', lead_id: 'L-OPS-7' },
		};
		const call = one(result, 'Trigger Call');
		expect(call).toEqual({
			call_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			status: 'initiated',
			input,
		});
		expect(find(requests, 'POST', '/calls/trigger').body).toEqual(input);
		expect(
			ledger('buildvoiceai', 'call.dialed').filter((e) => e.resourceId === call.call_id),
		).toHaveLength(1);
	});
});

describe('Aitelier: every operation in a real n8n', () => {
	it('Call trigger/get/get many, Batch create from items and from a CSV binary/get/get rows, Session get many/get/transcript/recording', async () => {
		const { run: result, requests } = await run(WORKFLOWS.aitelierCalls);

		const call = one(result, 'Trigger Call');
		expect(call).toMatchObject({
			id: expect.stringMatching(/^call_/),
			session_id: expect.stringMatching(/^sess_/),
			status: 'queued',
			phone: '+15557770200',
			metadata: { lead_id: 'L-OPS-20' },
		});
		const placed = find(requests, 'POST', '/calls');
		expect(placed.body).toEqual({
			scenario: 'scn_outbound_demo0001',
			phone: '+15557770200',
			metadata: { lead_id: 'L-OPS-20' },
		});
		expect(placed.headers['idempotency-key']).toEqual(expect.any(String));
		expect(ledger('aitelier', 'call.dialed').filter((e) => e.resourceId === call.id)).toHaveLength(
			1,
		);
		expect(one(result, 'Get Call')).toMatchObject({
			id: call.id,
			phone: '+15557770200',
			session: { id: call.session_id },
		});

		const failed = jsonOf(result, 'Get Many Failed Calls');
		expect(failed.length).toBeGreaterThan(0);
		expect(failed.every((c) => c.status === 'failed')).toBe(true);
		expect(requests.find((r) => r.method === 'GET' && r.path === '/calls')?.query).toMatchObject({
			status: 'failed',
		});

		// Three items became ONE batch: one upload, one output item.
		const batch = one(result, 'Create Batch from Items');
		expect(batch).toMatchObject({
			id: expect.stringMatching(/^batch_/),
			name: 'E2E batch from items',
			total_rows: 3,
		});
		const uploads = requests.filter((r) => r.method === 'POST' && r.path === '/batches');
		expect(uploads).toHaveLength(2);
		expect(uploads.every((r) => typeof r.headers['idempotency-key'] === 'string')).toBe(true);
		const stored = env.sandbox.state.aitelier.batches.get(String(batch.id))!;
		expect(stored.rows.map((r) => [r.phone, r.metadata])).toEqual([
			['+15557770301', { lead_id: 'L-OPS-301', first_name: 'Ada' }],
			['+15557770302', { lead_id: 'L-OPS-302', first_name: 'Grace' }],
			['+15557770303', { lead_id: 'L-OPS-303', first_name: 'Edsger' }],
		]);
		expect(one(result, 'Get Batch')).toMatchObject({
			id: batch.id,
			total_rows: 3,
			progress: expect.objectContaining({ percent: expect.any(Number) }),
		});
		const rows = jsonOf(result, 'Get Batch Rows');
		expect(rows.map((r) => [r.row, r.phone, (r.metadata as { lead_id: string }).lead_id])).toEqual([
			[1, '+15557770301', 'L-OPS-301'],
			[2, '+15557770302', 'L-OPS-302'],
			[3, '+15557770303', 'L-OPS-303'],
		]);

		const fromCsv = one(result, 'Create Batch from CSV');
		expect(fromCsv).toMatchObject({ name: 'E2E batch from CSV', total_rows: 2 });
		expect(uploads[1].body).toMatchObject({
			files: { file: { filename: 'followups.csv', contentType: 'text/csv' } },
		});
		expect(
			env.sandbox.state.aitelier.batches
				.get(String(fromCsv.id))!
				.rows.map((r) => [r.phone, r.scenario, r.metadata]),
		).toEqual([
			['+15557770401', 'scn_followup0002', { lead_id: 'L-OPS-401' }],
			// A row without its own scenario runs the batch's.
			['+15557770402', 'scn_outbound_demo0001', { lead_id: 'L-OPS-402' }],
		]);

		const sessions = jsonOf(result, 'Get Many Sessions');
		expect(sessions).toHaveLength(3);
		expect(sessions.every((s) => s.goal_achieved === true)).toBe(true);
		expect(requests.find((r) => r.method === 'GET' && r.path === '/sessions')?.query).toMatchObject(
			{ goal_achieved: 'true' },
		);
		const session = one(result, 'Get Session');
		expect(session).toEqual(sessions[0]);
		const transcript = one(result, 'Get Transcript');
		expect(transcript.session_id).toBe(session.id);
		expect((transcript.turns as Array<{ speaker: string; text: string }>).length).toBeGreaterThan(
			1,
		);
		expect(transcript.turns).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ speaker: 'agent', text: expect.any(String) }),
			]),
		);

		const [recording] = outputOf(result, 'Get Recording');
		expect(recording.json).toMatchObject({
			session_id: session.id,
			content_type: 'audio/wav',
			url: expect.stringContaining('/recordings/'),
		});
		expect(recording.binary?.audio).toMatchObject({
			mimeType: 'audio/wav',
			fileName: `${String(session.id)}.wav`,
		});
		const audio = binaryBytes(env, recording.binary!.audio);
		expect(audio.length).toBe(recording.json.size_bytes);
		expect([
			audio.subarray(0, 4).toString('latin1'),
			audio.subarray(8, 12).toString('latin1'),
		]).toEqual(['RIFF', 'WAVE']);
	});

	it('Webhook create/get many/update/delete/fan out, Knowledge crawl/upload/get many/delete, Usage, Wallet, Invoice get many/download', async () => {
		const { run: result, requests } = await run(WORKFLOWS.aitelierAccount);

		const webhook = one(result, 'Create Webhook');
		expect(webhook).toMatchObject({
			id: expect.stringMatching(/^wh_/),
			url: 'https://hooks.example.com/aitelier',
			events: ['call.completed', 'session.ended'],
			description: 'E2E subscription',
			active: true,
			secret: expect.stringMatching(/^whsec_/),
		});
		const listed = jsonOf(result, 'Get Many Webhooks');
		expect(listed.map((w) => w.id)).toEqual([webhook.id]);
		expect(listed[0]).not.toHaveProperty('secret');
		// The whole record, the changes laid over it: Aitelier's PUT may replace rather than merge.
		expect(find(requests, 'PUT', `/webhooks/${webhook.id}`).body).toEqual({
			url: webhook.url,
			active: false,
			events: ['call.failed'],
			description: 'E2E subscription (paused)',
		});
		expect(one(result, 'Update Webhook')).toMatchObject({
			id: webhook.id,
			active: false,
			events: ['call.failed'],
		});
		expect(one(result, 'Delete Webhook')).toEqual({ id: webhook.id, deleted: true });
		expect(env.sandbox.state.aitelier.webhooks.size).toBe(0);

		const liveSessions = [...env.sandbox.state.aitelier.sessions.values()].filter(
			(s) => s.status === 'active',
		).length;
		expect(one(result, 'Fan Out to Sessions')).toEqual({
			name: 'order-updated',
			project_id: 'proj_sandbox0001',
			delivered_to: liveSessions,
		});
		expect(ledger('aitelier', 'webhook.fanout').map((e) => e.details.payload)).toEqual([
			{ order_id: 'A-1001', status: 'shipped' },
		]);

		const crawl = one(result, 'Crawl Website');
		expect(crawl).toMatchObject({
			id: expect.stringMatching(/^crawl_/),
			url: 'https://docs.example.com/help',
			max_pages: 25,
			status: 'queued',
		});
		expect(env.sandbox.state.aitelier.crawls.has(String(crawl.id))).toBe(true);
		const uploaded = one(result, 'Upload File');
		expect(uploaded).toMatchObject({
			id: expect.stringMatching(/^kf_/),
			filename: 'opening-hours-2026.txt',
			content_type: 'text/plain',
			size_bytes: 48,
		});
		expect(
			jsonOf(result, 'Get Many Files')
				.map((f) => f.filename)
				.sort(),
		).toEqual(['faq.pdf', 'opening-hours-2026.txt', 'opening-hours.txt']);
		expect(one(result, 'Delete File')).toEqual({ id: uploaded.id, deleted: true });
		expect(env.sandbox.state.aitelier.knowledgeFiles.has(String(uploaded.id))).toBe(false);

		expect(one(result, 'Get Usage')).toMatchObject({
			period: '2026-04',
			minutes: expect.any(Number),
			calls: expect.any(Number),
			cost: { currency: 'EUR' },
		});
		expect(requests.find((r) => r.path === '/usage')?.query).toEqual({ period: '2026-04' });
		expect(one(result, 'Get Wallet')).toMatchObject({
			balance: { amount: 125.5, currency: 'EUR' },
		});
		const invoices = jsonOf(result, 'Get Many Invoices');
		expect(invoices).toHaveLength(14);
		const [download] = outputOf(result, 'Download Invoice');
		expect(download.json).toMatchObject({ id: invoices[0].id, period: invoices[0].period });
		expect(download.binary?.pdf).toMatchObject({
			mimeType: 'application/pdf',
			fileName: `${String(invoices[0].id)}.pdf`,
		});
		const pdf = binaryBytes(env, download.binary!.pdf).toString('latin1');
		expect(pdf.startsWith('%PDF-')).toBe(true);
		expect(pdf).toContain(`Invoice ${String(invoices[0].id)}`);

		// Every state-changing request carried its own Idempotency-Key.
		const writes = requests.filter((r) => r.method !== 'GET');
		expect(writes).toHaveLength(7);
		const keys = writes.map((r) => r.headers['idempotency-key']);
		expect(keys.every((key) => typeof key === 'string' && key.length > 0)).toBe(true);
		expect(new Set(keys).size).toBe(writes.length);
	});
});
