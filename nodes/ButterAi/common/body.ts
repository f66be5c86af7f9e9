import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { idOf, invalidField, missingField } from '../../shared/fields';
import { butterIdPattern } from '../profile';

export { copyGiven, extraFieldsOption, idOf, invalidField, listOfStrings, missingField, withExtraFields } from '../../shared/fields';

/**
 * A preSend check that the ID in a URL has its resource's prefix + 12 hex, so a typo or an empty
 * expression fails the item here instead of reaching (or mis-addressing) the API.
 */
export function requireId(parameter: string, prefix: string, label: string) {
	return async function checkId(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const id = idOf(this, parameter);
		if (!id) throw missingField(this, label, `Pick one from the list or give its ID (${prefix}…)`);
		if (!new RegExp(butterIdPattern(prefix)).test(id)) {
			throw invalidField(this, label, `"${id.slice(0, 40)}" is not a valid ID`, `It is "${prefix}" followed by 12 or more hex characters`);
		}
		return requestOptions;
	};
}
