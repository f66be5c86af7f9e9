import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { binaryUpload } from '../../../shared/binaryUpload';
import { defineOperation } from '../../../shared/description';
import { invalidField, missingField } from '../../../shared/fields';
import { sendMultipart, type MultipartFile } from '../../../shared/multipart';
import { inputOf } from '../../../shared/validation';
import { agentIdOption, checkAgentId } from '../../locators';
import { route } from '../../profile';

const MAX_FILE_BYTES = 50 * 1024 * 1024;
const FILE_TYPES: Record<string, string> = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	txt: 'text/plain',
};

const fields: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Pricing FAQ',
	},
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'File (Binary Property)',
				value: 'binary',
				description: 'A PDF, DOCX or TXT file from an earlier node, up to 50 MB',
			},
			{ name: 'Text', value: 'text', description: 'Text typed or mapped here' },
		],
		default: 'binary',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		displayOptions: { show: { source: ['binary'] } },
		description: 'The binary property of the incoming item that holds the file',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 6 },
		required: true,
		default: '',
		displayOptions: { show: { source: ['text'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			agentIdOption('Attach the document to this agent'),
			{
				displayName: 'Extra Fields (JSON)',
				name: 'extraFieldsJson',
				type: 'json',
				default: '{}',
				description:
					'More form fields as a JSON object of strings; fields set above take precedence',
			},
		],
	},
];

/** The document as multipart/form-data: name plus exactly one of a file or text. */
async function sendKnowledgeBaseCreateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const name = String(this.getNodeParameter('name', '')).trim();
	if (!name) throw missingField(this, 'Name', 'Give the document a name (1–200 characters)');
	if (name.length > 200)
		throw invalidField(this, 'Name', 'is longer than 200 characters', 'Shorten it');
	const extra = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const form: Record<string, string> = {};
	for (const [key, value] of Object.entries(
		inputOf(this).jsonObject('Extra Fields (JSON)', extra.extraFieldsJson),
	)) {
		form[key] = typeof value === 'string' ? value : JSON.stringify(value);
	}
	form.name = name;
	const agentId = checkAgentId(this, extra.agentId);
	if (agentId) form.agent_id = agentId;

	const files: MultipartFile[] = [];
	if (this.getNodeParameter('source') === 'text') {
		const text = String(this.getNodeParameter('text', ''));
		if (!text.trim())
			throw missingField(this, 'Text', 'Give the text to index, or choose Source: File');
		form.text = text;
	} else {
		const property = String(this.getNodeParameter('binaryPropertyName', 'data'));
		files.push(
			await binaryUpload(this, property, {
				types: FILE_TYPES,
				maxBytes: MAX_FILE_BYTES,
				what: 'Butter AI indexes PDF, DOCX and TXT files only',
				fallbackName: name,
			}),
		);
	}
	return sendMultipart(requestOptions, form, files);
}

export const addDocument = defineOperation(
	'knowledgeBase',
	{
		name: 'Add Document',
		value: 'create',
		action: 'Add a knowledge base document',
		description: 'Upload a file or text for agents to reference; indexed asynchronously',
		routing: route('POST', '/v1/knowledge-base', { preSend: [sendKnowledgeBaseCreateBody] }),
	},
	fields,
);
