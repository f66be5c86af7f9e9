import type {
	IDataObject,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import { apiRequest as send } from '../shared/request/apiRequest';
import { api } from './profile';

export async function apiGet(
	context: ILoadOptionsFunctions | IHookFunctions,
	url: string,
	qs: IDataObject,
): Promise<IDataObject> {
	return await send(context, api, { method: 'GET', url, qs });
}

export async function apiRequest(
	context: ILoadOptionsFunctions | IHookFunctions,
	method: IHttpRequestMethods,
	url: string,
	body?: IDataObject,
): Promise<IDataObject> {
	return await send(context, api, { method, url, ...(body ? { body } : {}) });
}
