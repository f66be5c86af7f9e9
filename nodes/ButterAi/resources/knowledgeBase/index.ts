import type { INodeProperties } from 'n8n-workflow';

import { operationRoute } from '../../../shared/routing';
import { cursorPaging, returnAllAndLimit } from '../../common/lists';
import { documentLocator } from '../../common/locators';
import { checkAgentFilter, requireId } from '../../common/body';
import { butterAi } from '../../profile';
import { knowledgeBaseCreateDescription, sendKnowledgeBaseCreateBody } from './create';

const documentUrl = '=/v1/knowledge-base/{{$parameter.documentId}}';
const checkDocument = requireId('documentId', 'doc_', 'Document');

export const knowledgeBaseDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['knowledgeBase'] } },
		options: [
			{
				name: 'Add Document',
				value: 'create',
				action: 'Add a knowledge base document',
				description: 'Upload a file or text for agents to reference; indexed asynchronously',
				routing: operationRoute(butterAi, 'POST', '/v1/knowledge-base', { preSend: [sendKnowledgeBaseCreateBody] }),
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a knowledge base document',
				routing: operationRoute(butterAi, 'DELETE', documentUrl, { preSend: [checkDocument] }),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a knowledge base document',
				routing: operationRoute(butterAi, 'GET', documentUrl, { preSend: [checkDocument] }),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many knowledge base documents',
				routing: operationRoute(butterAi, 'GET', '/v1/knowledge-base', { paging: cursorPaging, preSend: [checkAgentFilter] }),
			},
		],
		default: 'getAll',
	},
	...knowledgeBaseCreateDescription,
	{ ...documentLocator(), displayOptions: { show: { resource: ['knowledgeBase'], operation: ['get', 'delete'] } } },
	...returnAllAndLimit('knowledgeBase'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { resource: ['knowledgeBase'], operation: ['getAll'] } },
		options: [
			{ displayName: 'Agent ID', name: 'agentId', type: 'string', default: '', routing: { send: { type: 'query', property: 'agent_id' } } },
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'File', value: 'file' },
					{ name: 'Text', value: 'text' },
				],
				default: 'file',
				routing: { send: { type: 'query', property: 'type' } },
			},
		],
	},
];
