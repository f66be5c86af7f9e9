import { resourceProperties } from '../../../shared/description';
import { createAgent } from './create.operation';
import { deleteAgent } from './delete.operation';
import { getAgent } from './get.operation';
import { getManyAgents } from './getAll.operation';
import { updateAgent } from './update.operation';

export const agentResource = resourceProperties('agent', 'getAll', [
	createAgent,
	getAgent,
	getManyAgents,
	updateAgent,
	deleteAgent,
]);
