import type { IDataObject, IExecuteSingleFunctions, INode } from 'n8n-workflow';
import { toInstant } from './instant';
import { inputError } from './platformError';

/** E.164: a plus, a non-zero country digit, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{1,14}$/;
/** ISO-8601 date or date-time, with an optional offset. */
const ISO_8601 =
	/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function badInput(node: INode, itemIndex: number, field: string, problem: string, hint: string) {
	return inputError(node, itemIndex, `${field} ${problem} (item ${itemIndex + 1})`, hint);
}

export function requireE164(node: INode, itemIndex: number, field: string, value: unknown): string {
	const text =
		typeof value === 'string' ? value.trim() : typeof value === 'number' ? `+${value}` : '';
	if (text === '') {
		throw badInput(
			node,
			itemIndex,
			field,
			'is required',
			'Give the number in E.164 form, e.g. +15551234567',
		);
	}
	if (!E164.test(text)) {
		throw badInput(
			node,
			itemIndex,
			field,
			`"${text.slice(0, 40)}" is not an E.164 phone number`,
			'E.164 is a plus sign, the country code and the number, digits only, at most 15 digits: e.g. +15551234567',
		);
	}
	return text;
}

export function requireIsoDate(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!ISO_8601.test(text) || Number.isNaN(Date.parse(text))) {
		throw badInput(
			node,
			itemIndex,
			field,
			`"${String(value).slice(0, 40)}" is not an ISO-8601 date`,
			'Use e.g. 2026-05-13 or 2026-05-13T18:42:30Z',
		);
	}
	return text;
}

const HTTP_URL = /^https?:\/\/\S+$/i;

/** An http(s) URL (a webhook target, a site to crawl), at most `maxLength` characters. */
export function requireHttpUrl(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
	hint: string,
	maxLength = 2048,
): string {
	const url = String(value ?? '').trim();
	if (!HTTP_URL.test(url) || url.length > maxLength) {
		throw badInput(node, itemIndex, field, `"${url.slice(0, 60)}" is not an http(s) URL`, hint);
	}
	return url;
}

/** Accepts an object as-is (an expression may already give one) or JSON text of an object. */
export function parseJsonObject(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
): IDataObject {
	if (typeof value === 'object' && value !== null && !Array.isArray(value))
		return value as IDataObject;
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		throw badInput(node, itemIndex, field, 'is not valid JSON', (error as Error).message);
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw badInput(node, itemIndex, field, 'must be a JSON object', 'Wrap the values in { … }');
	}
	return parsed as IDataObject;
}

/**
 * A moment in time: with an offset as given; without one, read in the workflow's time zone and
 * sent with an explicit UTC offset. A date alone is refused — a call needs a time of day.
 */
export function requireInstant(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
	timeZone: string,
): string {
	const text = typeof value === 'string' ? value.trim() : '';
	const result = toInstant(text, timeZone);
	if (result.ok) return result.iso;
	throw badInput(
		node,
		itemIndex,
		field,
		`"${String(value).slice(0, 40)}" ${result.problem}`,
		`Use e.g. 2026-05-13T18:42:30Z, 2026-05-13T20:42:30+02:00, or 2026-05-13T18:42:30 for that time in the workflow's time zone (${timeZone})`,
	);
}

/** Convenience for preSend hooks, which know their node and item through the context. */
export function inputOf(context: IExecuteSingleFunctions) {
	const node = context.getNode();
	const itemIndex = context.getItemIndex();
	return {
		e164: (field: string, value: unknown) => requireE164(node, itemIndex, field, value),
		isoDate: (field: string, value: unknown) => requireIsoDate(node, itemIndex, field, value),
		instant: (field: string, value: unknown) =>
			requireInstant(node, itemIndex, field, value, context.getTimezone()),
		jsonObject: (field: string, value: unknown) => parseJsonObject(node, itemIndex, field, value),
		httpUrl: (field: string, value: unknown, hint: string, maxLength?: number) =>
			requireHttpUrl(node, itemIndex, field, value, hint, maxLength),
	};
}
