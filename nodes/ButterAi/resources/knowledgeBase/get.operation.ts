import { defineOperation } from '../../../shared/description';
import { documentLocator, requireButterId } from '../../locators';
import { DOCUMENT_ID, route } from '../../profile';

export const getDocument = defineOperation(
	'knowledgeBase',
	{
		name: 'Get',
		value: 'get',
		action: 'Get a knowledge base document',
		routing: route('GET', '=/v1/knowledge-base/{{$parameter.documentId}}', {
			preSend: [requireButterId('documentId', 'Document', DOCUMENT_ID)],
		}),
	},
	[documentLocator()],
);
