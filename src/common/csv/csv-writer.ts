/** A value of one CSV cell. Numbers and booleans are written as they are; null/undefined as an empty cell. */
export type CsvCell = string | number | boolean | null | undefined;

/**
 * The delimiter. We write `;` by default: Excel with Norwegian regional settings uses the decimal
 * comma, so it splits CSV on `;` and would put a `,`-separated file into one column.
 */
export type CsvDelimiter = ';' | ',';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

// UTF-8 byte order mark: without it Excel reads the file as Windows-1252 and garbles æ, ø and å.
const BOM = '\uFEFF';

// A text cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
// Tab and carriage return are on OWASP's list too: some programs strip them and then see the formula.
const FORMULA_START = /^[=+\-@\t\r]/;

// A file written with `;` is often opened by a reader that splits on `,` (or tabs, or the other way round),
// which makes `Nordmann,=1+1` two cells, the second a formula. Quoting the cell is not enough for such a
// reader: a quote in the middle of what it sees as a cell is just a character. So a formula character right
// after any separator inside the text gets the same guard as one at its start.
const FORMULA_AFTER_SEPARATOR = /([,;\t\r\n])(?=[=+\-@])/g;

// Quoted whatever the delimiter, so either reader that honours quotes keeps the cell whole.
const NEEDS_QUOTES = /[",;\r\n]/;

/**
 * An RFC 4180 document: CRLF line endings, cells quoted when they hold either delimiter (`,` or `;`), a
 * quote or a line break (quotes doubled), UTF-8 with a byte order mark, and text cells that a spreadsheet
 * would evaluate as a formula prefixed with a single quote (OWASP's CSV injection advice) — also where such a
 * formula follows a `,`, `;`, tab or line break inside the text, since a reader splitting there sees a new cell.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[], delimiter: CsvDelimiter = ';'): string {
  return BOM + rows.map((row) => row.map((cell) => csvCell(cell)).join(delimiter) + '\r\n').join('');
}

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = (FORMULA_START.test(value) ? `'${value}` : value).replace(FORMULA_AFTER_SEPARATOR, "$1'");
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A Content-Disposition header for a download: an ASCII fallback name for old clients and the exact
 * UTF-8 name (RFC 6266 / RFC 5987), so "Snekkerverksted-Østre" survives.
 */
export function attachmentDisposition(filename: string): string {
  const ascii = filename
    .normalize('NFKD')
    .replace(/[æÆ]/g, (c) => (c === 'æ' ? 'ae' : 'AE'))
    .replace(/[øØ]/g, (c) => (c === 'ø' ? 'o' : 'O'))
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A file-name-safe slug of free text (keeps letters of any script, digits and dashes). */
export function fileSlug(text: string): string {
  return (
    text
      .trim()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'export'
  );
}
