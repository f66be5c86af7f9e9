/**
 * A small RFC 4180 parser: comma-separated, fields optionally in double quotes (which may hold
 * commas, line breaks and doubled quotes), records ended by CRLF or LF. Returns the records, or
 * an error message for input that cannot be read (an unterminated or misplaced quote).
 */
export function parseCsv(text: string): { records: string[][] } | { error: string } {
	const records: string[][] = [];
	let record: string[] = [];
	let field = '';
	let quoted = false;
	let fieldStarted = false;
	const input = text.replace(/^\uFEFF/, '');
	const endField = () => {
		record.push(field);
		field = '';
		fieldStarted = false;
	};
	for (let i = 0; i < input.length; i++) {
		const char = input[i];
		if (quoted) {
			if (char !== '"') field += char;
			else if (input[i + 1] === '"') {
				field += '"';
				i++;
			} else {
				quoted = false;
				const after = input[i + 1];
				if (after !== undefined && after !== ',' && after !== '\n' && after !== '\r') {
					return { error: `CSV has text after a closing quote in record ${records.length + 1}` };
				}
			}
		} else if (char === '"' && !fieldStarted) {
			quoted = true;
			fieldStarted = true;
		} else if (char === ',') {
			endField();
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && input[i + 1] === '\n') i++;
			endField();
			records.push(record);
			record = [];
		} else {
			field += char;
			fieldStarted = true;
		}
	}
	if (quoted)
		return { error: `CSV has an unterminated quoted field in record ${records.length + 1}` };
	if (fieldStarted || record.length) {
		endField();
		records.push(record);
	}
	return { records };
}
