import { resourceProperties } from '../../../shared/description';
import { createBatch } from './create.operation';
import { getBatch } from './get.operation';
import { getBatchRows } from './getRows.operation';

export const batchResource = resourceProperties('batch', 'create', [
	createBatch,
	getBatch,
	getBatchRows,
]);
