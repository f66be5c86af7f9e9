import { SANDBOX_KEYS, SANDBOX_WEBHOOK_SECRETS } from '../../sandbox/keys';

/** Values typed into nodes by the reliability sweep: distinctive, so any leak is unmistakable. */
export const SWEEP_SECRETS = {
	twilioToken: 'twilio-auth-token-SWEEP-7f3a9c2e5b1d',
	sipPassword: 'sip-password-SWEEP-4e8b1a6c9d2f',
	signingSecret: 'whsec_c3dlZXAtc2lnbmluZy1zZWNyZXQtb2YtdGhlLXRlc3Rz',
	// Typed into JSON-text parameters (a tool's headers, Extra Fields).
	jsonHeaderBearer: 'sk-SWEEP-json-header-9c4e2a7f1b3d',
	jsonExtraApiKey: 'api-key-SWEEP-json-extra-5d8f0b2c6e1a',
};

/**
 * Every secret the test run hands to the nodes: sandbox API keys, webhook signing secrets, the
 * secrets the tests type in. Only values long enough that a match cannot be chance.
 */
export function knownSecrets(): string[] {
	const values = [
		...Object.values(SANDBOX_KEYS).flatMap((keys) => Object.values(keys)),
		...Object.values(SANDBOX_WEBHOOK_SECRETS),
		...Object.values(SWEEP_SECRETS),
		'whsec_c2FuZGJveC1idWlsZHZvaWNlYWktc2VjcmV0',
		`whsec_${Buffer.from('fuzzing-secret-of-the-voice-agents-tests').toString('base64')}`,
	];
	return [...new Set(values)].filter((value) => value.length >= 12);
}

/** A secret as it could appear in text: as is, URL-encoded, base64 (e.g. inside a Basic header). */
export function secretForms(secret: string): string[] {
	return [...new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')])];
}

export interface SecretHit {
	secret: string;
	where: string;
}

/** Which known secrets appear in a text; the secret itself is reported only by its first characters. */
export function findSecrets(text: string, where: string, secrets = knownSecrets()): SecretHit[] {
	const hits: SecretHit[] = [];
	for (const secret of secrets) {
		if (secretForms(secret).some((form) => text.includes(form)))
			hits.push({ secret: `${secret.slice(0, 6)}…`, where });
	}
	return hits;
}
