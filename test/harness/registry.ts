import type {
	ICredentialType,
	IDataObject,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { DirectoryLoader } from 'n8n-core';
import { NodeHelpers } from 'n8n-workflow';

import { AitelierApi } from '../../credentials/AitelierApi.credentials';
import { BuildVoiceAiApi } from '../../credentials/BuildVoiceAiApi.credentials';
import { ButterAiApi } from '../../credentials/ButterAiApi.credentials';
import { Aitelier } from '../../nodes/Aitelier/Aitelier.node';
import { AitelierPollingTrigger } from '../../nodes/Aitelier/AitelierPollingTrigger.node';
import { AitelierTrigger } from '../../nodes/Aitelier/AitelierTrigger.node';
import { BuildVoiceAi } from '../../nodes/BuildVoiceAi/BuildVoiceAi.node';
import { BuildVoiceAiTrigger } from '../../nodes/BuildVoiceAi/BuildVoiceAiTrigger.node';
import { ButterAi } from '../../nodes/ButterAi/ButterAi.node';
import { ButterAiPollingTrigger } from '../../nodes/ButterAi/ButterAiPollingTrigger.node';
import { ButterAiToolTrigger } from '../../nodes/ButterAi/ButterAiToolTrigger.node';
import { ButterAiTrigger } from '../../nodes/ButterAi/ButterAiTrigger.node';

/** Node types as n8n names a community package's nodes: `<package>.<node>`. */
export const PACKAGE = 'n8n-nodes-voice-agents';

const actionNodes: INodeType[] = [new ButterAi(), new BuildVoiceAi(), new Aitelier()];
// As n8n's loader does: declarative nodes get the "Request Options" collection (timeout, batching…).
actionNodes.forEach((node) => DirectoryLoader.applyDeclarativeNodeOptionParameters(node));
const triggerNodes: INodeType[] = [
	new ButterAiTrigger(),
	new ButterAiToolTrigger(),
	new BuildVoiceAiTrigger(),
	new AitelierTrigger(),
	new ButterAiPollingTrigger(),
	new AitelierPollingTrigger(),
];
const nodes = new Map<string, INodeType>(
	[...actionNodes, ...triggerNodes].map((node) => [`${PACKAGE}.${node.description.name}`, node]),
);

export const credentialTypes = new Map<string, ICredentialType>(
	[new ButterAiApi(), new BuildVoiceAiApi(), new AitelierApi()].map((c) => [c.name, c]),
);

export function registerNodeType(type: string, node: INodeType): void {
	nodes.set(type, node);
}

export const nodeTypes: INodeTypes = {
	getByName(type: string): INodeType | IVersionedNodeType {
		const node = nodes.get(type);
		if (!node) throw new Error(`Unknown node type ${type}`);
		return node;
	},
	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	},
	getKnownTypes(): IDataObject {
		return {};
	},
};
