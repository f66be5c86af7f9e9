import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { type Deadline, detailRequest } from '../../shared/callDetails';
import { pathId } from '../../shared/fields';
import { api } from '../profile';
import { STATUS_GROUPS } from './events';

/** The statuses that end a call (the completed and failed groups): only they get the detail. */
export const endsCall = (status: string) =>
	STATUS_GROUPS[status] === 'completed' || STATUS_GROUPS[status] === 'failed';

/** GET /v1/calls/{id}: transcript, cost, usage and end reason, out of Butter's `{success, data}`. */
export async function fetchCall(
	context: IWebhookFunctions,
	callId: unknown,
	deadline: Deadline,
): Promise<IDataObject> {
	const id = pathId(context.getNode(), 'Call ID', typeof callId === 'string' ? callId : '');
	const body = await detailRequest(context, api, `/v1/calls/${id}`, deadline);
	const call = api.profile.unwrap?.(body) ?? body;
	if (Array.isArray(call))
		throw new NodeOperationError(context.getNode(), `Butter AI answered call ${id} with a list`);
	return call;
}
