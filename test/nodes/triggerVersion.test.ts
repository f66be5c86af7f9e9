import { PACKAGE, nodeTypes } from '../harness/registry';

/*
 * n8n 2.41 evaluates a leftover expression ($parameter.options.binaryData) on every delivery to a
 * version-1 webhook node, in an expression isolate (webhook-helpers parseRequestBody); from
 * version 2 it skips it. Measured in bench 3a: about as much as the trigger's own work.
 */
describe.each(['butterAiTrigger', 'buildVoiceAiTrigger', 'aitelierTrigger'])('%s', (name) => {
	it('new nodes are version 2; workflows saved with version 1 still load it', () => {
		const type = `${PACKAGE}.${name}`;
		expect(nodeTypes.getByNameAndVersion(type).description.defaultVersion).toBe(2);
		expect(nodeTypes.getByNameAndVersion(type, 1).description.version).toEqual([1, 2]);
	});
});
