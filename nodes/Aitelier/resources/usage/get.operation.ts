import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { defineOperation } from '../../../shared/description';
import { invalidField } from '../../../shared/fields';
import { aitelierOptions } from '../../locators';
import { readRoute } from '../../profile';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

async function checkPeriod(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const period = String(this.getNodeParameter('period', '')).trim();
	if (!PERIOD.test(period))
		throw invalidField(
			this,
			'Period',
			`"${period.slice(0, 20)}" is not a month`,
			'Use YYYY-MM, e.g. 2026-05',
		);
	requestOptions.qs = { ...(requestOptions.qs ?? {}), period };
	return requestOptions;
}

export const getUsage = defineOperation(
	'usage',
	{
		name: 'Get',
		value: 'get',
		action: 'Get usage for a month',
		description: 'Minutes, tool calls and outcomes for one period',
		routing: readRoute('/usage', { preSend: [checkPeriod] }),
	},
	[
		{
			displayName: 'Period',
			name: 'period',
			type: 'string',
			required: true,
			default: '',
			placeholder: '2026-05',
			description: 'The month, as YYYY-MM',
		},
		aitelierOptions,
	],
);
