import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** The credential's base URL with a trailing slash forgiven, for requests built in code. */
export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl ?? '').replace(/\/+$/, '');
}

/** The same, as the expression routing's requestDefaults need. */
export const BASE_URL_EXPRESSION = '={{ String($credentials.baseUrl).replace(/\\/+$/, "") }}';
