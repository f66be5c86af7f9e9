/** PDF string literal: backslash and parentheses escaped, non-Latin-1 replaced. */
const literal = (text: string) =>
	`(${text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\xff]/g, '?')})`;

/**
 * A one-page PDF 1.4 with the given lines in Helvetica: catalog, pages, page, content stream,
 * font, and a cross-reference table whose offsets point at each object, as readers check.
 */
export function simplePdf(lines: string[]): Buffer {
	const text = lines
		.map((line, i) => `BT /F1 ${i === 0 ? 20 : 12} Tf 72 ${760 - i * 28} Td ${literal(line)} Tj ET`)
		.join('\n');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
	];
	let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
	const offsets: number[] = [];
	objects.forEach((body, i) => {
		offsets.push(Buffer.byteLength(pdf, 'latin1'));
		pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
	});
	const xref = Buffer.byteLength(pdf, 'latin1');
	// Each entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, CR LF.
	pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n`;
	pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n\r\n`).join('');
	pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(pdf, 'latin1');
}
