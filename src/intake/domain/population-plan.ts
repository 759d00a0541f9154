import { CustodyEndReason, EducationLevel, EducationRight, LegalStatus } from '../../prisoners/prisoner.enums';
import { PopulationRow, RowIssue } from './population-file';

/** A prisoner as stored, with their latest stay (null: never held) and the end of the stay before it. */
export interface StoredPrisoner {
  id: string;
  prisonerNumber: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  legalStatus: LegalStatus;
  nationality: string;
  educationLevel: EducationLevel;
  educationRight: EducationRight;
  stay: { periodId: string; prisonId: string; unitId: string; fromDate: string; toDate: string | null } | null;
  previousStayEnd: string | null;
}

export interface PlanInput {
  prisonId: string;
  today: string;
  /** The prison's units, by lower-case name and by id. */
  units: Array<{ id: string; name: string }>;
  /** Everyone held at the prison today, and everyone else whose number is in the file. */
  stored: StoredPrisoner[];
  /**
   * Whether the importing user may see that prison: move a prisoner held there out of it (transfer in), and
   * read what is stored of someone whose latest stay was there (a prisoner belongs to the prison holding them,
   * else to the prison of their latest stay — PrisonersService.assertVisible).
   */
  maySeePrison: (prisonId: string) => boolean;
  /** Prisoner numbers the user confirms as released (missing from the file), and the release day. */
  confirmReleases: ReadonlySet<string>;
  releaseDate: string;
}

export type RowAction = 'ADMIT' | 'TRANSFER' | 'MOVE' | 'UPDATE' | 'UNCHANGED';

export interface PlannedRow {
  line: number;
  prisonerNumber: string;
  action: RowAction;
  /** The fields that change (details, unit, arrivalDate). */
  changes: string[];
}

export interface MissingPrisoner {
  prisonerId: string;
  prisonerNumber: string;
  firstName: string;
  lastName: string;
  arrivalDate: string;
  /** Confirmed: the apply releases them on the release day. */
  release: boolean;
}

export interface PopulationCounts {
  admit: number;
  transfer: number;
  move: number;
  release: number;
  update: number;
  unchanged: number;
  /** Held here, not in the file and not confirmed as released: left as they are. */
  missing: number;
  errors: number;
}

export type DetailValues = Pick<
  StoredPrisoner,
  'firstName' | 'lastName' | 'dateOfBirth' | 'legalStatus' | 'nationality' | 'educationLevel' | 'educationRight'
>;

/** What an apply writes, set-based. */
export interface PopulationWrites {
  newPrisoners: Array<DetailValues & { prisonerNumber: string }>;
  detailUpdates: Array<DetailValues & { prisonerId: string }>;
  closeStays: Array<{ periodId: string; toDate: string; reason: CustodyEndReason }>;
  changeStays: Array<{ periodId: string; unitId: string; fromDate: string }>;
  /** New stays at this prison; by prisoner number (new prisoners have no id yet). */
  openStays: Array<{ prisonerNumber: string; unitId: string; fromDate: string }>;
  /** Prisoner-days to refresh: these prisoners from their earliest changed day. */
  refresh: Array<{ prisonerNumber: string; from: string }>;
}

export interface PopulationPlan {
  counts: PopulationCounts;
  rows: PlannedRow[];
  missing: MissingPrisoner[];
  issues: RowIssue[];
  writes: PopulationWrites;
}

const DETAIL_FIELDS = ['firstName', 'lastName', 'dateOfBirth', 'legalStatus', 'nationality', 'educationLevel', 'educationRight'] as const;

const isHeld = (p: StoredPrisoner, today: string) => !!p.stay && (p.stay.toDate === null || p.stay.toDate > today);

/**
 * Compares a prison's population file with what is stored and says what an apply would do. Pure: the
 * same inputs give the same plan, and a file that matches what is stored plans nothing (re-applying a
 * file changes nothing). Nobody is released unless confirmed.
 */
export function planPopulation(rows: PopulationRow[], input: PlanInput, fileIssues: RowIssue[] = []): PopulationPlan {
  const { prisonId, today } = input;
  const unitByKey = new Map<string, string>();
  for (const u of input.units) {
    unitByKey.set(u.name.trim().toLowerCase(), u.id);
    unitByKey.set(u.id.toLowerCase(), u.id);
  }
  const byNumber = new Map(input.stored.map((p) => [p.prisonerNumber, p]));
  const issues = [...fileIssues];
  const planned: PlannedRow[] = [];
  const writes: PopulationWrites = { newPrisoners: [], detailUpdates: [], closeStays: [], changeStays: [], openStays: [], refresh: [] };
  const inFile = new Set<string>();

  for (const row of rows) {
    inFile.add(row.prisonerNumber);
    const issue = (field: string | undefined, code: string, value?: string) =>
      issues.push({ line: row.line, prisonerNumber: row.prisonerNumber, field, code, value });
    const unitId = unitByKey.get(row.unit.toLowerCase());
    if (!unitId) {
      issue('unit', 'UNKNOWN_UNIT', row.unit);
      continue;
    }
    const p = byNumber.get(row.prisonerNumber);
    const details: DetailValues = {
      firstName: row.firstName,
      lastName: row.lastName,
      dateOfBirth: row.dateOfBirth,
      legalStatus: row.legalStatus,
      nationality: row.nationality,
      educationLevel: row.educationLevel ?? p?.educationLevel ?? EducationLevel.UNKNOWN,
      educationRight: row.educationRight ?? p?.educationRight ?? EducationRight.NONE,
    };
    if (!p) {
      writes.newPrisoners.push({ prisonerNumber: row.prisonerNumber, ...details });
      writes.openStays.push({ prisonerNumber: row.prisonerNumber, unitId, fromDate: row.arrivalDate });
      writes.refresh.push({ prisonerNumber: row.prisonerNumber, from: row.arrivalDate });
      planned.push({ line: row.line, prisonerNumber: row.prisonerNumber, action: 'ADMIT', changes: [] });
      continue;
    }
    const changed = DETAIL_FIELDS.filter((f) => details[f] !== p[f]);
    const stay = p.stay;
    let action: RowAction;
    // Someone last held at a prison the user may not see is that prison's person: the report compares nothing
    // with what is stored of them and echoes none of it (no field names that differ, no dates), so a dry run
    // cannot be used to look them up. The file's details still win on apply, as for any return.
    const hidden = !!stay && stay.prisonId !== prisonId && !input.maySeePrison(stay.prisonId);
    const changes: string[] = hidden ? [] : [...changed];
    if (!stay || !isHeld(p, today)) {
      // Back again after a release: a new stay, which may not start before the last one ended.
      if (stay?.toDate && row.arrivalDate < stay.toDate) {
        issue('arrivalDate', 'ARRIVAL_BEFORE_LAST_RELEASE', hidden ? undefined : stay.toDate);
        continue;
      }
      writes.openStays.push({ prisonerNumber: row.prisonerNumber, unitId, fromDate: row.arrivalDate });
      writes.refresh.push({ prisonerNumber: row.prisonerNumber, from: row.arrivalDate });
      action = 'ADMIT';
    } else if (stay.prisonId !== prisonId) {
      if (hidden) {
        issue('prisonerNumber', 'HELD_AT_ANOTHER_PRISON');
        continue;
      }
      if (row.arrivalDate <= stay.fromDate) {
        issue('arrivalDate', 'ARRIVAL_NOT_AFTER_CURRENT_STAY', stay.fromDate);
        continue;
      }
      writes.closeStays.push({ periodId: stay.periodId, toDate: row.arrivalDate, reason: CustodyEndReason.TRANSFERRED });
      writes.openStays.push({ prisonerNumber: row.prisonerNumber, unitId, fromDate: row.arrivalDate });
      writes.refresh.push({ prisonerNumber: row.prisonerNumber, from: row.arrivalDate });
      action = 'TRANSFER';
    } else {
      const unitChanged = stay.unitId !== unitId;
      const arrivalChanged = stay.fromDate !== row.arrivalDate;
      if (arrivalChanged) {
        // A corrected arrival day: it may not reach back into the previous stay, nor past a planned release.
        if (p.previousStayEnd && row.arrivalDate < p.previousStayEnd) {
          issue('arrivalDate', 'ARRIVAL_BEFORE_LAST_RELEASE', p.previousStayEnd);
          continue;
        }
        if (stay.toDate && row.arrivalDate >= stay.toDate) {
          issue('arrivalDate', 'ARRIVAL_NOT_BEFORE_RELEASE', stay.toDate);
          continue;
        }
        changes.push('arrivalDate');
        const from = row.arrivalDate < stay.fromDate ? row.arrivalDate : stay.fromDate;
        writes.refresh.push({ prisonerNumber: row.prisonerNumber, from });
      }
      // The custody model keeps one unit per stay: a unit move changes the stay's unit (from today on the
      // facts of finished days are kept as computed).
      if (unitChanged) changes.push('unit');
      if (unitChanged || arrivalChanged) writes.changeStays.push({ periodId: stay.periodId, unitId, fromDate: row.arrivalDate });
      action = unitChanged ? 'MOVE' : changes.length > 0 ? 'UPDATE' : 'UNCHANGED';
    }
    if (changed.length > 0) writes.detailUpdates.push({ prisonerId: p.id, ...details });
    planned.push({ line: row.line, prisonerNumber: row.prisonerNumber, action, changes });
  }

  const missing: MissingPrisoner[] = [];
  for (const p of input.stored) {
    if (!isHeld(p, today) || p.stay?.prisonId !== prisonId || inFile.has(p.prisonerNumber)) continue;
    // A prisoner whose row has an error is in the file, not missing.
    if (issues.some((i) => i.prisonerNumber === p.prisonerNumber)) continue;
    const stay = p.stay;
    const release = input.confirmReleases.has(p.prisonerNumber);
    if (release && input.releaseDate <= stay.fromDate) {
      issues.push({
        line: 0,
        prisonerNumber: p.prisonerNumber,
        field: 'releaseDate',
        code: 'RELEASE_NOT_AFTER_ARRIVAL',
        value: stay.fromDate,
      });
      continue;
    }
    if (release && stay.toDate !== null && stay.toDate <= input.releaseDate) continue; // already leaving by then
    if (release) {
      writes.closeStays.push({ periodId: stay.periodId, toDate: input.releaseDate, reason: CustodyEndReason.RELEASED });
      writes.refresh.push({ prisonerNumber: p.prisonerNumber, from: input.releaseDate });
    }
    missing.push({
      prisonerId: p.id,
      prisonerNumber: p.prisonerNumber,
      firstName: p.firstName,
      lastName: p.lastName,
      arrivalDate: stay.fromDate,
      release,
    });
  }

  const count = (a: RowAction) => planned.filter((r) => r.action === a).length;
  const errorLines = new Set(issues.map((i) => `${i.line}:${i.prisonerNumber ?? ''}`));
  return {
    counts: {
      admit: count('ADMIT'),
      transfer: count('TRANSFER'),
      move: count('MOVE'),
      release: missing.filter((m) => m.release).length,
      update: count('UPDATE'),
      unchanged: count('UNCHANGED'),
      missing: missing.filter((m) => !m.release).length,
      errors: errorLines.size,
    },
    rows: planned,
    missing,
    issues,
    writes,
  };
}
