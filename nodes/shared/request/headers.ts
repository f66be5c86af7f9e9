import type { IDataObject } from 'n8n-workflow';

/** A header by name, case-insensitively; the first value of a repeated one. */
export function headerValue(headers: IDataObject | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const wanted = name.toLowerCase();
	const key = Object.keys(headers).find((k) => k.toLowerCase() === wanted);
	const value = key === undefined ? undefined : headers[key];
	const text = Array.isArray(value) ? value[0] : value;
	return typeof text === 'string' || typeof text === 'number' ? String(text).trim() : undefined;
}

/** Whether a header is present with a non-empty value. */
export function hasHeader(headers: IDataObject | undefined, name: string): boolean {
	return !!headerValue(headers, name);
}
