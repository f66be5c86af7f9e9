import type { IDataObject, IHookFunctions, IHttpRequestMethods, ILoadOptionsFunctions } from 'n8n-workflow';

import { loadOptionsRequest } from '../shared/loadOptions';
import { butterAi } from './profile';

export async function apiGet(
	context: ILoadOptionsFunctions | IHookFunctions,
	url: string,
	qs: IDataObject,
): Promise<IDataObject> {
	return await loadOptionsRequest(context, butterAi, 'butterAiApi', { method: 'GET', url, qs });
}

export async function apiRequest(
	context: ILoadOptionsFunctions | IHookFunctions,
	method: IHttpRequestMethods,
	url: string,
	body?: IDataObject,
): Promise<IDataObject> {
	return await loadOptionsRequest(context, butterAi, 'butterAiApi', { method, url, ...(body ? { body } : {}) });
}
