import { resourceProperties } from '../../../shared/description';
import { createCall } from './create.operation';
import { getCall } from './get.operation';
import { getManyCalls } from './getAll.operation';

export const callResource = resourceProperties('call', 'create', [
	createCall,
	getCall,
	getManyCalls,
]);
