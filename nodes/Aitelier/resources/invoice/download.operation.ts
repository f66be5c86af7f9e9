import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import { defineOperation } from '../../../shared/description';
import { requireId } from '../../../shared/fields';
import { aitelierOptions, idField } from '../../locators';
import { readRoute } from '../../profile';
import { apiUrl, downloadFile } from '../../transport';

/** There is no GET /invoices/{id}: the first page of the list is asked for, large, to find its pdf_url. */
async function findInvoicePage(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	requestOptions.qs = { ...(requestOptions.qs ?? {}), limit: 100 };
	return requestOptions;
}

async function pickInvoice(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const id = String(this.getNodeParameter('invoiceId'));
	const records = items.flatMap(({ json }) =>
		Array.isArray(json.data) ? (json.data as IDataObject[]) : [json],
	);
	const invoice = records.find((record) => record.id === id);
	return [{ json: invoice ?? { id } }];
}

/** The invoice's PDF into a binary property; the invoice ID names the file. */
async function downloadInvoice(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const id = String(this.getNodeParameter('invoiceId'));
	const property = String(this.getNodeParameter('binaryPropertyName', 'data'));
	const invoice = items[0]?.json ?? {};
	const url =
		typeof invoice.pdf_url === 'string'
			? invoice.pdf_url
			: await apiUrl(this, `/invoices/${encodeURIComponent(id)}/pdf`);
	return [
		await downloadFile(this, url, {
			fileName: `${id}.pdf`,
			mimeType: 'application/pdf',
			binaryProperty: property,
			json: invoice as IDataObject,
		}),
	];
}

export const downloadInvoicePdf = defineOperation(
	'invoice',
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
	[
		idField('Invoice ID', 'invoiceId', 'inv_a1b2c3d4e5f6'),
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			hint: 'The name of the output binary field to put the file in',
		},
		aitelierOptions,
	],
);
