import type { Route } from '../http';
import type { SandboxState } from '../state';
import { AITELIER_PROJECT_ID } from '../keys';
import { notFound, selfUrl } from './common';
import type { Invoice } from './model';
import { cursorPage } from './pagination';
import { simplePdf } from './pdf';
import { fileRedirect } from './recordings';

const PDF_URL_TTL_MS = 3_600_000;

const pdfOf = (invoice: Invoice) =>
	simplePdf([
		`Invoice ${invoice.id}`,
		`Period: ${invoice.period}`,
		`Amount: ${invoice.amount.toFixed(2)} ${invoice.currency} (${invoice.status})`,
		`Issued: ${invoice.issued_at.slice(0, 10)} - Aitelier sandbox, ${AITELIER_PROJECT_ID}`,
	]);

const invoiceView = (state: SandboxState, host: string | undefined) => (invoice: Invoice) => ({
	...invoice,
	pdf_url:
		state.aitelier.simulation.fileUrls === 'storage'
			? state.storage.put(pdfOf(invoice), 'application/pdf', PDF_URL_TTL_MS)
			: selfUrl(host, `/invoices/${invoice.id}/pdf`),
});

export const invoiceRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/invoices',
		handler: ({ state, query, headers }) =>
			cursorPage(state.aitelier.invoices, query, {
				list: 'invoices',
				key: (invoice) => `${invoice.issued_at}|${invoice.id}`,
				view: invoiceView(state, headers.host),
			}),
	},
	{
		method: 'GET',
		pattern: '/invoices/:id/pdf',
		handler: ({ state, params }) => {
			const invoice = state.aitelier.invoices.find((candidate) => candidate.id === params.id);
			if (!invoice) throw notFound('invoice', params.id);
			if (state.aitelier.simulation.fileUrls === 'api-redirect')
				return fileRedirect(state, pdfOf(invoice), 'application/pdf', PDF_URL_TTL_MS);
			return { status: 200, body: pdfOf(invoice), headers: { 'content-type': 'application/pdf' } };
		},
	},
];
