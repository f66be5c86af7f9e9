import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { defineOperation } from '../../../shared/description';
import { extraFieldsOption, withExtraFields } from '../../../shared/fields';
import { inputOf } from '../../../shared/validation';
import { aitelierOptions } from '../../locators';
import { writeRoute } from '../../profile';

async function sendCrawlBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const url = inputOf(this).httpUrl(
		'Website URL',
		this.getNodeParameter('url', ''),
		'The site to re-crawl',
	);
	const body: IDataObject = { url };
	const maxPages = this.getNodeParameter('maxPages', 0) as number;
	if (maxPages) body.max_pages = maxPages;
	const extra = this.getNodeParameter('additionalFields', {}) as IDataObject;
	requestOptions.body = withExtraFields(this, extra, body);
	return requestOptions;
}

export const crawlWebsite = defineOperation(
	'knowledge',
	{
		name: 'Crawl Website',
		value: 'crawl',
		action: 'Crawl a website',
		routing: writeRoute('POST', '/knowledge/crawl', { preSend: [sendCrawlBody] }),
	},
	[
		{
			displayName: 'Website URL',
			name: 'url',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://example.com',
		},
		{
			displayName: 'Max Pages',
			name: 'maxPages',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 500 },
			default: 0,
			description: 'Upper bound of pages to crawl; 0 leaves it to Aitelier',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [extraFieldsOption],
		},
		aitelierOptions,
	],
);
