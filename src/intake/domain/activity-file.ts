import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { CreateActivityDto } from '../../activities/dto/activity-commands.dto';
import { ImportFormat, readRecords } from './population-file';

/** A problem with one activity row (or the file: line 0), as a code with parameters. */
export interface ActivityRowIssue {
  line: number;
  name?: string;
  field?: string;
  code: string;
  value?: string;
}

/** One activity of the catalogue file, checked by the same DTO as `POST /prisons/{id}/activities`. */
export interface ActivityRow {
  line: number;
  dto: CreateActivityDto;
  /** The file left startDate empty: today for a new activity, the stored one kept for an existing one. */
  startDateGiven: boolean;
}

export const ACTIVITY_COLUMNS = [
  'name',
  'kind',
  'category',
  'capacity',
  'maxCapacity',
  'provider',
  'providerName',
  'securityLevels',
  'slots',
  'location',
  'description',
  'minAge',
  'maxAge',
  'requiresReferral',
  'runsOnPublicHolidays',
  'startDate',
  'endDate',
] as const;
const REQUIRED = ['name', 'kind', 'category', 'capacity', 'provider', 'securityLevels', 'slots'];
const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI'];
const SLOT = /^(MON|TUE|WED|THU|FRI)-(AM|PM)(?:@(\d{2}:\d{2})-(\d{2}:\d{2}))?$/;

const list = (s: string) =>
  s
    .split('|')
    .map((x) => x.trim())
    .filter((x) => x !== '');
// Text that is not a number or a boolean stays text, so that the DTO refuses it.
const int = (s: string) => (s === '' ? undefined : /^-?\d+$/.test(s) ? Number(s) : s);
const bool = (s: string) => (s === '' ? undefined : s.toLowerCase() === 'true' ? true : s.toLowerCase() === 'false' ? false : s);

/** The activity's key within the prison: its name, case and surrounding spaces aside. */
export const activityKey = (name: string) => name.trim().toLowerCase();

/** Checks every row: columns, list formats, then the activity create DTO's own rules; a row with any issue is left out. */
export function parseActivityFile(format: ImportFormat, content: string): { rows: ActivityRow[]; issues: ActivityRowIssue[] } {
  const read = readRecords(format, content, { columns: ACTIVITY_COLUMNS, required: REQUIRED });
  const issues: ActivityRowIssue[] = [];
  // The problems readRecords found in a row (EXTRA_CELL, INVALID_CHARACTER, NOT_TEXT, …) are that row's.
  const readIssues = new Map<number, ActivityRowIssue[]>();
  const rowLines = new Set(read.records.map((r) => r.line));
  for (const { line, field, code, value } of read.issues) {
    if (rowLines.has(line)) readIssues.set(line, [...(readIssues.get(line) ?? []), { line, field, code, value }]);
    else issues.push({ line, field, code, value });
  }
  // Without a required column no row can be checked, nor compared: the header's issues say what to fix first.
  if (read.missingColumns.length > 0) return { rows: [], issues };
  const rows: ActivityRow[] = [];
  const seen = new Set<string>();
  for (const { line, values } of read.records) {
    const v = (k: string) => (values[k] ?? '').trim();
    const name = v('name') || undefined;
    const rowIssues: ActivityRowIssue[] = (readIssues.get(line) ?? []).map((i) => ({ ...i, name }));
    const issue = (field: string, code: string, value = v(field) || undefined) => rowIssues.push({ line, name, field, code, value });
    for (const f of REQUIRED) if (v(f) === '') issue(f, 'REQUIRED');
    if (name && seen.has(activityKey(name))) issue('name', 'DUPLICATE_IN_FILE');
    if (name) seen.add(activityKey(name));
    const slots = list(v('slots')).map((s) => {
      const m = SLOT.exec(s.toUpperCase());
      if (!m) {
        issue('slots', 'INVALID_SLOT', s);
        return null;
      }
      return { weekday: WEEKDAYS.indexOf(m[1]) + 1, period: m[2], startTime: m[3] ?? null, endTime: m[4] ?? null };
    });
    const plain = {
      name: v('name'),
      kind: v('kind'),
      category: v('category'),
      capacity: int(v('capacity')),
      maxCapacity: int(v('maxCapacity')) ?? null,
      provider: v('provider'),
      providerName: v('providerName') || null,
      securityLevels: list(v('securityLevels')),
      slots: slots.filter((s) => s !== null),
      location: v('location'),
      description: v('description'),
      minAge: int(v('minAge')) ?? null,
      maxAge: int(v('maxAge')) ?? null,
      requiresReferral: bool(v('requiresReferral')) ?? false,
      runsOnPublicHolidays: bool(v('runsOnPublicHolidays')) ?? false,
      startDate: v('startDate') || undefined,
      endDate: v('endDate') || null,
    };
    const dto = plainToInstance(CreateActivityDto, plain);
    if (rowIssues.length === 0) {
      for (const e of flatten(validateSync(dto, { forbidUnknownValues: false }))) {
        const field = e.path.split('.')[0];
        issue(field, 'INVALID_VALUE', v(field) || undefined);
      }
    }
    if (rowIssues.length > 0) {
      // One issue per field and code is enough.
      const unique = new Map(rowIssues.map((i) => [`${i.field}|${i.code}|${i.value}`, i]));
      issues.push(...unique.values());
      continue;
    }
    rows.push({ line, dto, startDateGiven: v('startDate') !== '' });
  }
  return { rows, issues };
}

function flatten(errors: ValidationError[], prefix = ''): Array<{ path: string }> {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    return [...(e.constraints ? [{ path }] : []), ...flatten(e.children ?? [], path)];
  });
}
