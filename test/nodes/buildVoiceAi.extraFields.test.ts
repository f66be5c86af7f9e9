import { runNode } from '../harness/runNode';
import { listOf, type LoggedRequest, useSandbox } from '../harness/sandbox';

const sandbox = useSandbox();

const sent = async () =>
	listOf<LoggedRequest>(
		await sandbox.control('GET', '/_sandbox/requests?platform=buildvoiceai'),
		'requests',
	).filter((r) => r.path === '/calls/trigger');

describe('BuildVoiceAI → Call → Trigger: Extra Fields (JSON)', () => {
	it('sends fields the docs may add later; the explicit ones win; echoed in the output', async () => {
		const { items, error } = await runNode({
			node: 'buildVoiceAi',
			parameters: {
				resource: 'call',
				operation: 'trigger',
				phoneNumber: '+15551230001',
				additionalFields: {
					name: 'Ada',
					extraFieldsJson: '{"language": "de", "phone_number": "+19999999999", "name": "Bob"}',
				},
			},
			credentials: { buildVoiceAiApi: sandbox.credentials.buildVoiceAiApi() },
		});
		expect(error).toBeUndefined();
		const [request] = await sent();
		expect(request.body).toEqual({ phone_number: '+15551230001', name: 'Ada', language: 'de' });
		expect(items[0].json.input).toEqual(request.body);
	});

	it('bad JSON fails the item before anything is dialled', async () => {
		const { error } = await runNode({
			node: 'buildVoiceAi',
			parameters: {
				resource: 'call',
				operation: 'trigger',
				phoneNumber: '+15551230001',
				additionalFields: { extraFieldsJson: '[1, 2]' },
			},
			credentials: { buildVoiceAiApi: sandbox.credentials.buildVoiceAiApi() },
		});
		expect(error?.message).toBe('Extra Fields (JSON) must be a JSON object (item 1)');
		expect(await sent()).toEqual([]);
	});
});
