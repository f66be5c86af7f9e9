import { PACKAGE, nodeTypes } from '../harness/registry';

/*
 * n8n 2.41 evaluates a leftover expression ($parameter.options.binaryData) on every delivery to a
 * version-1 webhook node (webhook-helpers parseRequestBody); from version 2 it skips it. Bench 3a:
 * ~1 ms of CPU per delivery by default, and with lazy isolates (N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE)
 * the one isolate a delivery to a version-1 trigger still builds (0.43× Header Auth against 1.43×).
 */
describe.each(['butterAiTrigger', 'buildVoiceAiTrigger', 'aitelierTrigger', 'butterAiToolTrigger'])(
	'%s',
	(name) => {
		it('new nodes are version 2; workflows saved with version 1 still load it', () => {
			const type = `${PACKAGE}.${name}`;
			expect(nodeTypes.getByNameAndVersion(type).description.defaultVersion).toBe(2);
			expect(nodeTypes.getByNameAndVersion(type, 1).description.version).toEqual([1, 2]);
		});
	},
);
