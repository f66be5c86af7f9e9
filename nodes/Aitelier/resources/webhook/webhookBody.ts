import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { missingField } from '../../../shared/fields';
import { inputOf } from '../../../shared/validation';

/** Where Aitelier posts the events: an http(s) URL, checked before sending (create and update). */
export function subscriptionUrl(context: IExecuteSingleFunctions, value: unknown): string {
	return inputOf(context).httpUrl('URL', value, 'Where Aitelier posts the events');
}

/** A subscription carries at least one event type. */
export function subscriptionEvents(context: IExecuteSingleFunctions, events: string[]): string[] {
	if (events.length === 0) throw missingField(context, 'Events', 'Pick at least one event type');
	return events;
}
