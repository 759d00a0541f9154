import request from 'supertest';

/**
 * An RFC 4180 reader for either delimiter (our files use `;`; a spreadsheet set to `,` reads them with
 * that): quoted cells may hold delimiters, doubled quotes and line breaks; every row ends with CRLF.
 */
export function parseCsv(text: string, delimiter: ';' | ',' = ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"' && (quoted || cell === '')) {
      quoted = !quoted;
    } else if (!quoted && c === delimiter) {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length > 0) throw new Error('The last row does not end with CRLF');
  return rows;
}

/** supertest parser for the raw bytes of a download, so that the byte order mark is seen as sent. */
export const rawBody = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
