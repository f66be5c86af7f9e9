import { resourceProperties } from '../../../shared/description';
import { sendMessage } from './sendMessage.operation';

export const chatResource = resourceProperties('chat', 'sendMessage', [sendMessage]);
