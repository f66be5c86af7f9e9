import type {
	IHookFunctions,
	INodeProperties,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	type HeaderMap,
	type SignatureOptions,
	type SignatureScheme,
	SIGNATURE_SCHEMES,
	verifySignature,
} from './signatures';
import { replayKey, seenBefore } from './replayMemory';

export type VerificationChoice = SignatureScheme | 'none';

export type DeliveryVerdict = { accepted: true } | { accepted: false; reason: string };

const DEFAULT_TOLERANCE_SECONDS = 300;

const showFor = (verification: VerificationChoice[]) => ({ show: { verification } });

/** The verification settings every trigger offers; the secret itself comes from the caller. */
export function verificationProperties(
	defaultChoice: SignatureScheme,
	secretSource: string,
	headers: { sharedSecret?: string; hmac?: string } = {},
): INodeProperties[] {
	const hmacHeader = headers.hmac ?? 'X-Webhook-Signature';
	const sharedSecretHeader = headers.sharedSecret ?? 'X-Webhook-Secret';
	return [
		{
			displayName: 'Verification',
			name: 'verification',
			type: 'options',
			noDataExpression: true,
			options: [
				...SIGNATURE_SCHEMES.map(({ name, value, description }) => ({ name, value, description })),
				{
					name: 'Off — Accept Unsigned Requests',
					value: 'none',
					description: 'Anyone who learns the URL can start this workflow',
				},
			],
			default: defaultChoice,
			description: `How each delivery proves it came from the platform, checked with ${secretSource}`,
		},
		{
			displayName:
				'Verification is off: anyone who learns this URL can start the workflow with any data. Use it only for a first test.',
			name: 'verificationOffWarning',
			type: 'notice',
			default: '',
			displayOptions: showFor(['none']),
		},
		{
			displayName: 'Signature Header',
			name: 'hmacHeader',
			type: 'string',
			default: hmacHeader,
			displayOptions: showFor(['hmacSha256']),
			description: 'The header that carries the HMAC-SHA256 of the raw body',
		},
		{
			displayName: 'Signature Encoding',
			name: 'hmacEncoding',
			type: 'options',
			options: [
				{ name: 'Hex', value: 'hex' },
				{ name: 'Base64', value: 'base64' },
			],
			default: 'hex',
			displayOptions: showFor(['hmacSha256']),
		},
		{
			displayName: 'Signature Prefix',
			name: 'hmacPrefix',
			type: 'string',
			default: '',
			placeholder: 'e.g. sha256=',
			displayOptions: showFor(['hmacSha256']),
			description: 'Text before the signature in the header, if any',
		},
		{
			displayName: 'Secret Header',
			name: 'verificationHeader',
			type: 'string',
			default: sharedSecretHeader,
			displayOptions: showFor(['sharedSecret']),
			description: 'The header whose value must equal the secret',
		},
		{
			displayName: 'Replay Window (Seconds)',
			name: 'toleranceSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TOLERANCE_SECONDS,
			displayOptions: showFor(['standardWebhooks', 'stripe']),
			description: 'Deliveries signed longer ago than this, or replayed within it, are refused',
		},
	];
}

export function verificationChoice(context: IWebhookFunctions): VerificationChoice {
	return context.getNodeParameter('verification', 'standardWebhooks') as VerificationChoice;
}

function signatureOptions(
	context: IWebhookFunctions,
	scheme: SignatureScheme,
	secret: string,
): SignatureOptions {
	const options: SignatureOptions = { scheme, secret };
	if (scheme === 'hmacSha256') {
		options.hmac = {
			header: String(context.getNodeParameter('hmacHeader', 'X-Webhook-Signature')),
			encoding: context.getNodeParameter('hmacEncoding', 'hex') as 'hex' | 'base64',
			prefix: String(context.getNodeParameter('hmacPrefix', '')),
		};
	}
	if (scheme === 'sharedSecret') {
		options.sharedSecretHeader = String(
			context.getNodeParameter('verificationHeader', 'X-Webhook-Secret'),
		);
	}
	if (scheme === 'standardWebhooks' || scheme === 'stripe') {
		options.toleranceSeconds = Number(
			context.getNodeParameter('toleranceSeconds', DEFAULT_TOLERANCE_SECONDS),
		);
	}
	return options;
}

/** The bytes n8n received, before any parsing; signatures are over exactly these. */
function rawBodyOf(context: IWebhookFunctions): Buffer | undefined {
	const { rawBody } = context.getRequestObject() as unknown as { rawBody?: unknown };
	if (Buffer.isBuffer(rawBody)) return rawBody;
	return typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : undefined;
}

/**
 * Checks one delivery: its signature over the raw body (constant time, replay window) and, for
 * schemes that identify deliveries, that it was not accepted before.
 */
export function verifyDelivery(
	context: IWebhookFunctions,
	secret: string | undefined,
): DeliveryVerdict {
	const choice = verificationChoice(context);
	if (choice === 'none') return { accepted: true };
	if (!secret) return { accepted: false, reason: 'no signing secret configured' };
	const rawBody = rawBodyOf(context);
	if (!rawBody) return { accepted: false, reason: 'no raw body received' };
	const headers = context.getHeaderData() as HeaderMap;
	const options = signatureOptions(context, choice, secret);
	const verdict = verifySignature(rawBody, headers, options);
	if (!verdict.valid) return { accepted: false, reason: verdict.reason };
	const key = replayKey(choice, rawBody, verdict.webhookId, verdict.timestamp);
	const signedAt = verdict.timestamp ?? Math.floor(Date.now() / 1000);
	if (
		key &&
		seenBefore(context, key, signedAt, options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)
	) {
		return { accepted: false, reason: 'delivery replayed' };
	}
	return { accepted: true };
}

/** 401 and no execution. The reason stays out of the answer: it would coach a forger. */
export function rejectDelivery(context: IWebhookFunctions): IWebhookResponseData {
	context.getResponseObject().status(401).json({ error: 'Webhook signature verification failed' });
	return { noWebhookResponse: true };
}

/** 200 and no execution, for well-formed deliveries the user did not select. */
export function ignoreDelivery(why: string): IWebhookResponseData {
	return { webhookResponse: { received: true, ignored: why } };
}

/** The webhook signing secret a platform's credential holds (empty when none was set). */
export async function credentialSecret(
	context: IHookFunctions | IWebhookFunctions,
	credentialType: string,
): Promise<string> {
	const credentials = await context.getCredentials(credentialType);
	return String(credentials.signingSecret ?? '').trim();
}

/**
 * Activation check of triggers whose secret lives in their credential: with verification on and
 * no secret, every delivery would be refused — say so now, not by silent 401s later.
 */
export async function requireCredentialSecret(
	context: IHookFunctions,
	credentialType: string,
	platform: string,
	whereFrom: string,
): Promise<void> {
	if (verificationChoice(context as unknown as IWebhookFunctions) === 'none') return;
	if (await credentialSecret(context, credentialType)) return;
	throw new NodeOperationError(
		context.getNode(),
		`The ${platform} credential has no Webhook Signing Secret`,
		{
			description: `${whereFrom} — or choose Verification: Off, at your own risk`,
		},
	);
}
