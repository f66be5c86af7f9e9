import { resourceProperties } from '../../../shared/description';
import { placeCall } from './place.operation';

export const callResource = resourceProperties('call', 'trigger', [placeCall]);
