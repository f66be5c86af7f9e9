import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { loadOptionsRequest } from '../shared/loadOptions';
import { butterAi } from './profile';

export async function apiGet(
	context: ILoadOptionsFunctions,
	url: string,
	qs: IDataObject,
): Promise<IDataObject> {
	return await loadOptionsRequest(context, butterAi, 'butterAiApi', { method: 'GET', url, qs });
}
