import { DayPeriod } from '../../activities/activity.enums';
import { IsoDate } from '../../calendar/domain/oslo-time';
import { compareTimes, TimeOfDay } from '../../sessions/domain/time-of-day';
import { UnavailabilityKind } from '../availability.enums';

export interface UnavailabilityInput {
  kind: UnavailabilityKind;
  fromDate: IsoDate;
  toDate?: IsoDate;
  period?: DayPeriod;
  startTime?: TimeOfDay;
  endTime?: TimeOfDay;
  note?: string;
}

export interface RuleViolation {
  field: string;
  messages: string[];
}

/**
 * The rules across fields that single-field validation cannot see. They mirror the table's check
 * constraints, so that a bad request is a 400 naming the field rather than a broken constraint.
 */
export function unavailabilityViolations(u: UnavailabilityInput): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (u.toDate !== undefined && u.toDate < u.fromDate) out.push({ field: 'toDate', messages: ['toDate must be on or after fromDate'] });
  const hasStart = u.startTime !== undefined;
  const hasEnd = u.endTime !== undefined;
  if (hasStart !== hasEnd)
    out.push({ field: hasStart ? 'endTime' : 'startTime', messages: ['startTime and endTime must be given together'] });
  if (hasStart && hasEnd && compareTimes(u.startTime as string, u.endTime as string) >= 0) {
    out.push({ field: 'endTime', messages: ['endTime must be after startTime'] });
  }
  if (u.period !== undefined && (hasStart || hasEnd))
    out.push({ field: 'period', messages: ['Give either a period (AM/PM) or a time range, not both'] });
  if (u.kind === UnavailabilityKind.OTHER && !(u.note ?? '').trim())
    out.push({ field: 'note', messages: ['note is required when kind is OTHER'] });
  return out;
}
