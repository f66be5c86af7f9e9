import { resourceProperties } from '../../../shared/description';
import { getCall } from './get.operation';
import { getManyCalls } from './getAll.operation';
import { placeCall } from './place.operation';

export const callResource = resourceProperties('call', 'trigger', [
	getCall,
	getManyCalls,
	placeCall,
]);
