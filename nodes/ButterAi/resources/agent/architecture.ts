import type { INodeProperties } from 'n8n-workflow';

/** The seed's "Required Fields by Architecture" table. */
export const REQUIRED_BY_ARCHITECTURE: Record<
	string,
	Array<[parameter: string, field: string, label: string]>
> = {
	pipeline: [
		['model', 'model', 'Model'],
		['stt', 'stt', 'Speech-to-Text Provider'],
		['tts', 'tts', 'Text-to-Speech Provider'],
	],
	realtime: [['realtimeProvider', 'realtimeProvider', 'Realtime Provider']],
	text: [['model', 'model', 'Model']],
};

const forArchitectures = (agentArchitecture: string[]) => ({ show: { agentArchitecture } });

/** Create's Architecture choice and the fields each architecture requires. */
export const architectureFields: INodeProperties[] = [
	{
		displayName: 'Architecture',
		name: 'agentArchitecture',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Pipeline (STT → LLM → TTS)',
				value: 'pipeline',
				description: 'Voice agent built from separate speech and language models',
			},
			{
				name: 'Realtime',
				value: 'realtime',
				description: 'Voice agent on a speech-to-speech model, lowest latency',
			},
			{
				name: 'Text',
				value: 'text',
				description: 'Chat only: cannot take calls or own phone numbers',
			},
		],
		default: 'pipeline',
	},
	{
		displayName: 'Model',
		name: 'model',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. gpt-4o',
		displayOptions: forArchitectures(['pipeline', 'text']),
		description: 'The language model',
	},
	{
		displayName: 'Speech-to-Text Provider',
		name: 'stt',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. deepgram',
		displayOptions: forArchitectures(['pipeline']),
	},
	{
		displayName: 'Text-to-Speech Provider',
		name: 'tts',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. cartesia',
		displayOptions: forArchitectures(['pipeline']),
	},
	{
		displayName: 'Realtime Provider',
		name: 'realtimeProvider',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. openai',
		displayOptions: forArchitectures(['realtime']),
	},
];
