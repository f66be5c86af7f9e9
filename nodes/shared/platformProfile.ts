import type { IDataObject } from 'n8n-workflow';

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
}

/** `{success: true, data}` → data; bodies without the envelope pass through. */
export function unwrapDataEnvelope(body: IDataObject): IDataObject | IDataObject[] {
	const { data } = body;
	if (Array.isArray(data)) return data as IDataObject[];
	if (typeof data === 'object' && data !== null) return data as IDataObject;
	return body;
}
