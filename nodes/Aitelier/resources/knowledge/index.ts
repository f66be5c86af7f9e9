import { resourceProperties } from '../../../shared/description';
import { crawlWebsite } from './crawl.operation';
import { deleteKnowledgeFile } from './deleteFile.operation';
import { getManyKnowledgeFiles } from './getAllFiles.operation';
import { uploadKnowledgeFile } from './uploadFile.operation';

export const knowledgeResource = resourceProperties('knowledge', 'getAllFiles', [
	crawlWebsite,
	deleteKnowledgeFile,
	getManyKnowledgeFiles,
	uploadKnowledgeFile,
]);
