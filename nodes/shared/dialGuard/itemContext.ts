import type { IExecuteFunctions, IExecuteSingleFunctions } from 'n8n-workflow';

/**
 * One item of a custom operation seen the way routing's hooks see it, so the body builders and
 * validators written for routing (IExecuteSingleFunctions) serve a custom operation unchanged.
 * Only what those use is provided; each call reads the item's own parameter values.
 */
export function itemContext(
	context: IExecuteFunctions,
	itemIndex: number,
): IExecuteSingleFunctions {
	const view: Partial<IExecuteSingleFunctions> = {
		getNode: () => context.getNode(),
		getWorkflow: () => context.getWorkflow(),
		getExecutionId: () => context.getExecutionId(),
		getMode: () => context.getMode(),
		getTimezone: () => context.getTimezone(),
		getItemIndex: () => itemIndex,
		getInputData: () => context.getInputData()[itemIndex],
		getNodeParameter: ((name: string, fallback?: unknown, options?: object) =>
			context.getNodeParameter(
				name,
				itemIndex,
				fallback,
				options,
			)) as IExecuteSingleFunctions['getNodeParameter'],
		getCredentials: (async (type: string) =>
			await context.getCredentials(type, itemIndex)) as IExecuteSingleFunctions['getCredentials'],
		getExecutionCancelSignal: () => context.getExecutionCancelSignal(),
		continueOnFail: () => context.continueOnFail(),
		logger: context.logger,
		helpers: context.helpers as unknown as IExecuteSingleFunctions['helpers'],
	};
	return view as IExecuteSingleFunctions;
}
