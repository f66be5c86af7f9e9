import { resourceProperties } from '../../../shared/description';
import { getUsage } from './get.operation';

export const usageResource = resourceProperties('usage', 'get', [getUsage]);
