import { randomBytes } from 'crypto';
import type { IHttpRequestOptions } from 'n8n-workflow';

export interface MultipartFile {
	field: string;
	filename: string;
	contentType: string;
	data: Buffer;
}

/**
 * A multipart/form-data body as bytes with its Content-Type, built here because the package may
 * not depend on a form-data library; n8n sends a Buffer body unchanged.
 */
export function multipartBody(
	fields: Record<string, string>,
	files: MultipartFile[] = [],
): { body: Buffer; contentType: string } {
	const boundary = `----n8nVoiceAgents${randomBytes(12).toString('hex')}`;
	const quote = (text: string) => text.replace(/["\r\n]/g, '_');
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`,
				'utf8',
			),
		);
	}
	for (const file of files) {
		const head = `--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.filename)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`;
		parts.push(Buffer.from(head, 'utf8'), file.data, Buffer.from('\r\n', 'utf8'));
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A request's body as multipart/form-data, its Content-Type header set to match. */
export function sendMultipart(
	requestOptions: IHttpRequestOptions,
	fields: Record<string, string>,
	files: MultipartFile[] = [],
): IHttpRequestOptions {
	const { body, contentType } = multipartBody(fields, files);
	requestOptions.body = body;
	requestOptions.headers = { ...(requestOptions.headers ?? {}), 'Content-Type': contentType };
	return requestOptions;
}
