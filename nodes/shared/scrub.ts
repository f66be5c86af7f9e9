import type { INode, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

const SECRET_PARAMETER = /password|token|secret|pin$|apikey/i;

function scrub(value: NodeParameterValueType, key = ''): NodeParameterValueType {
	if (SECRET_PARAMETER.test(key) && value !== '' && value !== undefined && value !== null)
		return '[redacted]';
	if (Array.isArray(value))
		return value.map((inner) => scrub(inner as NodeParameterValueType)) as NodeParameterValueType;
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(
			Object.entries(value).map(([name, inner]) => [
				name,
				scrub(inner as NodeParameterValueType, name),
			]),
		) as NodeParameterValueType;
	}
	return value;
}

/**
 * The node as errors carry it (n8n stores and shows errors with their node): secrets typed into
 * parameters — auth tokens, SIP passwords, PINs — are masked.
 */
export function scrubbedNode(node: INode): INode {
	return {
		...node,
		parameters: scrub(node.parameters as NodeParameterValueType) as INodeParameters,
	};
}
