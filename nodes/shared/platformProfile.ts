import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { PaceScope } from './request/pacer';

/** How fast a platform lets one credential send: its windows, from the credential and the docs. */
export interface PlatformPacing {
	credentialType: string;
	/** The scopes a request counts in: the key's own windows, and e.g. outbound calls. */
	scopes: (
		credentials: ICredentialDataDecryptedObject,
		request: { method: string; url: string },
	) => PaceScope[];
}

/** What the shared mechanisms need to know about one platform. */
export interface PlatformProfile {
	/** Shown at the start of every error message, e.g. "Butter AI". */
	name: string;
	/** Extra advice appended to errors of a given HTTP status. */
	hints?: Partial<Record<number, string>>;
	/** Advice for a platform error code, preferred over the status hint. */
	codeHints?: Record<string, string>;
	/** Turns a success body into the record(s) a user wants, e.g. `{success, data}` → data. */
	unwrap?: (body: IDataObject) => IDataObject | IDataObject[];
	/** How fast one credential may send; requests take a slot from its pacers. */
	pacing?: PlatformPacing;
}

/** `{success: true, data}` → data; bodies without the envelope pass through. */
export function unwrapDataEnvelope(body: IDataObject): IDataObject | IDataObject[] {
	const { data } = body;
	if (Array.isArray(data)) return data as IDataObject[];
	if (typeof data === 'object' && data !== null) return data as IDataObject;
	return body;
}
