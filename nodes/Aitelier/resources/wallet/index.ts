import { resourceProperties } from '../../../shared/description';
import { getWallet } from './get.operation';

export const walletResource = resourceProperties('wallet', 'get', [getWallet]);
