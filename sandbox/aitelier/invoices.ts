import type { Route } from '../http';
import { AITELIER_PROJECT_ID } from '../keys';
import { notFound, selfUrl } from './common';
import type { Invoice } from './model';
import { cursorPage } from './pagination';
import { simplePdf } from './pdf';

const invoiceView = (host: string | undefined) => (invoice: Invoice) => ({
	...invoice,
	pdf_url: selfUrl(host, `/invoices/${invoice.id}/pdf`),
});

export const invoiceRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/invoices',
		handler: ({ state, query, headers }) =>
			cursorPage(state.aitelier.invoices, query, {
				list: 'invoices',
				key: (invoice) => `${invoice.issued_at}|${invoice.id}`,
				view: invoiceView(headers.host),
			}),
	},
	{
		method: 'GET',
		pattern: '/invoices/:id/pdf',
		handler: ({ state, params }) => {
			const invoice = state.aitelier.invoices.find((candidate) => candidate.id === params.id);
			if (!invoice) throw notFound('invoice', params.id);
			const pdf = simplePdf([
				`Invoice ${invoice.id}`,
				`Period: ${invoice.period}`,
				`Amount: ${invoice.amount.toFixed(2)} ${invoice.currency} (${invoice.status})`,
				`Issued: ${invoice.issued_at.slice(0, 10)} - Aitelier sandbox, ${AITELIER_PROJECT_ID}`,
			]);
			return { status: 200, body: pdf, headers: { 'content-type': 'application/pdf' } };
		},
	},
];
