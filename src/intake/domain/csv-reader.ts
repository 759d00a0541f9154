/** The rows of a CSV file, and where a quoted cell was opened and never closed (null: every quote closed). */
export interface CsvText {
  rows: Array<{ line: number; cells: string[] }>;
  unclosedQuoteLine: number | null;
}

/**
 * An RFC 4180 reader: `;` or `,` (whichever the header line uses first), quoted cells with delimiters,
 * doubled quotes and line breaks, CRLF or LF line ends, a byte order mark and a missing last line end.
 * Blank lines are skipped, and so are lines of empty cells only (`;;;;`, which Excel writes for rows it
 * once formatted). Returns rows of cells, each with its 1-based line number in the file. A quote left
 * open would swallow the rest of the file into one cell: the row it opened in is left out and its line is
 * returned, so that the caller can name it instead of reporting the rows it swallowed as empty.
 */
export function readCsv(text: string): CsvText {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const delimiter = /;/.test(firstLine) && (!/,/.test(firstLine) || firstLine.indexOf(';') < firstLine.indexOf(',')) ? ';' : ',';
  const rows: Array<{ line: number; cells: string[] }> = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let quoteLine = 0;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    row.push(cell);
    if (row.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells: row });
    row = [];
    cell = '';
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') {
      quoted = true;
      quoteLine = line;
    } else if (c === delimiter) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || (c === '\r' && src[i + 1] === '\n')) {
      if (c === '\r') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (quoted) return { rows, unclosedQuoteLine: quoteLine };
  if (cell !== '' || row.length > 0) endRow();
  return { rows, unclosedQuoteLine: null };
}
