/** One uploaded file of a multipart/form-data body. */
export interface UploadedFile {
	filename: string;
	contentType: string;
	data: Buffer;
}

/** A multipart body as handlers see it: text fields as strings, files under `files`. */
export interface MultipartBody {
	[field: string]: string | Record<string, UploadedFile>;
	files: Record<string, UploadedFile>;
}

export const isMultipart = (contentType: string | undefined) =>
	/^multipart\/form-data/i.test(contentType ?? '');

/**
 * A small multipart/form-data parser (RFC 7578) for the sandbox's upload endpoints; returns
 * undefined when the body is not well formed, so the route can answer 400.
 */
export function parseMultipart(raw: Buffer, contentType: string): MultipartBody | undefined {
	const boundary = contentType.match(/boundary=(?:"([^"]+)"|([^;]+))/i);
	if (!boundary) return undefined;
	const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
	const body: MultipartBody = { files: {} };
	let position = raw.indexOf(delimiter);
	if (position < 0) return undefined;
	for (;;) {
		position += delimiter.length;
		if (raw.subarray(position, position + 2).toString() === '--') return body;
		position += 2; // CRLF after the delimiter
		const headerEnd = raw.indexOf('\r\n\r\n', position);
		if (headerEnd < 0) return undefined;
		const headers = raw.subarray(position, headerEnd).toString('utf8');
		const next = raw.indexOf(delimiter, headerEnd + 4);
		if (next < 0) return undefined;
		const content = raw.subarray(headerEnd + 4, next - 2); // part ends with CRLF before the delimiter
		const disposition = headers.match(/content-disposition:[^\r\n]*/i)?.[0] ?? '';
		const name = disposition.match(/\bname="([^"]*)"/i)?.[1];
		const filename = disposition.match(/\bfilename="([^"]*)"/i)?.[1];
		if (name !== undefined) {
			if (filename !== undefined) {
				const type =
					headers.match(/content-type:\s*([^\r\n]+)/i)?.[1]?.trim() ?? 'application/octet-stream';
				body.files[name] = { filename, contentType: type, data: Buffer.from(content) };
			} else {
				body[name] = content.toString('utf8');
			}
		}
		position = next;
	}
}
