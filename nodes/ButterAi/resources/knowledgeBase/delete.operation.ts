import { defineOperation } from '../../../shared/description';
import { documentLocator, requireButterId } from '../../locators';
import { DOCUMENT_ID, route } from '../../profile';

export const deleteDocument = defineOperation(
	'knowledgeBase',
	{
		name: 'Delete',
		value: 'delete',
		action: 'Delete a knowledge base document',
		routing: route('DELETE', '=/v1/knowledge-base/{{$parameter.documentId}}', {
			preSend: [requireButterId('documentId', 'Document', DOCUMENT_ID)],
		}),
	},
	[documentLocator()],
);
