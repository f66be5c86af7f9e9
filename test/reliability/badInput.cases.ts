import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

/** Field values that are well-formed; whether the record exists does not matter here. */
const AGENT = 'agent_3637c49e9834';
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

export interface Malformed {
	/** Parameter path, e.g. `additionalFields.metadata`, or `$json.<field>` for a field of the item. */
	path: string;
	/** What the error must name. */
	field: string;
	value: unknown;
	/** Why it is wrong, for the table. */
	what: string;
}

export interface OperationCase {
	node: 'butterAi' | 'buildVoiceAi' | 'aitelier';
	resource: string;
	operation: string;
	/** Parameters of a well-formed request (resource and operation added by the test). */
	valid: INodeParameters;
	/** The item's binary property `data` is a small file of this type. */
	binary?: { mimeType: string; fileName: string };
	/** Item fields some operations read (batch from items). */
	item?: Record<string, unknown>;
	/** Parameters that belong to the one request all items make together (batch from items). */
	wholeRequest?: string[];
	malformed?: Malformed[];
}

const badJson = (path: string, field: string): Malformed => ({
	path,
	field,
	value: '{"unterminated": ',
	what: 'invalid JSON',
});
const badPhone = (path: string, field: string): Malformed => ({
	path,
	field,
	value: '0171 555 12',
	what: 'not E.164',
});
const badId = (path: string, field: string, value: string): Malformed => ({
	path,
	field,
	value,
	what: 'malformed ID',
});
const badDate = (path: string, field: string): Malformed => ({
	path,
	field,
	value: 'next Tuesday',
	what: 'not ISO-8601',
});
const badUrl = (path: string, field: string): Malformed => ({
	path,
	field,
	value: 'ftp:/nowhere',
	what: 'not an http(s) URL',
});

const butter = (
	resource: string,
	operation: string,
	valid: INodeParameters,
	rest: Partial<OperationCase> = {},
): OperationCase => ({
	node: 'butterAi',
	resource,
	operation,
	valid,
	...rest,
});
const aitelier = (
	resource: string,
	operation: string,
	valid: INodeParameters,
	rest: Partial<OperationCase> = {},
): OperationCase => ({
	node: 'aitelier',
	resource,
	operation,
	valid,
	...rest,
});

/**
 * Operations with nothing to send to the platform, so no bad input to refuse before sending:
 * Tool → Answer Agent answers the request the Butter AI Tool Trigger holds open (e2e: tools).
 */
export const ANSWERS_N8N = ['butterAi:tool:answer'];

export const CASES: OperationCase[] = [
	// --- Butter AI ---------------------------------------------------------------------------
	...(['pipeline', 'realtime', 'text'] as const).map((agentArchitecture) =>
		butter(
			'agent',
			'create',
			{
				agentArchitecture,
				name: 'Support line',
				systemPrompt: 'You help callers.',
				model: 'gpt-4o-mini',
				stt: 'deepgram',
				tts: 'elevenlabs',
				realtimeProvider: 'openai',
				additionalFields: { extraFieldsJson: '{}' },
			},
			{ malformed: [badJson('additionalFields.extraFieldsJson', 'Extra Fields (JSON)')] },
		),
	),
	butter(
		'agent',
		'get',
		{ agentId: rl(AGENT) },
		{ malformed: [badId('agentId.value', 'Agent', '../wallet')] },
	),
	butter('agent', 'getAll', { returnAll: false, limit: 5 }),
	butter(
		'agent',
		'update',
		{ agentId: rl(AGENT), updateFields: { name: 'Renamed', extraFieldsJson: '{}' } },
		{
			malformed: [
				badId('agentId.value', 'Agent', 'x/../../admin'),
				badJson('updateFields.extraFieldsJson', 'Extra Fields (JSON)'),
			],
		},
	),
	butter(
		'agent',
		'delete',
		{ agentId: rl(AGENT) },
		{ malformed: [badId('agentId.value', 'Agent', 'agent_1?force=true')] },
	),
	butter(
		'call',
		'create',
		{
			agentId: rl(AGENT),
			toNumber: '+15551230001',
			additionalFields: { metadata: '{}', fromPhoneNumberId: '' },
		},
		{
			malformed: [
				badId('agentId.value', 'Agent', 'agent_1#x'),
				badPhone('toNumber', 'To Number'),
				badId('additionalFields.fromPhoneNumberId', 'From Phone Number ID', 'phon/../nope'),
				badJson('additionalFields.metadata', 'Metadata'),
			],
		},
	),
	butter(
		'call',
		'get',
		{ callId: 'call_0123456789ab' },
		{ malformed: [badId('callId', 'Call ID', 'call_?')] },
	),
	butter(
		'call',
		'getAll',
		{ returnAll: false, limit: 5, filters: { agentId: AGENT } },
		{
			malformed: [badId('filters.agentId', 'Agent ID', 'agent_&limit=1')],
		},
	),
	butter(
		'knowledgeBase',
		'create',
		{
			source: 'text',
			name: 'FAQ',
			text: 'Opening hours: 9–5.',
			additionalFields: { agentId: AGENT },
		},
		{
			malformed: [badId('additionalFields.agentId', 'Agent ID', 'agent zz')],
		},
	),
	butter(
		'knowledgeBase',
		'create',
		{ source: 'binary', name: 'FAQ', binaryPropertyName: 'data' },
		{
			binary: { mimeType: 'text/plain', fileName: 'faq.txt' },
			malformed: [
				{
					path: 'binaryPropertyName',
					field: 'Input Binary Field',
					value: 'missing_field',
					what: 'no such binary field',
				},
			],
		},
	),
	butter(
		'knowledgeBase',
		'get',
		{ documentId: rl('doc_0123456789ab') },
		{ malformed: [badId('documentId.value', 'Document', 'doc_%2F..')] },
	),
	butter(
		'knowledgeBase',
		'getAll',
		{ returnAll: false, limit: 5, filters: { agentId: AGENT } },
		{
			malformed: [badId('filters.agentId', 'Agent ID', 'agent_0/')],
		},
	),
	butter(
		'knowledgeBase',
		'delete',
		{ documentId: rl('doc_0123456789ab') },
		{ malformed: [badId('documentId.value', 'Document', '..')] },
	),
	butter(
		'tool',
		'create',
		{
			name: 'check_order',
			description: 'Looks an order up',
			webhookUrl: 'https://example.com/hook',
			parameters: '{"type":"object","properties":{}}',
			additionalFields: { timeoutSeconds: 10, headers: '{}' },
		},
		{
			malformed: [
				badUrl('webhookUrl', 'Webhook URL'),
				{ path: 'name', field: 'Name', value: 'check order!', what: 'not a tool name' },
				{
					path: 'parameters',
					field: 'Parameters (JSON Schema)',
					value: '{"type":"string"}',
					what: 'not an object schema',
				},
				badJson('parameters', 'Parameters (JSON Schema)'),
				{
					path: 'additionalFields.timeoutSeconds',
					field: 'Timeout (Seconds)',
					value: 600,
					what: 'out of range',
				},
				{
					path: 'additionalFields.headers',
					field: 'Headers (JSON)',
					value: '{"x": 1}',
					what: 'non-string header value',
				},
			],
		},
	),
	butter(
		'tool',
		'get',
		{ toolId: rl('tool_0123456789ab') },
		{ malformed: [badId('toolId.value', 'Tool', 'tool_0/../../wallet')] },
	),
	butter('tool', 'getAll', { returnAll: false, limit: 5 }),
	butter(
		'tool',
		'update',
		{ toolId: rl('tool_0123456789ab'), updateFields: { webhookUrl: 'https://example.com/v2' } },
		{
			malformed: [
				badId('toolId.value', 'Tool', 'tool_0?'),
				badUrl('updateFields.webhookUrl', 'Webhook URL'),
			],
		},
	),
	butter(
		'tool',
		'delete',
		{ toolId: rl('tool_0123456789ab') },
		{ malformed: [badId('toolId.value', 'Tool', 'tool#')] },
	),
	butter(
		'integration',
		'create',
		{
			name: 'Twilio main',
			accountSid: 'AC0123456789abcdef0123456789abcdef',
			authToken: 'secret-twilio-token',
		},
		{
			malformed: [badJson('additionalFields.extraFieldsJson', 'Extra Fields (JSON)')],
		},
	),
	butter('integration', 'getAll', { returnAll: false, limit: 5 }),
	butter(
		'integration',
		'delete',
		{ integrationId: rl('intg_0123456789ab') },
		{ malformed: [badId('integrationId.value', 'Integration', 'intg_!')] },
	),
	butter(
		'chat',
		'sendMessage',
		{ agentId: rl(AGENT), message: 'Hello' },
		{ malformed: [badId('agentId.value', 'Agent', 'agent_nope/')] },
	),
	butter(
		'phoneNumber',
		'import',
		{ provider: 'twilio', phoneNumber: '+15557770001', integrationId: rl('intg_0123456789ab') },
		{
			malformed: [
				badPhone('phoneNumber', 'Phone Number'),
				badId('integrationId.value', 'Twilio Integration', 'intg_x/../y'),
			],
		},
	),
	butter(
		'phoneNumber',
		'import',
		{
			provider: 'sip',
			phoneNumber: '+15557770002',
			sipServerAddress: 'sip.example.com',
			sipFields: { inboundPin: '1234' },
		},
		{
			malformed: [
				{ path: 'sipFields.inboundPin', field: 'Inbound PIN', value: '12', what: 'too short' },
			],
		},
	),
	butter(
		'phoneNumber',
		'get',
		{ phoneNumberId: rl('phon_0123456789ab') },
		{ malformed: [badId('phoneNumberId.value', 'Phone Number', 'phon_/..')] },
	),
	butter(
		'phoneNumber',
		'getAll',
		{ returnAll: false, limit: 5, filters: { agentId: AGENT } },
		{
			malformed: [badId('filters.agentId', 'Agent ID', 'agent_0?')],
		},
	),
	butter(
		'phoneNumber',
		'update',
		{ phoneNumberId: rl('phon_0123456789ab'), updateFields: { name: 'Main line' } },
		{
			malformed: [
				badId('phoneNumberId.value', 'Phone Number', '../phon'),
				badId('updateFields.agentId', 'Agent ID', 'agent bad'),
				{
					path: 'updateFields.inboundPin',
					field: 'Inbound PIN',
					value: '123456789012',
					what: 'too long',
				},
			],
		},
	),
	butter(
		'phoneNumber',
		'delete',
		{ phoneNumberId: rl('phon_0123456789ab') },
		{ malformed: [badId('phoneNumberId.value', 'Phone Number', '+1555')] },
	),

	// --- BuildVoiceAI ------------------------------------------------------------------------
	{
		node: 'buildVoiceAi',
		resource: 'call',
		operation: 'trigger',
		valid: { phoneNumber: '+15551230001', agentId: '', additionalFields: { metadataJson: '{}' } },
		malformed: [
			badPhone('phoneNumber', 'Phone Number'),
			badId('agentId', 'Agent ID', 'agent-7'),
			badJson('additionalFields.metadataJson', 'Metadata'),
		],
	},

	// --- Aitelier ----------------------------------------------------------------------------
	aitelier(
		'call',
		'trigger',
		{
			scenario: rl('scn_outbound_demo0001'),
			phone: '+15551230001',
			additionalFields: { scheduledFor: '2026-12-24T10:00:00Z', metadata: '{}' },
		},
		{
			malformed: [
				badPhone('phone', 'Phone'),
				badDate('additionalFields.scheduledFor', 'Scheduled For'),
				badJson('additionalFields.metadata', 'Metadata'),
			],
		},
	),
	aitelier(
		'call',
		'get',
		{ callId: 'call_0123456789ab' },
		{ malformed: [badId('callId', 'Call ID', '../wallet')] },
	),
	aitelier(
		'call',
		'getAll',
		{ returnAll: false, limit: 5, filters: { since: '2026-11-01' } },
		{ malformed: [badDate('filters.since', 'Since')] },
	),
	aitelier(
		'batch',
		'create',
		{
			source: 'items',
			scenario: rl('scn_outbound_demo0001'),
			phoneField: 'phone',
			additionalFields: { scheduledFor: '2026-12-24T10:00:00Z' },
		},
		{
			item: { phone: '+15551230001' },
			wholeRequest: ['scenario.value', 'phoneField', 'additionalFields.scheduledFor'],
			malformed: [
				{
					path: '$json.phone',
					field: 'Phone Field "phone"',
					value: '0171 555 12',
					what: 'a row not E.164',
				},
				{
					path: '$json.phone',
					field: 'Phone Field "phone"',
					value: '',
					what: 'a row without a phone',
				},
				{
					path: 'phoneField',
					field: 'Phone Field "no_such_field"',
					value: 'no_such_field',
					what: 'names no field of the item',
				},
				badDate('additionalFields.scheduledFor', 'Scheduled For'),
			],
		},
	),
	aitelier(
		'batch',
		'create',
		{ source: 'binary', scenario: rl('scn_outbound_demo0001'), binaryPropertyName: 'data' },
		{
			binary: { mimeType: 'text/csv', fileName: 'leads.csv' },
			malformed: [
				{
					path: 'binaryPropertyName',
					field: 'Input Binary Field',
					value: 'missing_field',
					what: 'no such binary field',
				},
			],
		},
	),
	aitelier(
		'batch',
		'get',
		{ batchId: 'bat_0123456789ab' },
		{ malformed: [badId('batchId', 'Batch ID', 'x/../../admin')] },
	),
	aitelier(
		'batch',
		'getRows',
		{ batchId: 'bat_0123456789ab', returnAll: false, limit: 5 },
		{ malformed: [badId('batchId', 'Batch ID', 'bat_1?limit=1')] },
	),
	aitelier(
		'session',
		'get',
		{ sessionId: 'ses_0123456789ab' },
		{ malformed: [badId('sessionId', 'Session ID', 'ses_1#x')] },
	),
	aitelier(
		'session',
		'getAll',
		{ returnAll: false, limit: 5, filters: { since: '2026-11-01T00:00:00Z' } },
		{ malformed: [badDate('filters.since', 'Since')] },
	),
	aitelier(
		'session',
		'getTranscript',
		{ sessionId: 'ses_0123456789ab' },
		{ malformed: [badId('sessionId', 'Session ID', '..%2Fwallet')] },
	),
	aitelier(
		'session',
		'getRecording',
		{ sessionId: 'ses_0123456789ab', download: false },
		{ malformed: [badId('sessionId', 'Session ID', 'ses_1/../../wallet')] },
	),
	aitelier(
		'webhook',
		'create',
		{ url: 'https://example.com/hook', events: ['call.completed'] },
		{
			malformed: [
				badUrl('url', 'URL'),
				badJson('additionalFields.extraFieldsJson', 'Extra Fields (JSON)'),
			],
		},
	),
	aitelier('webhook', 'getAll', { returnAll: false, limit: 5 }),
	aitelier(
		'webhook',
		'update',
		{ webhookId: 'wh_0123456789ab', updateFields: { url: 'https://example.com/v2' } },
		{
			malformed: [badUrl('updateFields.url', 'URL'), badId('webhookId', 'Webhook ID', '../wallet')],
		},
	),
	aitelier(
		'webhook',
		'delete',
		{ webhookId: 'wh_0123456789ab' },
		{ malformed: [badId('webhookId', 'Webhook ID', 'wh_1?')] },
	),
	aitelier(
		'webhook',
		'fanOut',
		{ projectId: 'prj_0123456789ab', hookName: 'crm-sync', payload: '{}' },
		{
			malformed: [
				badJson('payload', 'Payload'),
				badId('projectId', 'Project ID', '../prj'),
				badId('hookName', 'Webhook Name', 'crm/sync'),
			],
		},
	),
	aitelier(
		'knowledge',
		'crawl',
		{ url: 'https://example.com', maxPages: 10 },
		{ malformed: [badUrl('url', 'Website URL')] },
	),
	aitelier(
		'knowledge',
		'uploadFile',
		{ binaryPropertyName: 'data' },
		{
			binary: { mimeType: 'text/plain', fileName: 'faq.txt' },
			malformed: [
				{
					path: 'binaryPropertyName',
					field: 'Input Binary Field',
					value: 'missing_field',
					what: 'no such binary field',
				},
			],
		},
	),
	aitelier('knowledge', 'getAllFiles', { returnAll: false, limit: 5 }),
	aitelier(
		'knowledge',
		'deleteFile',
		{ fileId: 'file_0123456789ab' },
		{ malformed: [badId('fileId', 'File ID', '..')] },
	),
	aitelier(
		'usage',
		'get',
		{ period: '2026-11' },
		{ malformed: [{ path: 'period', field: 'Period', value: '2026-13', what: 'not a month' }] },
	),
	aitelier('wallet', 'get', {}),
	aitelier('invoice', 'getAll', { returnAll: false, limit: 5 }),
	aitelier(
		'invoice',
		'download',
		{ invoiceId: 'inv_0123456789ab' },
		{ malformed: [badId('invoiceId', 'Invoice ID', 'inv/../../wallet')] },
	),
];

/** Each node's sandbox platform (request log, faults) and credential type. */
export const PLATFORM_OF = {
	butterAi: 'butter',
	buildVoiceAi: 'buildvoiceai',
	aitelier: 'aitelier',
} as const;
export const CREDENTIAL_OF = {
	butterAi: 'butterAiApi',
	buildVoiceAi: 'buildVoiceAiApi',
	aitelier: 'aitelierApi',
} as const;

/** The input item an operation case runs on: its item fields, extra fields, and its file if it takes one. */
export function caseItem(
	operationCase: OperationCase,
	extra: IDataObject = {},
): INodeExecutionData {
	const json = { ...(operationCase.item ?? {}), ...extra } as IDataObject;
	if (!operationCase.binary) return { json };
	const { mimeType, fileName } = operationCase.binary;
	const content = mimeType === 'text/csv' ? 'phone\n+15551230001\n' : 'Opening hours: 9-5';
	return {
		json,
		binary: { data: { data: Buffer.from(content).toString('base64'), mimeType, fileName } },
	};
}
