import { resourceProperties } from '../../../shared/description';
import { createIntegration } from './create.operation';
import { deleteIntegration } from './delete.operation';
import { getManyIntegrations } from './getAll.operation';

export const integrationResource = resourceProperties('integration', 'getAll', [
	createIntegration,
	deleteIntegration,
	getManyIntegrations,
]);
