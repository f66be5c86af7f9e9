import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { invalidField } from './fields';
import type { MultipartFile } from './multipart';

/**
 * The file in an item's binary property, ready for a multipart upload: its type recognised by
 * extension or MIME type among those the platform accepts, and its size checked — before sending.
 */
export async function binaryUpload(
	context: IExecuteSingleFunctions,
	property: string,
	accept: { types: Record<string, string>; maxBytes: number; what: string; fallbackName: string },
): Promise<MultipartFile> {
	const binary = context.helpers.assertBinaryData(property);
	const extension = (binary.fileExtension ?? binary.fileName?.split('.').pop() ?? '').toLowerCase();
	const known = Object.values(accept.types);
	const contentType = accept.types[extension] ?? (known.includes(binary.mimeType) ? binary.mimeType : '');
	const field = `Input Binary Field "${property}"`;
	if (!contentType) throw invalidField(context, field, `holds a ${binary.mimeType || 'file'} file`, accept.what);
	const data = await context.helpers.getBinaryDataBuffer(property);
	if (data.length > accept.maxBytes) {
		throw invalidField(context, field, `is ${Math.ceil(data.length / 1048576)} MB`, `Files up to ${accept.maxBytes / 1048576} MB`);
	}
	return { field: 'file', filename: binary.fileName ?? `${accept.fallbackName}.${extension || 'txt'}`, contentType, data };
}
