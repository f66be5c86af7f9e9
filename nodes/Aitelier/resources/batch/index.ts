import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/fields';
import { sendIdempotencyKey } from '../../../shared/idempotency';
import { checkResponse, requestExecutor, unwrapResponse } from '../../../shared/requestExecutor';
import { idParameter, readRoute, requireId } from '../../common';
import { aitelier } from '../../profile';
import { batchCreateDescription, oneBatchForAllItems, sendBatchBody } from './create';

const checkBatch = requireId('batchId', 'Batch ID');

export const batchDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['batch'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a batch of calls',
				description: 'Upload many numbers as one CSV batch — the way to call at volume',
				routing: {
					request: { method: 'POST', url: '/batches' },
					send: { paginate: true, preSend: [sendBatchBody, sendIdempotencyKey] },
					output: { postReceive: [checkResponse(aitelier), unwrapResponse(aitelier)] },
					operations: { pagination: oneBatchForAllItems(requestExecutor(aitelier)) },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a batch',
				description: 'Status, progress and summary metrics',
				routing: readRoute('=/batches/{{$parameter.batchId}}', { preSend: [checkBatch] }),
			},
			{
				name: 'Get Rows',
				value: 'getRows',
				action: 'Get the rows of a batch',
				description: 'Per-row results: status, call, session, outcome',
				routing: readRoute('=/batches/{{$parameter.batchId}}/rows', { preSend: [checkBatch], list: true }),
			},
		],
		default: 'create',
	},
	...batchCreateDescription,
	idParameter('batch', ['get', 'getRows'], 'Batch ID', 'batchId', 'batch_a1b2c3d4e5f6'),
	...returnAllAndLimit('batch').map((property) => ({
		...property,
		displayOptions: { show: { ...property.displayOptions?.show, operation: ['getRows'] } },
	})),
];
