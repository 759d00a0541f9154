import { DateTime } from 'luxon';
import { normalisePrisonerNumber } from '../../common/prisoner-number';
import { EducationLevel, EducationRight, LegalStatus } from '../../prisoners/prisoner.enums';
import { readCsv } from './csv-reader';

export type ImportFormat = 'CSV' | 'JSON';

/** A problem with one row (or the file: line 0), as a code with parameters; the API and pages word it. */
export interface RowIssue {
  line: number;
  prisonerNumber?: string;
  field?: string;
  code: string;
  value?: string;
}

/** One prisoner of the population file, checked. Optional education fields left out keep what is stored. */
export interface PopulationRow {
  line: number;
  prisonerNumber: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  legalStatus: LegalStatus;
  nationality: string;
  educationLevel?: EducationLevel;
  educationRight?: EducationRight;
  unit: string;
  arrivalDate: string;
}

export const POPULATION_COLUMNS = [
  'prisonerNumber',
  'firstName',
  'lastName',
  'dateOfBirth',
  'legalStatus',
  'nationality',
  'educationLevel',
  'educationRight',
  'unit',
  'arrivalDate',
] as const;
// Education level and right may be left empty (what is stored stays, docs/import.md); every other column is needed.
const OPTIONAL = new Set<string>(['educationLevel', 'educationRight']);
const REQUIRED: readonly string[] = POPULATION_COLUMNS.filter((c) => !OPTIONAL.has(c));

const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s).isValid;

/** The columns a file may have (as the docs spell them) and those it must have. */
export interface FileColumns {
  columns: readonly string[];
  required: readonly string[];
}

// A column name as people and systems write it: case, spaces, underscores and dashes aside
// ("Prisoner number", "PRISONER_NUMBER" and "prisonerNumber" are the same column).
const columnKey = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');

// Text a decoder got wrong: U+FFFD, which it leaves for bytes it could not read (a Windows-1252 file read as
// UTF-8: "P\ufffdl"), or UTF-8 read as Windows-1252 ("PÃ¥l", "Ã˜ien"): Ã followed by what a second byte of
// æ ø å Æ Ø Å é becomes. No name is spelt that way.
const garbled = (s: string) =>
  /\ufffd|Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2026\u2030\u2039\u203a\u20ac\u2122]/.test(s);

/**
 * Raw records (column → text, under the column's documented name) with their line (CSV) or position
 * (JSON, from 1). A problem of the CSV header is reported once, on the header line: a column not known
 * (UNKNOWN_COLUMN), a column twice (DUPLICATE_COLUMN), a required column missing (MISSING_COLUMN, listed
 * in `missingColumns`: the parsers then check no row, rather than report each as empty). A value outside
 * the named columns (past the header's last column, or under an empty header name) is its row's
 * EXTRA_CELL; such columns left empty are ignored (a trailing `;` on every line). Garbled text (see
 * `garbled`) is an INVALID_CHARACTER of its row.
 */
export function readRecords(
  format: ImportFormat,
  content: string,
  spec: FileColumns,
): { records: Array<{ line: number; values: Record<string, string> }>; issues: RowIssue[]; missingColumns: string[] } {
  const known = new Map(spec.columns.map((c) => [columnKey(c), c]));
  const records: Array<{ line: number; values: Record<string, string> }> = [];
  const issues: RowIssue[] = [];
  const record = (line: number, values: Record<string, string>) => {
    for (const [field, value] of Object.entries(values)) if (garbled(value)) issues.push({ line, field, code: 'INVALID_CHARACTER', value });
    records.push({ line, values });
  };
  if (format === 'JSON') {
    let parsed: unknown;
    try {
      // A byte order mark is fine, as in a CSV file (Windows editors write one).
      parsed = JSON.parse(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content);
    } catch {
      return { records: [], issues: [{ line: 0, code: 'FILE_NOT_JSON' }], missingColumns: [] };
    }
    const list = Array.isArray(parsed) ? parsed : (parsed as { rows?: unknown } | null)?.rows;
    if (!Array.isArray(list)) return { records: [], issues: [{ line: 0, code: 'FILE_NOT_A_LIST' }], missingColumns: [] };
    list.forEach((item, i) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        issues.push({ line: i + 1, code: 'ROW_NOT_AN_OBJECT' });
        return;
      }
      const values: Record<string, string> = {};
      for (const [k, v] of Object.entries(item as Record<string, unknown>)) {
        const column = known.get(columnKey(k));
        if (!column) issues.push({ line: i + 1, field: k, code: 'UNKNOWN_COLUMN' });
        else if (typeof v === 'string' || typeof v === 'number') values[column] = String(v);
        else if (v !== null && v !== undefined) issues.push({ line: i + 1, field: k, code: 'NOT_TEXT' });
      }
      record(i + 1, values);
    });
    return { records, issues, missingColumns: [] };
  }
  const { rows, unclosedQuoteLine } = readCsv(content);
  if (unclosedQuoteLine !== null) issues.push({ line: unclosedQuoteLine, code: 'UNCLOSED_QUOTE' });
  if (rows.length === 0) return { records: [], issues: issues.length > 0 ? issues : [{ line: 0, code: 'FILE_EMPTY' }], missingColumns: [] };
  const header = rows[0];
  // The column of each header cell: its documented name, '' for a cell left empty, null for an unknown name.
  const columnAt = header.cells.map((cell) => {
    const name = cell.trim();
    if (name === '') return '';
    const column = known.get(columnKey(name));
    if (!column) issues.push({ line: header.line, field: name, code: 'UNKNOWN_COLUMN' });
    return column ?? null;
  });
  const named = columnAt.filter((c): c is string => !!c);
  for (const c of new Set(named.filter((c, i) => named.indexOf(c) !== i)))
    issues.push({ line: header.line, field: c, code: 'DUPLICATE_COLUMN' });
  const missingColumns = spec.required.filter((c) => !named.includes(c));
  for (const c of missingColumns) issues.push({ line: header.line, field: c, code: 'MISSING_COLUMN' });
  for (const { line, cells } of rows.slice(1)) {
    const values: Record<string, string> = {};
    cells.forEach((cell, i) => {
      const column = columnAt[i];
      if (column) values[column] = cell;
      else if (column !== null && cell.trim() !== '')
        issues.push({ line, field: `column ${i + 1}`, code: 'EXTRA_CELL', value: cell.trim() });
    });
    for (const column of named) values[column] ??= '';
    record(line, values);
  }
  return { records, issues, missingColumns };
}

/** Checks every field of every row; a row with any issue is left out of `rows`. */
export function parsePopulationFile(format: ImportFormat, content: string, today: string): { rows: PopulationRow[]; issues: RowIssue[] } {
  const read = readRecords(format, content, { columns: POPULATION_COLUMNS, required: REQUIRED });
  const issues: RowIssue[] = [];
  // The problems readRecords found in a row (EXTRA_CELL, INVALID_CHARACTER, NOT_TEXT, …) are that row's.
  const readIssues = new Map<number, RowIssue[]>();
  const rowLines = new Set(read.records.map((r) => r.line));
  for (const i of read.issues) {
    if (rowLines.has(i.line)) readIssues.set(i.line, [...(readIssues.get(i.line) ?? []), i]);
    else issues.push(i);
  }
  // Without a required column no row can be checked, nor compared: the header's issues say what to fix first.
  if (read.missingColumns.length > 0) return { rows: [], issues };
  const rows: PopulationRow[] = [];
  const seen = new Set<string>();
  for (const { line, values } of read.records) {
    const v = (k: string) => (values[k] ?? '').trim();
    // One person whatever the case: the number is compared and stored in upper case (docs/import.md).
    const pn = normalisePrisonerNumber(v('prisonerNumber'));
    const rowIssues: RowIssue[] = (readIssues.get(line) ?? []).map((i) => ({ ...i, prisonerNumber: pn || undefined }));
    const issue = (field: string, code: string) =>
      rowIssues.push({ line, prisonerNumber: pn || undefined, field, code, value: v(field) || undefined });
    for (const f of REQUIRED) if (v(f) === '') issue(f, 'REQUIRED');
    // A line break or other control character in a name is a cell that swallowed more than it should.
    for (const f of POPULATION_COLUMNS)
      if (/\p{Cc}/u.test(v(f)) && !rowIssues.some((i) => i.field === f && i.code === 'INVALID_CHARACTER')) issue(f, 'INVALID_CHARACTER');
    if (pn && !/^[A-Za-z0-9-]{3,20}$/.test(pn)) issue('prisonerNumber', 'INVALID_PRISONER_NUMBER');
    // Numbers differing only in case are one prisoner written twice.
    if (pn && seen.has(pn)) issue('prisonerNumber', 'DUPLICATE_IN_FILE');
    for (const f of ['firstName', 'lastName', 'unit']) if (v(f).length > 100) issue(f, 'TOO_LONG');
    if (v('dateOfBirth') && !isIsoDate(v('dateOfBirth'))) issue('dateOfBirth', 'INVALID_DATE');
    if (v('arrivalDate') && !isIsoDate(v('arrivalDate'))) issue('arrivalDate', 'INVALID_DATE');
    else if (v('arrivalDate') > today) issue('arrivalDate', 'ARRIVAL_IN_FUTURE');
    if (v('legalStatus') && !Object.values(LegalStatus).includes(v('legalStatus') as LegalStatus)) issue('legalStatus', 'UNKNOWN_VALUE');
    if (v('nationality') && !/^[A-Z]{2}$/.test(v('nationality'))) issue('nationality', 'INVALID_COUNTRY');
    if (v('educationLevel') && !Object.values(EducationLevel).includes(v('educationLevel') as EducationLevel))
      issue('educationLevel', 'UNKNOWN_VALUE');
    if (v('educationRight') && !Object.values(EducationRight).includes(v('educationRight') as EducationRight))
      issue('educationRight', 'UNKNOWN_VALUE');
    if (pn) seen.add(pn);
    if (rowIssues.length > 0) {
      issues.push(...rowIssues);
      continue;
    }
    rows.push({
      line,
      prisonerNumber: pn,
      firstName: v('firstName'),
      lastName: v('lastName'),
      dateOfBirth: v('dateOfBirth'),
      legalStatus: v('legalStatus') as LegalStatus,
      nationality: v('nationality'),
      educationLevel: (v('educationLevel') || undefined) as EducationLevel | undefined,
      educationRight: (v('educationRight') || undefined) as EducationRight | undefined,
      unit: v('unit'),
      arrivalDate: v('arrivalDate'),
    });
  }
  return { rows, issues };
}
