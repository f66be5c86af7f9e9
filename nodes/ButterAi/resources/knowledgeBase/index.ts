import { resourceProperties } from '../../../shared/description';
import { addDocument } from './create.operation';
import { deleteDocument } from './delete.operation';
import { getDocument } from './get.operation';
import { getManyDocuments } from './getAll.operation';

export const knowledgeBaseResource = resourceProperties('knowledgeBase', 'getAll', [
	addDocument,
	getDocument,
	deleteDocument,
	getManyDocuments,
]);
