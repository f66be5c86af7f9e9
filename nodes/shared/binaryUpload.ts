import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { invalidField, missingField } from './fields';
import type { MultipartFile } from './multipart';

/** The item's file in a binary property, or an error naming the field and the item (n8n's own counts from 0). */
export function binaryOf(context: IExecuteSingleFunctions, property: string) {
	if (!property.trim())
		throw missingField(
			context,
			'Input Binary Field',
			'The name of the binary property holding the file, e.g. data',
		);
	const binary = context.getInputData().binary ?? {};
	if (!binary[property]) {
		const present = Object.keys(binary);
		throw invalidField(
			context,
			`Input Binary Field "${property.slice(0, 40)}"`,
			'holds no file on this item',
			present.length
				? `This item's binary fields: ${present.join(', ')}`
				: 'This item has no binary data: read or download the file first',
		);
	}
	return context.helpers.assertBinaryData(property);
}

/**
 * The file in an item's binary property, ready for a multipart upload: its type recognised by
 * extension or MIME type among those the platform accepts, and its size checked — before sending.
 */
export async function binaryUpload(
	context: IExecuteSingleFunctions,
	property: string,
	accept: { types: Record<string, string>; maxBytes: number; what: string; fallbackName: string },
): Promise<MultipartFile> {
	const binary = binaryOf(context, property);
	const extension = (binary.fileExtension ?? binary.fileName?.split('.').pop() ?? '').toLowerCase();
	const known = Object.values(accept.types);
	const contentType =
		accept.types[extension] ?? (known.includes(binary.mimeType) ? binary.mimeType : '');
	const field = `Input Binary Field "${property}"`;
	if (!contentType)
		throw invalidField(context, field, `holds a ${binary.mimeType || 'file'} file`, accept.what);
	const data = await context.helpers.getBinaryDataBuffer(property);
	if (data.length > accept.maxBytes) {
		throw invalidField(
			context,
			field,
			`is ${Math.ceil(data.length / 1048576)} MB`,
			`Files up to ${accept.maxBytes / 1048576} MB`,
		);
	}
	return {
		field: 'file',
		filename: binary.fileName ?? `${accept.fallbackName}.${extension || 'txt'}`,
		contentType,
		data,
	};
}
