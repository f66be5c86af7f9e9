import { defineOperation } from '../../../shared/description';
import { requireId } from '../../../shared/fields';
import { aitelierOptions, idField } from '../../locators';
import { readRoute } from '../../profile';

export const getBatch = defineOperation(
	'batch',
	{
		name: 'Get',
		value: 'get',
		action: 'Get a batch',
		description: 'Status, progress and summary metrics',
		routing: readRoute('=/batches/{{$parameter.batchId}}', {
			preSend: [requireId('batchId', 'Batch ID')],
		}),
	},
	[idField('Batch ID', 'batchId', 'batch_a1b2c3d4e5f6'), aitelierOptions],
);
