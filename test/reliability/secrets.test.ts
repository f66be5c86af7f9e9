import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { signPayload } from '../../sandbox/signing';
import { runNode } from '../harness/runNode';
import { runWebhook, runWebhookMethod } from '../harness/runWebhook';
import { SANDBOX_KEYS, useSandbox } from '../harness/sandbox';
import { errorFields } from '../harness/secretRecorder';
import { CASES, caseItem, CREDENTIAL_OF, type OperationCase, PLATFORM_OF } from './badInput.cases';
import { table, writeSection } from './report';
import { findSecrets, type SecretHit, SWEEP_SECRETS } from './secrets';

const sandbox = useSandbox();
jest.setTimeout(300_000);

/** Everything a run produced, errors with their description, node and cause. */
const serialise = (value: unknown) => JSON.stringify(value, errorFields);

/** The operation's parameters with the sweep's secrets typed in where the node takes secrets. */
function withTypedSecrets(operationCase: OperationCase, jsonText = false): INodeParameters {
	const parameters: INodeParameters = {
		resource: operationCase.resource,
		operation: operationCase.operation,
		...operationCase.valid,
	};
	// Secrets inside JSON text: only where the run is refused, since a platform that stores what
	// it is sent (a tool's headers) rightly answers with it.
	if (jsonText && typeof parameters.additionalFields === 'object') {
		parameters.additionalFields = {
			...(parameters.additionalFields as object),
			extraFieldsJson: JSON.stringify({ api_key: SWEEP_SECRETS.jsonExtraApiKey }),
			...(operationCase.resource === 'tool'
				? {
						headers: JSON.stringify({
							Authorization: `Bearer ${SWEEP_SECRETS.jsonHeaderBearer}`,
						}),
					}
				: {}),
		};
	}
	if (operationCase.resource === 'integration' && operationCase.operation === 'create')
		parameters.authToken = SWEEP_SECRETS.twilioToken;
	if (parameters.provider === 'sip')
		parameters.sipFields = {
			...(parameters.sipFields as object),
			sipPassword: SWEEP_SECRETS.sipPassword,
			sipUsername: 'trunk-user',
		};
	return parameters;
}

const credentialsFor = (
	node: OperationCase['node'],
	apiKey?: string,
): Record<string, ICredentialDataDecryptedObject> => {
	const name = CREDENTIAL_OF[node];
	return {
		[name]: {
			...sandbox.credentials[name](),
			signingSecret: SWEEP_SECRETS.signingSecret,
			...(apiKey ? { apiKey } : {}),
		},
	};
};

const CONDITIONS: Array<{ name: string; apiKey?: string; fault?: string; jsonText?: boolean }> = [
	{ name: 'as given' },
	{ name: 'refused key (401)', apiKey: 'not-a-valid-key-SWEEP', jsonText: true },
	{ name: '500 before acting', fault: '500' },
	{ name: 'connection reset', fault: 'reset' },
	{ name: '500 after acting', fault: '500-after-acting' },
	{ name: 'an answer that is not HTTP', fault: 'not-http' },
	{ name: 'a redirect to another origin', fault: 'redirect-cross-origin', jsonText: true },
];

const hits: SecretHit[] = [];
const scanned = { runs: 0, bytes: 0, errors: 0 };

function scan(where: string, produced: unknown) {
	const text = serialise(produced);
	scanned.runs++;
	scanned.bytes += text.length;
	hits.push(...findSecrets(text, where));
}

describe('the scan finds what it looks for', () => {
	it('a key in a header, a token URL-encoded, a secret base64-encoded', () => {
		const leaky = JSON.stringify({
			headers: { authorization: `Bearer ${SANDBOX_KEYS.aitelier.full}` },
			url: `x?t=${encodeURIComponent(SWEEP_SECRETS.sipPassword)}`,
			basic: Buffer.from(SWEEP_SECRETS.twilioToken).toString('base64'),
		});
		expect(findSecrets(leaky, 'fixture').map((hit) => hit.secret)).toEqual([
			'avp_li…',
			'twilio…',
			'sip-pa…',
		]);
		expect(findSecrets('{"masked":"***"}', 'fixture')).toEqual([]);
	});
});

describe('no secret in any output, error message or description', () => {
	it.each(CONDITIONS)(
		'every operation of every node, $name',
		async ({ name, apiKey, fault, jsonText }) => {
			for (const operationCase of CASES) {
				await sandbox.control('POST', '/_sandbox/reset');
				if (fault)
					await sandbox.control('POST', '/_sandbox/faults', {
						platform: PLATFORM_OF[operationCase.node],
						kind: fault,
						times: 1,
					});
				const run = await runNode({
					node: operationCase.node,
					parameters: withTypedSecrets(operationCase, jsonText),
					credentials: credentialsFor(operationCase.node, apiKey),
					fullItems: [caseItem(operationCase)],
				});
				if (run.error) scanned.errors++;
				scan(
					`${operationCase.node} ${operationCase.resource} → ${operationCase.operation}, ${name}`,
					{ items: run.items, error: run.error, resultData: run.run.data.resultData },
				);
			}
			expect(hits).toEqual([]);
		},
	);

	it('the triggers: accepted, refused and ignored deliveries, and failing lifecycles', async () => {
		const body = JSON.stringify({
			event: 'call.completed',
			call_id: 'c0ffee00-0000-4000-8000-000000000009',
		});
		const signed = signPayload(body, {
			scheme: 'standardWebhooks',
			secret: SWEEP_SECRETS.signingSecret,
		});
		for (const headers of [signed, { ...signed, 'webhook-signature': 'v1,AAAA' }, {}]) {
			const run = await runWebhook({
				node: 'buildVoiceAiTrigger',
				parameters: { events: ['call.completed'] },
				credentials: credentialsFor('buildVoiceAi'),
				request: { rawBody: body, headers: { 'content-type': 'application/json', ...headers } },
			});
			scan('BuildVoiceAI Trigger delivery', run);
		}
		const butterBody = JSON.stringify({ call_sid: 'call_0123456789ab', status: 'completed' });
		for (const headers of [
			{ 'X-Butter-Secret': SWEEP_SECRETS.signingSecret },
			{ 'X-Butter-Secret': 'wrong' },
		]) {
			scan(
				'Butter AI Trigger delivery',
				await runWebhook({
					node: 'butterAiTrigger',
					parameters: {
						events: ['group:completed'],
						registration: 'manual',
						verification: 'sharedSecret',
					},
					credentials: credentialsFor('butterAi'),
					request: {
						rawBody: butterBody,
						headers: { 'content-type': 'application/json', ...headers },
					},
				}),
			);
		}
		// The default: a secret token in the callback URL (here the manual mode's URL Token).
		for (const token of [SWEEP_SECRETS.signingSecret, 'wrong', undefined]) {
			scan(
				'Butter AI Trigger delivery (URL token)',
				await runWebhook({
					node: 'butterAiTrigger',
					parameters: {
						events: ['group:completed'],
						registration: 'manual',
						urlToken: SWEEP_SECRETS.signingSecret,
					},
					credentials: credentialsFor('butterAi'),
					request: {
						rawBody: butterBody,
						headers: { 'content-type': 'application/json' },
						query: token === undefined ? {} : { token },
					},
				}),
			);
		}
		// Activation that fails at the platform: the errors n8n shows must not carry keys either.
		await sandbox.control('POST', '/_sandbox/faults', {
			platform: 'aitelier',
			kind: '500',
			times: 20,
		});
		const aitelier = await runWebhookMethod({
			node: 'aitelierTrigger',
			method: 'create',
			parameters: { events: ['call.completed'] },
			credentials: credentialsFor('aitelier'),
		}).catch((error: unknown) => ({ error }));
		scan('Aitelier Trigger activation (platform failing)', aitelier);
		const butter = await runWebhookMethod({
			node: 'butterAiTrigger',
			method: 'create',
			parameters: {
				events: ['group:completed'],
				registration: 'phoneNumbers',
				phoneNumberIds: ['phon_000000000000'],
			},
			credentials: credentialsFor('butterAi', SANDBOX_KEYS.butter.member),
		}).catch((error: unknown) => ({ error }));
		scan('Butter AI Trigger activation (unknown number)', butter);
		expect(hits).toEqual([]);
	});
});

afterAll(async () => {
	if (scanned.runs < CASES.length * CONDITIONS.length) return;
	await writeSection(
		'secrets',
		'4. Secrets — never in outputs, errors or logs',
		`**Sweep (this tier).** Every operation of every node (${CASES.length} variants) runs under ${CONDITIONS.length} conditions —
${CONDITIONS.map((c) => c.name).join(', ')} — with the sandbox API keys in the credentials, a webhook
signing secret in the credential, a Twilio auth token / SIP password typed into the nodes that
take them, and — under ${CONDITIONS.filter((c) => c.jsonText)
			.map((c) => c.name)
			.join(' and ')} —
secrets inside JSON-text parameters (a tool's headers JSON, Extra Fields); the triggers receive accepted, refused and ignored deliveries and fail their activation.
Everything produced — output items, the run's error with its message, description, node and cause,
n8n's whole result data — is serialised and searched for every known secret, as is, URL-encoded and
base64-encoded.

${table(['runs scanned', 'runs that ended in an error', 'bytes scanned', 'secrets found'], [[scanned.runs, scanned.errors, scanned.bytes.toLocaleString('en'), hits.length]])}

By design, one answer carries a secret: **Aitelier → Webhook → Create** outputs the new subscription's
signing secret, because Aitelier shows it only in that answer. (The Aitelier Trigger keeps its own
subscription's secret in static data and never outputs it.)`,
	);
});
