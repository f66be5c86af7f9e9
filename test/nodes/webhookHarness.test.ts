import { signPayload } from '../../sandbox/signing';
import { signedEchoTrigger } from '../fixtures/signedEchoTrigger';
import { registerNodeType } from '../harness/registry';
import { runWebhook } from '../harness/runWebhook';

registerNodeType('n8n-nodes-voice-agents.signedEchoTrigger', signedEchoTrigger);

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const body = JSON.stringify({ event: 'call.completed', call_id: 'c-1' });
const deliver = (rawBody: string, headers: Record<string, string>) =>
	runWebhook({
		node: 'signedEchoTrigger',
		parameters: { scheme: 'standardWebhooks', secret },
		request: { rawBody, headers: { 'content-type': 'application/json', ...headers } },
	});

describe('webhook harness: a trigger’s webhook() through n8n-core’s WebhookContext', () => {
	it('a correctly signed delivery starts the workflow with the parsed body', async () => {
		const { result, response } = await deliver(
			body,
			signPayload(body, { scheme: 'standardWebhooks', secret }),
		);
		expect(result.workflowData?.[0]).toEqual([
			{ json: { event: 'call.completed', call_id: 'c-1' } },
		]);
		expect(response.ended).toBe(false);
	});

	it('a tampered body gets 401 and starts nothing', async () => {
		const headers = signPayload(body, { scheme: 'standardWebhooks', secret });
		const { result, response } = await deliver(body.replace('c-1', 'c-2'), headers);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(401);
		expect(JSON.stringify(response.body)).not.toContain(secret);
	});
});
