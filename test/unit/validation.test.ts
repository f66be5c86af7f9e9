import { NodeApiError } from 'n8n-workflow';

import { pathId, SAFE_ID } from '../../nodes/shared/fields';
import { parseJsonObject, requireE164, requireIsoDate } from '../../nodes/shared/validation';
import { testNode } from './fakeContext';

const failure = (fn: () => unknown) => {
	try {
		fn();
	} catch (error) {
		return error as NodeApiError;
	}
	throw new Error('expected a NodeApiError');
};

describe('requireE164', () => {
	it.each(['+15551234567', '+447911123456', '+12', ' +15551234567 '])('accepts %s', (value) => {
		expect(requireE164(testNode, 0, 'Phone', value)).toBe(value.trim());
	});

	it.each(['15551234567', '+0551234567', '+1 555 123 4567', '+1555123456789012', '', 'call me'])(
		'rejects %j naming the field and the item',
		(value) => {
			const error = failure(() => requireE164(testNode, 4, 'Phone Number', value));
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toMatch(/^Phone Number .* \(item 5\)$/);
			expect(error.context.itemIndex).toBe(4);
			expect(error.description).toContain('E.164');
		},
	);
});

describe('requireIsoDate', () => {
	it.each(['2026-05-13', '2026-05-13T18:42:30Z', '2026-05-13T18:42:30.123+02:00'])(
		'accepts %s',
		(v) => {
			expect(requireIsoDate(testNode, 0, 'Scheduled For', v)).toBe(v);
		},
	);

	it.each(['13/05/2026', '2026-13-45', 'tomorrow', '2026-05-13T25:00:00Z', ''])(
		'rejects %j',
		(v) => {
			const error = failure(() => requireIsoDate(testNode, 1, 'Scheduled For', v));
			expect(error.message).toMatch(/^Scheduled For .*is not an ISO-8601 date \(item 2\)$/);
		},
	);
});

describe('parseJsonObject', () => {
	it('accepts objects and JSON text of objects, and treats empty as {}', () => {
		expect(parseJsonObject(testNode, 0, 'Metadata', { a: 1 })).toEqual({ a: 1 });
		expect(parseJsonObject(testNode, 0, 'Metadata', '{"lead":"L-1"}')).toEqual({ lead: 'L-1' });
		expect(parseJsonObject(testNode, 0, 'Metadata', '  ')).toEqual({});
	});

	it('rejects malformed JSON and non-objects, naming the field and the item', () => {
		expect(failure(() => parseJsonObject(testNode, 2, 'Metadata', '{lead:')).message).toBe(
			'Metadata is not valid JSON (item 3)',
		);
		expect(failure(() => parseJsonObject(testNode, 0, 'Metadata', '[1,2]')).message).toBe(
			'Metadata must be a JSON object (item 1)',
		);
	});
});

/** Issue 15 (point 5): any ID of the safe shape, and nothing that could change the endpoint. */
describe('SAFE_ID', () => {
	it.each([
		'agent_abc123',
		'agent_a1b2c3d4e5f6',
		'agent-support-7',
		'AGENT_Sales_Bot_2024',
		'7',
		'x'.repeat(128),
	])('accepts %s', (id) => expect(SAFE_ID.test(id)).toBe(true));

	it.each([
		'',
		'../wallet',
		'x/../../admin',
		'a?b',
		'a#b',
		'a%2Fb',
		'a b',
		'agent.1',
		'ä',
		'x'.repeat(129),
	])('refuses %j', (id) => expect(SAFE_ID.test(id)).toBe(false));

	it('pathId encodes a safe ID and refuses anything else, naming the field', () => {
		expect(pathId(testNode, 'Phone Number', 'phon_abc123')).toBe('phon_abc123');
		expect(() => pathId(testNode, 'Phone Number', '../wallet')).toThrow(
			'Phone Number "../wallet" is not a valid ID',
		);
	});
});
