import { resourceProperties } from '../../../shared/description';
import { createTool } from './create.operation';
import { deleteTool } from './delete.operation';
import { getTool } from './get.operation';
import { getManyTools } from './getAll.operation';
import { updateTool } from './update.operation';

export const toolResource = resourceProperties('tool', 'getAll', [
	createTool,
	getTool,
	deleteTool,
	updateTool,
	getManyTools,
]);
