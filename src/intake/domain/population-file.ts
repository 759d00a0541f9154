import { DateTime } from 'luxon';
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
const REQUIRED = ['prisonerNumber', 'firstName', 'lastName', 'dateOfBirth', 'legalStatus', 'nationality', 'unit', 'arrivalDate'];

const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s).isValid;

/** Raw records (column → text) with their line (CSV) or position (JSON, from 1). */
export function readRecords(
  format: ImportFormat,
  content: string,
): { records: Array<{ line: number; values: Record<string, string> }>; issues: RowIssue[] } {
  if (format === 'JSON') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch {
      return { records: [], issues: [{ line: 0, code: 'FILE_NOT_JSON' }] };
    }
    const list = Array.isArray(parsed) ? parsed : (parsed as { rows?: unknown } | null)?.rows;
    if (!Array.isArray(list)) return { records: [], issues: [{ line: 0, code: 'FILE_NOT_A_LIST' }] };
    const records: Array<{ line: number; values: Record<string, string> }> = [];
    const issues: RowIssue[] = [];
    list.forEach((item, i) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        issues.push({ line: i + 1, code: 'ROW_NOT_AN_OBJECT' });
        return;
      }
      const values: Record<string, string> = {};
      for (const [k, v] of Object.entries(item as Record<string, unknown>)) {
        if (typeof v === 'string' || typeof v === 'number') values[k] = String(v);
        else if (v !== null && v !== undefined) issues.push({ line: i + 1, field: k, code: 'NOT_TEXT' });
      }
      records.push({ line: i + 1, values });
    });
    return { records, issues };
  }
  const rows = readCsv(content);
  if (rows.length === 0) return { records: [], issues: [{ line: 0, code: 'FILE_EMPTY' }] };
  const header = rows[0].cells.map((h) => h.trim());
  return {
    records: rows.slice(1).map(({ line, cells }) => ({
      line,
      values: Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])),
    })),
    issues: [],
  };
}

/** Checks every field of every row; a row with any issue is left out of `rows`. */
export function parsePopulationFile(format: ImportFormat, content: string, today: string): { rows: PopulationRow[]; issues: RowIssue[] } {
  const { records, issues } = readRecords(format, content);
  const rows: PopulationRow[] = [];
  const seen = new Set<string>();
  for (const { line, values } of records) {
    const v = (k: string) => (values[k] ?? '').trim();
    const rowIssues: RowIssue[] = [];
    const pn = v('prisonerNumber');
    const issue = (field: string, code: string) =>
      rowIssues.push({ line, prisonerNumber: pn || undefined, field, code, value: v(field) || undefined });
    for (const f of REQUIRED) if (v(f) === '') issue(f, 'REQUIRED');
    for (const k of Object.keys(values)) if (!(POPULATION_COLUMNS as readonly string[]).includes(k)) issue(k, 'UNKNOWN_COLUMN');
    if (pn && !/^[A-Za-z0-9-]{3,20}$/.test(pn)) issue('prisonerNumber', 'INVALID_PRISONER_NUMBER');
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
