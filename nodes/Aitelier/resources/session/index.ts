import { resourceProperties } from '../../../shared/description';
import { getSession } from './get.operation';
import { getManySessions } from './getAll.operation';
import { getSessionRecording } from './getRecording.operation';
import { getSessionTranscript } from './getTranscript.operation';

export const sessionResource = resourceProperties('session', 'getAll', [
	getSession,
	getManySessions,
	getSessionRecording,
	getSessionTranscript,
]);
