import { defineOperation } from '../../../shared/description';
import { requireId, returnAllAndLimit } from '../../../shared/fields';
import { aitelierOptions, idField } from '../../locators';
import { readRoute } from '../../profile';

export const getBatchRows = defineOperation(
	'batch',
	{
		name: 'Get Rows',
		value: 'getRows',
		action: 'Get the rows of a batch',
		description: 'Per-row results: status, call, session, outcome',
		routing: readRoute('=/batches/{{$parameter.batchId}}/rows', {
			preSend: [requireId('batchId', 'Batch ID')],
			list: true,
		}),
	},
	[idField('Batch ID', 'batchId', 'batch_a1b2c3d4e5f6'), ...returnAllAndLimit(), aitelierOptions],
);
