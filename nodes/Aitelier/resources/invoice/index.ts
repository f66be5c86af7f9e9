import { resourceProperties } from '../../../shared/description';
import { downloadInvoicePdf } from './download.operation';
import { getManyInvoices } from './getAll.operation';

export const invoiceResource = resourceProperties('invoice', 'getAll', [
	downloadInvoicePdf,
	getManyInvoices,
]);
