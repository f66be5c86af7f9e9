import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { defineOperation } from '../../../shared/description';
import {
	checkedId,
	extraFieldsOption,
	invalidField,
	missingField,
	withExtraFields,
} from '../../../shared/fields';
import { agentLocator } from '../../locators';
import { AGENT_ID, route } from '../../profile';

const fields: INodeProperties[] = [
	{ ...agentLocator(), description: 'A text agent (voice agents take calls, not chats)' },
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Conversation ID',
				name: 'conversationId',
				type: 'string',
				default: '',
				placeholder: 'conv_a1b2c3d4e5f6',
				description: 'Continue this conversation (from an earlier answer)',
			},
			extraFieldsOption,
		],
	},
];

async function sendChatBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const agentId = checkedId(this, 'agentId', 'Agent', {
		shape: AGENT_ID,
		missingHint: 'Pick the text agent to talk to',
	});
	const message = String(this.getNodeParameter('message', ''));
	if (!message.trim()) throw missingField(this, 'Message', 'The text to send to the agent');
	if (message.length > 4000)
		throw invalidField(
			this,
			'Message',
			'is longer than 4,000 characters',
			'Split it into several messages',
		);
	const extra = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const body: IDataObject = { agent_id: agentId, message };
	const conversation = String(extra.conversationId ?? '').trim();
	if (conversation) body.conversation_id = conversation;
	requestOptions.body = withExtraFields(this, extra, body);
	return requestOptions;
}

export const sendMessage = defineOperation(
	'chat',
	{
		name: 'Send Message',
		value: 'sendMessage',
		action: 'Send a message to a text agent',
		description: 'Chat with a text agent; pass the conversation ID to continue a conversation',
		routing: route('POST', '/v1/chat', { preSend: [sendChatBody] }),
	},
	fields,
);
