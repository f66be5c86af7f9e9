import { defineOperation } from '../../../shared/description';
import { requireId } from '../../../shared/fields';
import { aitelierOptions, idField } from '../../locators';
import { writeRoute } from '../../profile';

export const deleteKnowledgeFile = defineOperation(
	'knowledge',
	{
		name: 'Delete File',
		value: 'deleteFile',
		action: 'Delete a knowledge file',
		routing: writeRoute('DELETE', '=/knowledge/files/{{$parameter.fileId}}', {
			preSend: [requireId('fileId', 'File ID')],
		}),
	},
	[idField('File ID', 'fileId', 'kf_a1b2c3d4e5f6'), aitelierOptions],
);
