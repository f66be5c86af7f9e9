import type { INode, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

/**
 * Names whose values are secrets: parameters (authToken, sipPassword, inboundPin, signingSecret)
 * and keys inside JSON text (Authorization, X-API-Key, api_key, token, Cookie, auth…).
 */
const SECRET_NAME =
	/password|passwd|token|secret|pin$|api[-_]?key|authorization|^auth$|cookie|private[-_]?key/i;
/** An Authorization value inside any text: the scheme stays, the credential goes. */
const AUTH_SCHEME_VALUE = /\b(Bearer|Basic)(\s+)([A-Za-z0-9._~+/-]+=*)/gi;
/** Deeper than this a value is not inspected, so it is not shown either. */
const MAX_DEPTH = 32;

export const REDACTED = '[redacted]';

/**
 * `Bearer <x>` / `Basic <x>` with the credential masked. Only token-like credentials (8+
 * characters with a digit or `=`, or 24+), so prose such as "the Basic plan" stays as written.
 */
export function maskAuthValues(text: string): string {
	return text.replace(AUTH_SCHEME_VALUE, (whole, scheme: string, space: string, value: string) =>
		value.length >= 8 && (/[0-9=]/.test(value) || value.length >= 24)
			? `${scheme}${space}${REDACTED}`
			: whole,
	);
}

/** A parameter typed as JSON text (tool headers, Extra Fields): parsed, masked, written back. */
function scrubJsonText(text: string, depth: number): string | undefined {
	// n8n marks an expression with a leading "="; the JSON after it is as readable.
	const expression = text.startsWith('=') ? '=' : '';
	const body = text.slice(expression.length).trim();
	if (!/^[[{]/.test(body)) return undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		return undefined;
	}
	const masked = scrubValue(parsed, '', depth + 1);
	// Unchanged text is kept as the user wrote it, spacing included.
	return JSON.stringify(masked) === JSON.stringify(parsed)
		? text
		: `${expression}${JSON.stringify(masked)}`;
}

function scrubValue(value: unknown, key: string, depth: number, seen = new Set<object>()): unknown {
	if (SECRET_NAME.test(key) && value !== '' && value !== undefined && value !== null)
		return REDACTED;
	if (depth > MAX_DEPTH) return REDACTED;
	if (typeof value === 'string') return maskAuthValues(scrubJsonText(value, depth) ?? value);
	if (typeof value !== 'object' || value === null) return value;
	if (Buffer.isBuffer(value) || value instanceof Date) return value;
	// What n8n-core leaves on errors may point back at itself.
	if (seen.has(value)) return '[circular]';
	const inside = new Set(seen).add(value);
	if (Array.isArray(value)) return value.map((inner) => scrubValue(inner, '', depth + 1, inside));
	return Object.fromEntries(
		Object.entries(value).map(([name, inner]) => [
			name,
			scrubValue(inner, name, depth + 1, inside),
		]),
	);
}

/**
 * Any value with its secrets masked: secret-named keys at any depth, secret-named keys inside
 * strings that are JSON text, and Bearer/Basic credentials inside any string.
 */
export function scrubbed<T>(value: T): T {
	return scrubValue(value, '', 0) as T;
}

/**
 * The node as errors carry it (n8n stores and shows errors with their node): secrets typed into
 * parameters — auth tokens, SIP passwords, PINs, keys inside JSON headers — are masked.
 */
export function scrubbedNode(node: INode): INode {
	return {
		...node,
		parameters: scrubbed(node.parameters as NodeParameterValueType) as INodeParameters,
	};
}
