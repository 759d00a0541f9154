import { CustodyEndReason, EducationLevel, EducationRight, LegalStatus } from '../../prisoners/prisoner.enums';
import { DetailValues, PopulationWrites, StoredPrisoner } from './population-plan';

export type EventType = 'RECEIVED' | 'TRANSFERRED' | 'RELEASED' | 'DETAILS_CHANGED';

export interface EventInput {
  type: EventType;
  prisonerNumber: string;
  /** The Oslo date of occurredAt: the custody date. */
  date: string;
  /** Target prison and unit (RECEIVED, TRANSFERRED), already looked up. */
  prisonId?: string;
  unitId?: string;
  details: Partial<DetailValues>;
}

export type EventDecision =
  | { kind: 'REJECT'; code: string; params?: Record<string, string> }
  | { kind: 'APPLY'; prisonId: string | null; writes: PopulationWrites; refreshFrom: string | null; alreadyRecorded: boolean };

const REQUIRED_FOR_NEW: Array<keyof DetailValues> = ['firstName', 'lastName', 'dateOfBirth', 'legalStatus', 'nationality'];
const none = (): PopulationWrites => ({ newPrisoners: [], detailUpdates: [], closeStays: [], changeStays: [], openStays: [], refresh: [] });

/**
 * What one custody event does to a prisoner as stored (pure). Custody only moves forward: an event dated
 * on or before the stay it would end, or before the last release, is rejected with a code, never applied
 * out of order; the caller has already rejected events older than the last applied one.
 */
export function decideCustodyEvent(e: EventInput, p: StoredPrisoner | undefined, today: string): EventDecision {
  const stay = p?.stay ?? null;
  const held = !!stay && (stay.toDate === null || stay.toDate > e.date);
  const w = none();
  switch (e.type) {
    case 'RECEIVED': {
      if (!e.prisonId || !e.unitId) return { kind: 'REJECT', code: 'PRISON_AND_UNIT_REQUIRED' };
      if (e.date > today) return { kind: 'REJECT', code: 'DATE_IN_FUTURE' };
      if (!p) {
        const missing = REQUIRED_FOR_NEW.filter((f) => e.details[f] === undefined);
        if (missing.length > 0) return { kind: 'REJECT', code: 'DETAILS_REQUIRED', params: { fields: missing.join(',') } };
        w.newPrisoners.push({
          prisonerNumber: e.prisonerNumber,
          firstName: e.details.firstName as string,
          lastName: e.details.lastName as string,
          dateOfBirth: e.details.dateOfBirth as string,
          legalStatus: e.details.legalStatus as LegalStatus,
          nationality: e.details.nationality as string,
          educationLevel: e.details.educationLevel ?? EducationLevel.UNKNOWN,
          educationRight: e.details.educationRight ?? EducationRight.NONE,
        });
      } else if (held && stay) {
        // Already recorded (e.g. by a file import): nothing to do.
        if (stay.prisonId === e.prisonId && stay.fromDate === e.date && stay.toDate === null)
          return { kind: 'APPLY', prisonId: e.prisonId, writes: w, refreshFrom: null, alreadyRecorded: true };
        return { kind: 'REJECT', code: 'ALREADY_HELD', params: { since: stay.fromDate } };
      } else if (stay?.toDate && e.date < stay.toDate) {
        return { kind: 'REJECT', code: 'BEFORE_LAST_RELEASE', params: { releasedOn: stay.toDate } };
      } else if (p.previousStayEnd && e.date < p.previousStayEnd) {
        return { kind: 'REJECT', code: 'BEFORE_LAST_RELEASE', params: { releasedOn: p.previousStayEnd } };
      }
      if (p) addDetailUpdate(w, p, e.details);
      w.openStays.push({ prisonerNumber: e.prisonerNumber, unitId: e.unitId, fromDate: e.date });
      return { kind: 'APPLY', prisonId: e.prisonId, writes: w, refreshFrom: e.date, alreadyRecorded: false };
    }
    case 'TRANSFERRED':
    case 'RELEASED': {
      if (!p) return { kind: 'REJECT', code: 'UNKNOWN_PRISONER' };
      if (e.type === 'TRANSFERRED' && (!e.prisonId || !e.unitId)) return { kind: 'REJECT', code: 'PRISON_AND_UNIT_REQUIRED' };
      if (e.date > today) return { kind: 'REJECT', code: 'DATE_IN_FUTURE' };
      // Already recorded (e.g. a population file got there first, or the sender resent it under a new id): the
      // release ended the stay that very day; the transfer opened the stay at that prison that day, ending the one before.
      if (e.type === 'RELEASED' && stay && !held && stay.toDate === e.date)
        return { kind: 'APPLY', prisonId: stay.prisonId, writes: w, refreshFrom: null, alreadyRecorded: true };
      if (e.type === 'TRANSFERRED' && held && stay?.prisonId === e.prisonId && stay.fromDate === e.date && p.previousStayEnd === e.date)
        return { kind: 'APPLY', prisonId: stay.prisonId, writes: w, refreshFrom: null, alreadyRecorded: true };
      if (!stay || !held) return { kind: 'REJECT', code: 'NOT_HELD', params: stay?.toDate ? { releasedOn: stay.toDate } : undefined };
      if (e.date <= stay.fromDate) return { kind: 'REJECT', code: 'NOT_AFTER_ARRIVAL', params: { arrivedOn: stay.fromDate } };
      if (e.type === 'TRANSFERRED' && e.prisonId === stay.prisonId) return { kind: 'REJECT', code: 'SAME_PRISON' };
      w.closeStays.push({
        periodId: stay.periodId,
        toDate: e.date,
        reason: e.type === 'TRANSFERRED' ? CustodyEndReason.TRANSFERRED : CustodyEndReason.RELEASED,
      });
      if (e.type === 'TRANSFERRED') w.openStays.push({ prisonerNumber: e.prisonerNumber, unitId: e.unitId as string, fromDate: e.date });
      return { kind: 'APPLY', prisonId: e.prisonId ?? stay.prisonId, writes: w, refreshFrom: e.date, alreadyRecorded: false };
    }
    case 'DETAILS_CHANGED': {
      if (!p) return { kind: 'REJECT', code: 'UNKNOWN_PRISONER' };
      if (Object.values(e.details).every((v) => v === undefined)) return { kind: 'REJECT', code: 'DETAILS_REQUIRED' };
      const changed = addDetailUpdate(w, p, e.details);
      return { kind: 'APPLY', prisonId: stay?.prisonId ?? null, writes: w, refreshFrom: null, alreadyRecorded: !changed };
    }
  }
}

function addDetailUpdate(w: PopulationWrites, p: StoredPrisoner, d: Partial<DetailValues>): boolean {
  const next: DetailValues = {
    firstName: d.firstName ?? p.firstName,
    lastName: d.lastName ?? p.lastName,
    dateOfBirth: d.dateOfBirth ?? p.dateOfBirth,
    legalStatus: d.legalStatus ?? p.legalStatus,
    nationality: d.nationality ?? p.nationality,
    educationLevel: d.educationLevel ?? p.educationLevel,
    educationRight: d.educationRight ?? p.educationRight,
  };
  const changed = (Object.keys(next) as Array<keyof DetailValues>).some((k) => next[k] !== p[k]);
  if (changed) w.detailUpdates.push({ prisonerId: p.id, ...next });
  return changed;
}
