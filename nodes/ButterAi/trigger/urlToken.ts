import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import type { IDataObject, IHookFunctions, INodeProperties, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/*
 * Butter AI documents no signing for its status callbacks, so by default the trigger proves a
 * delivery came from Butter with a secret only Butter was told: a token in the callback URL.
 */

/** The verification choice of the URL token; the signing schemes stay selectable beside it. */
export const URL_TOKEN = 'urlToken';

/** The query parameter that carries the token. */
export const TOKEN_PARAMETER = 'token';

// A user-chosen token must be at least as hard to guess as a generated one (128 bits as hex).
const MIN_MANUAL_TOKEN_LENGTH = 32;
const URL_SAFE = /^[A-Za-z0-9_-]+$/;

export const URL_TOKEN_OPTION = {
	name: 'Secret Token in URL (Recommended)',
	value: URL_TOKEN,
	description:
		'Only deliveries to the callback URL with its secret token are accepted — for Butter AI, which documents no signing',
};

/** The manual mode's token field and notices; the phone-number mode generates its own token. */
export const urlTokenProperties: INodeProperties[] = [
	{
		displayName: 'URL Token',
		name: 'urlToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: 'e.g. the output of: openssl rand -hex 16',
		displayOptions: { show: { registration: ['manual'], verification: [URL_TOKEN] } },
		description:
			'A secret of at least 32 letters, digits, - or _, chosen by you. Deliveries without it get 401.',
	},
	{
		displayName:
			"In Butter AI's call status callback setting, paste this node's Production URL followed by ?token= and your URL Token, e.g. https://your-n8n.example.com/webhook/…/webhook?token=YOUR_URL_TOKEN",
		name: 'manualTokenNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { registration: ['manual'], verification: [URL_TOKEN] } },
	},
];

const storedToken = (context: IHookFunctions | IWebhookFunctions) =>
	(context.getWorkflowStaticData('node') as IDataObject).urlToken as string | undefined;

export const usesUrlToken = (context: IHookFunctions | IWebhookFunctions) =>
	context.getNodeParameter('verification', URL_TOKEN) === URL_TOKEN;

const isManual = (context: IHookFunctions | IWebhookFunctions) =>
	context.getNodeParameter('registration', 'phoneNumbers') === 'manual';

const manualToken = (context: IHookFunctions | IWebhookFunctions) =>
	String(context.getNodeParameter('urlToken', '') ?? '').trim();

/**
 * A fresh token for this activation (256 random bits), kept in static data: n8n saves static
 * data changed during activation, not reliably what webhook() changes. Returns how to put the
 * previous token back, for an activation that fails before the numbers carry the new one.
 */
export function issueUrlToken(context: IHookFunctions): () => void {
	const data = context.getWorkflowStaticData('node');
	const previous = data.urlToken;
	data.urlToken = randomBytes(32).toString('base64url');
	return () => {
		if (previous === undefined) delete data.urlToken;
		else data.urlToken = previous;
	};
}

export function forgetUrlToken(context: IHookFunctions): void {
	delete context.getWorkflowStaticData('node').urlToken;
}

/** Activation check of the manual mode: the token the user pastes must exist and be strong. */
export function requireManualToken(context: IHookFunctions): void {
	const token = manualToken(context);
	if (token.length >= MIN_MANUAL_TOKEN_LENGTH && URL_SAFE.test(token)) return;
	throw new NodeOperationError(context.getNode(), 'The URL Token is missing or too weak', {
		description: `Set URL Token to at least ${MIN_MANUAL_TOKEN_LENGTH} letters, digits, - or _ (e.g. the output of "openssl rand -hex 16"), then paste the Production URL followed by ?token= and that token into Butter AI`,
	});
}

/**
 * The URL registered on the phone numbers: the webhook URL, with this activation's token when
 * verification is by URL token. Undefined when that token has not been issued yet.
 */
export function registeredUrl(context: IHookFunctions): string | undefined {
	const url = context.getNodeWebhookUrl('default') as string;
	if (!usesUrlToken(context)) return url;
	const token = storedToken(context);
	return token ? `${url}?${TOKEN_PARAMETER}=${encodeURIComponent(token)}` : undefined;
}

/** Whether a callback URL points at this trigger, with or without a token (any old one too). */
export function isThisTrigger(context: IHookFunctions, url: unknown): boolean {
	return typeof url === 'string' && url.split('?')[0] === context.getNodeWebhookUrl('default');
}

// Digests first, so timingSafeEqual compares equal lengths and the time tells nothing either.
const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** True when the delivery's query carries the expected token (constant-time compare). */
/** Why a delivery's URL token is refused (never the token itself), or undefined when it is right. */
export function urlTokenProblem(context: IWebhookFunctions): string | undefined {
	const expected = isManual(context) ? manualToken(context) : storedToken(context);
	const given = (context.getQueryData() as IDataObject)[TOKEN_PARAMETER];
	if (!expected) return 'no URL token issued: deactivate and activate the workflow again';
	if (typeof given !== 'string' || given === '') return `no ?${TOKEN_PARAMETER}= in the URL`;
	return timingSafeEqual(digest(given), digest(expected))
		? undefined
		: 'the URL token does not match';
}
