import type {
	IDataObject,
	IHookFunctions,
	INodeProperties,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	type AutoSignatureOptions,
	type HeaderMap,
	headerNames,
	type SignatureOptions,
	type SignatureScheme,
	SIGNATURE_SCHEMES,
	verifySignature,
} from './signatures';
import { recall, replayKey } from './replayMemory';

export type VerificationChoice = SignatureScheme | 'auto' | 'none';

/**
 * Accepted deliveries say whether they were seen before (a platform retry) and the id that
 * identifies them, for the output; refused ones say why.
 */
export type DeliveryVerdict =
	| {
			accepted: true;
			duplicate?: boolean;
			deliveryId?: string;
			/** The replay-memory key this acceptance recorded, to forget if the delivery fails later. */
			rememberedAs?: string;
	  }
	| { accepted: false; reason: string };

export interface DeliveryOptions {
	/** The payload's own event id, when the platform sends one: a second key for duplicates. */
	payloadId?: string;
	/**
	 * What a verified delivery already accepted gets: `acknowledge` → `duplicate: true` (answer 200,
	 * start nothing); `refuse` (the default, for callers written before) → refused as replayed.
	 */
	duplicates?: 'acknowledge' | 'refuse';
}

const DEFAULT_TOLERANCE_SECONDS = 300;

const showFor = (verification: VerificationChoice[]) => ({ show: { verification } });

/** The verification settings every trigger offers; the secret itself comes from the caller. */
export function verificationProperties(
	defaultChoice: SignatureScheme | 'auto',
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
				{
					name: 'Automatic (Any Supported HMAC Scheme)',
					value: 'auto',
					description:
						'Accepts a delivery signed under any HMAC scheme whose headers it carries: Standard Webhooks, t=…,v1=… (Stripe-style), or an HMAC-SHA256 of the body in X-Signature, X-Webhook-Signature, X-Hub-Signature-256 or the Signature Header. Never a plain shared secret.',
				},
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
			displayOptions: showFor(['hmacSha256', 'auto']),
			description:
				'The header that carries the HMAC-SHA256 of the raw body (Automatic also looks in the usual header names)',
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
			displayOptions: showFor(['standardWebhooks', 'stripe', 'auto']),
			description: 'Deliveries signed longer ago than this, or replayed within it, are refused',
		},
	];
}

export function verificationChoice(context: IWebhookFunctions): VerificationChoice {
	return context.getNodeParameter('verification', 'standardWebhooks') as VerificationChoice;
}

function autoOptions(context: IWebhookFunctions, secret: string): AutoSignatureOptions {
	return {
		scheme: 'auto',
		secret,
		hmacHeader: String(context.getNodeParameter('hmacHeader', 'X-Webhook-Signature')),
		toleranceSeconds: Number(
			context.getNodeParameter('toleranceSeconds', DEFAULT_TOLERANCE_SECONDS),
		),
	};
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
 * deliveries that carry an id (a signed one, or the payload's event id) or a signed timestamp,
 * whether it was accepted before.
 */
export function verifyDelivery(
	context: IWebhookFunctions,
	secret: string | undefined,
	options: DeliveryOptions = {},
): DeliveryVerdict {
	const choice = verificationChoice(context);
	if (choice === 'none') return { accepted: true };
	if (!secret) return { accepted: false, reason: 'no signing secret configured' };
	const rawBody = rawBodyOf(context);
	if (!rawBody) return { accepted: false, reason: 'no raw body received' };
	const headers = context.getHeaderData() as HeaderMap;
	const settings =
		choice === 'auto' ? autoOptions(context, secret) : signatureOptions(context, choice, secret);
	const verdict = verifySignature(rawBody, headers, settings);
	if (!verdict.valid) return { accepted: false, reason: verdict.reason };
	const signedKey = replayKey(
		verdict.scheme ?? (choice as SignatureScheme),
		rawBody,
		verdict.webhookId,
		verdict.timestamp,
	);
	// One entry per delivery keeps the bounded memory's reach. The payload's event id, when sent,
	// is the steadier key: a retry may carry a new message id, never a new event id; a replay has
	// the same body, so the same event id.
	const key = options.payloadId ? `event:${options.payloadId}` : signedKey;
	const deliveryId = verdict.webhookId ?? options.payloadId;
	if (key === undefined) return { accepted: true };
	const signedAt = verdict.timestamp ?? Math.floor(Date.now() / 1000);
	const window = settings.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
	const recollection = recall(context, [key], signedAt, window);
	if (recollection === 'forgotten')
		return { accepted: false, reason: 'delivery too old to tell from a replay' };
	if (recollection === 'seen') {
		return options.duplicates === 'acknowledge'
			? { accepted: true, duplicate: true, deliveryId }
			: { accepted: false, reason: 'delivery replayed' };
	}
	return { accepted: true, deliveryId, rememberedAs: key };
}

/** n8n runs a webhook in mode `manual` while the editor listens for a test event. */
export const isTestDelivery = (context: IWebhookFunctions) => context.getMode() === 'manual';

const nodeLabel = (context: IWebhookFunctions) => context.getNode().name;

/**
 * 401 and no execution. Logged with the reason and the header names (never values). The answer
 * says why only while the user listens for a test event; in production it would coach a forger.
 */
export function rejectDelivery(
	context: IWebhookFunctions,
	reason = 'verification failed',
): IWebhookResponseData {
	const headers = headerNames((context.getHeaderData() ?? {}) as HeaderMap);
	context.logger.warn(`${nodeLabel(context)}: webhook delivery refused (401): ${reason}`, {
		reason,
		headersSeen: headers.join(', '),
	});
	const body: IDataObject = { error: 'Webhook signature verification failed' };
	if (isTestDelivery(context)) body.reason = reason;
	context.getResponseObject().status(401).json(body);
	return { noWebhookResponse: true };
}

/** 200 and no execution for a platform's retry of a delivery already accepted. */
export function acknowledgeDuplicate(
	context: IWebhookFunctions,
	deliveryId: string | undefined,
): IWebhookResponseData {
	context.logger.info(`${nodeLabel(context)}: duplicate webhook delivery acknowledged`, {
		deliveryId: deliveryId ?? '',
	});
	return ignoreDelivery('duplicate delivery');
}

/** The Events value that starts the workflow on every event, including names the node does not know. */
export const ANY_EVENT = '*';

// Event names come from the platform; a bounded length keeps logs readable.
const MAX_EVENT_NAME_LOGGED = 100;

/** Names the node does not know are logged, so a user can find out what the platform sends. */
export function logUnknownEvent(context: IWebhookFunctions, name: string, started: boolean): void {
	const shown =
		name.length > MAX_EVENT_NAME_LOGGED ? `${name.slice(0, MAX_EVENT_NAME_LOGGED)}…` : name;
	context.logger.info(
		`${nodeLabel(context)}: received event "${shown}", which this node does not know; ${
			started ? 'started the workflow (Any Event is selected)' : 'select Any Event to receive it'
		}`,
		{ event: shown },
	);
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
