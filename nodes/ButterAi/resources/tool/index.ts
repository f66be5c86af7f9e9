import { resourceProperties } from '../../../shared/description';
import { answerAgent } from './answer.operation';
import { createTool } from './create.operation';
import { deleteTool } from './delete.operation';
import { getTool } from './get.operation';
import { getManyTools } from './getAll.operation';
import { updateTool } from './update.operation';

export const toolResource = resourceProperties('tool', 'getAll', [
	answerAgent,
	createTool,
	getTool,
	deleteTool,
	updateTool,
	getManyTools,
]);
