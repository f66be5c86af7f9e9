import { resourceProperties } from '../../../shared/description';
import { deletePhoneNumber } from './delete.operation';
import { getPhoneNumber } from './get.operation';
import { getManyPhoneNumbers } from './getAll.operation';
import { importPhoneNumber } from './import.operation';
import { updatePhoneNumber } from './update.operation';

export const phoneNumberResource = resourceProperties('phoneNumber', 'getAll', [
	importPhoneNumber,
	getPhoneNumber,
	deletePhoneNumber,
	updatePhoneNumber,
	getManyPhoneNumbers,
]);
