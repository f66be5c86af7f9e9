import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { invalidField, returnAllAndLimit } from '../../../shared/fields';
import { idParameter, readRoute, requireId } from '../../common';
import { downloadFile } from '../../transport';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

async function checkPeriod(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const period = String(this.getNodeParameter('period', '')).trim();
	if (!PERIOD.test(period)) throw invalidField(this, 'Period', `"${period.slice(0, 20)}" is not a month`, 'Use YYYY-MM, e.g. 2026-05');
	requestOptions.qs = { ...(requestOptions.qs ?? {}), period };
	return requestOptions;
}

/** The invoice's PDF into a binary property; the invoice ID names the file. */
async function downloadInvoice(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const credentials = await this.getCredentials('aitelierApi');
	const id = String(this.getNodeParameter('invoiceId'));
	const base = String(credentials.baseUrl).replace(/\/+$/, '');
	const property = String(this.getNodeParameter('binaryPropertyName', 'data'));
	const invoice = items[0]?.json ?? {};
	const url = typeof invoice.pdf_url === 'string' ? invoice.pdf_url : `${base}/invoices/${encodeURIComponent(id)}/pdf`;
	return [await downloadFile(this, url, { fileName: `${id}.pdf`, mimeType: 'application/pdf', binaryProperty: property, json: invoice as IDataObject })];
}

export const usageDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['usage'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get usage for a month',
				description: 'Minutes, tool calls and outcomes for one period',
				routing: readRoute('/usage', { preSend: [checkPeriod] }),
			},
		],
		default: 'get',
	},
	{
		displayName: 'Period',
		name: 'period',
		type: 'string',
		required: true,
		default: '',
		placeholder: '2026-05',
		displayOptions: { show: { resource: ['usage'], operation: ['get'] } },
		description: 'The month, as YYYY-MM',
	},
];

export const walletDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['wallet'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get the wallet',
				description: 'Balance and recent transactions of the prepaid wallet',
				routing: readRoute('/wallet'),
			},
		],
		default: 'get',
	},
];

export const invoiceDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoice'] } },
		options: [
			{
				name: 'Download',
				value: 'download',
				action: 'Download an invoice PDF',
				description: 'The PDF into a binary property',
				routing: readRoute('/invoices', {
					preSend: [requireId('invoiceId', 'Invoice ID'), findInvoicePage],
					postReceive: [pickInvoice, downloadInvoice],
				}),
			},
			{ name: 'Get Many', value: 'getAll', action: 'Get many invoices', routing: readRoute('/invoices', { list: true }) },
		],
		default: 'getAll',
	},
	idParameter('invoice', ['download'], 'Invoice ID', 'invoiceId', 'inv_a1b2c3d4e5f6'),
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		displayOptions: { show: { resource: ['invoice'], operation: ['download'] } },
		hint: 'The name of the output binary field to put the file in',
	},
	...returnAllAndLimit('invoice'),
];

/** There is no GET /invoices/{id}: the first page of the list is asked for, large, to find its pdf_url. */
async function findInvoicePage(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	requestOptions.qs = { ...(requestOptions.qs ?? {}), limit: 100 };
	return requestOptions;
}

async function pickInvoice(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const id = String(this.getNodeParameter('invoiceId'));
	const records = items.flatMap(({ json }) => (Array.isArray(json.data) ? (json.data as IDataObject[]) : [json]));
	const invoice = records.find((record) => record.id === id);
	return [{ json: invoice ?? { id } }];
}
