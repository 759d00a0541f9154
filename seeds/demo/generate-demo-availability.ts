import { DayPeriod } from '../../src/activities/activity.enums';
import { UnavailabilityKind } from '../../src/availability/availability.enums';
import { SecurityLevel } from '../../src/organisation/organisation.enums';
import { dayOf, isoOf, weekdayOf } from './day-numbers';
import { DemoCustodyPeriod, DemoData } from './generate-demo-data';
import { Random } from './random';

// Prisoners' unavailability (court, visits, health appointments, lawyers, leave, exclusion from
// company) and non-associations for the demo data. Pure: plain rows with client-side UUIDs.

export interface DemoUnavailability {
  id: string;
  prisonerId: string;
  kind: UnavailabilityKind;
  fromDate: string;
  toDate: string;
  period: DayPeriod | null;
  startTime: string | null;
  endTime: string | null;
  note: string;
}

export interface DemoNonAssociation {
  id: string;
  prisonerAId: string;
  prisonerBId: string;
  reason: string;
  fromDate: string;
  toDate: string | null;
}

/** About one non-association pair for every 40 prisoners held today. */
export const PRISONERS_PER_NON_ASSOCIATION = 40;

const NON_ASSOCIATION_REASONS: readonly (readonly [string, number])[] = [
  ['Medsiktet i samme sak', 4],
  ['Konflikt i avdelingen', 3],
  ['Trusler mot medinnsatt', 2],
  ['Voldshendelse i fellesskapet', 1],
];

/**
 * Pairs of prisoners held today at the same prison who must be kept apart: ≈ 1 per 40 held.
 * Co-defendants are the commonest case, so remand prisoners are picked more often.
 */
export function generateNonAssociations(rng: Random, data: DemoData): DemoNonAssociation[] {
  const today = dayOf(data.today);
  const remand = new Set(data.prisoners.filter((p) => p.legalStatus === 'REMAND').map((p) => p.id));
  const heldBy = new Map<string, DemoCustodyPeriod[]>();
  for (const c of data.custodyPeriods) {
    if (c.toDate !== null) continue;
    const list = heldBy.get(c.prisonId) ?? [];
    list.push(c);
    heldBy.set(c.prisonId, list);
  }
  const out: DemoNonAssociation[] = [];
  for (const prison of data.prisons) {
    const held = heldBy.get(prison.id) ?? [];
    const pairs = Math.round(held.length / PRISONERS_PER_NON_ASSOCIATION);
    if (pairs === 0) continue;
    const used = new Set<string>();
    const pool = rng.shuffle(held).sort((a, b) => Number(remand.has(b.prisonerId)) - Number(remand.has(a.prisonerId)));
    // Down the pool (remand first), a prisoner meets a random partner until there are enough pairs.
    for (let i = 0; i < pool.length && used.size < 2 * pairs; i++) {
      const a = pool[i];
      if (used.has(a.prisonerId) || rng.chance(0.3)) continue;
      const b = rng.pick(held);
      if (b.prisonerId === a.prisonerId || used.has(b.prisonerId)) continue;
      used.add(a.prisonerId);
      used.add(b.prisonerId);
      const [x, y] = a.prisonerId < b.prisonerId ? [a, b] : [b, a];
      const since = Math.max(dayOf(x.fromDate), dayOf(y.fromDate));
      const reason = remand.has(a.prisonerId) && remand.has(b.prisonerId) ? 'Medsiktet i samme sak' : rng.weighted(NON_ASSOCIATION_REASONS);
      out.push({
        id: rng.uuid(),
        prisonerAId: x.prisonerId,
        prisonerBId: y.prisonerId,
        reason,
        fromDate: isoOf(Math.min(today - 1, since + rng.int(0, 20))),
        toDate: null,
      });
    }
  }
  return out;
}

interface Weekly {
  kind: UnavailabilityKind;
  /** Chance per prisoner and week, by the kind of place. */
  chance: { remand: number; high: number; low: number };
}

// Weekly chances per prisoner. Court and lawyers mostly concern remand prisoners; leave (permisjon)
// is for low security; visits and health appointments are for everyone.
const WEEKLY: readonly Weekly[] = [
  { kind: UnavailabilityKind.COURT, chance: { remand: 0.05, high: 0.01, low: 0.005 } },
  { kind: UnavailabilityKind.LAWYER, chance: { remand: 0.05, high: 0.012, low: 0.005 } },
  { kind: UnavailabilityKind.VISIT, chance: { remand: 0.06, high: 0.06, low: 0.05 } },
  { kind: UnavailabilityKind.HEALTH_APPOINTMENT, chance: { remand: 0.05, high: 0.045, low: 0.04 } },
  { kind: UnavailabilityKind.LEAVE, chance: { remand: 0, high: 0.004, low: 0.02 } },
  { kind: UnavailabilityKind.EXCLUDED_FROM_COMPANY, chance: { remand: 0.004, high: 0.003, low: 0.0005 } },
];

const pad = (n: number) => String(n).padStart(2, '0');
const time = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/**
 * Unavailability for every stay between `fromDay` and `toDay` (day numbers, inclusive), weekdays
 * only: court days and leave take whole days, exclusion from company several days, lawyers a
 * half-day, visits and health appointments a time range (evening visits clash with nothing).
 */
export function generateUnavailability(
  rng: Random,
  data: DemoData,
  isRemand: (c: DemoCustodyPeriod) => boolean,
  unitLevel: (c: DemoCustodyPeriod) => SecurityLevel,
  fromDay: number,
  toDay: number,
): DemoUnavailability[] {
  const out: DemoUnavailability[] = [];
  const firstMonday = fromDay - (weekdayOf(fromDay) - 1);
  for (const c of data.custodyPeriods) {
    const start = Math.max(fromDay, dayOf(c.fromDate));
    // The last day held is the day before release or transfer.
    const end = Math.min(toDay, c.toDate === null ? toDay : dayOf(c.toDate) - 1);
    if (start > end) continue;
    const place = isRemand(c) ? 'remand' : unitLevel(c) === SecurityLevel.LOW ? 'low' : 'high';
    for (let monday = firstMonday + 7 * Math.floor((start - firstMonday) / 7); monday <= end; monday += 7) {
      for (const w of WEEKLY) {
        if (!rng.chance(w.chance[place])) continue;
        const day = monday + rng.int(0, 4);
        if (day < start || day > end) continue;
        const row = unavailabilityOn(rng, w.kind, day, end);
        out.push({ id: rng.uuid(), prisonerId: c.prisonerId, ...row });
      }
    }
  }
  return out;
}

function unavailabilityOn(
  rng: Random,
  kind: UnavailabilityKind,
  day: number,
  lastDay: number,
): Omit<DemoUnavailability, 'id' | 'prisonerId'> {
  const whole = { period: null, startTime: null, endTime: null };
  switch (kind) {
    case UnavailabilityKind.COURT:
      return {
        kind,
        fromDate: isoOf(day),
        toDate: isoOf(day),
        ...whole,
        note: rng.pick(['Hovedforhandling i tingretten', 'Fengslingsmøte', 'Ankeforhandling i lagmannsretten']),
      };
    case UnavailabilityKind.LAWYER:
      return {
        kind,
        fromDate: isoOf(day),
        toDate: isoOf(day),
        period: rng.chance(0.5) ? DayPeriod.AM : DayPeriod.PM,
        startTime: null,
        endTime: null,
        note: 'Samtale med forsvarer',
      };
    case UnavailabilityKind.VISIT: {
      // Most visits are in the evening, after the working day.
      const evening = rng.chance(0.6);
      const start = evening ? 17 * 60 + 30 * rng.int(0, 2) : 12 * 60 + 30 * rng.int(1, 4);
      return {
        kind,
        fromDate: isoOf(day),
        toDate: isoOf(day),
        period: null,
        startTime: time(start),
        endTime: time(start + 90),
        note: 'Besøk',
      };
    }
    case UnavailabilityKind.HEALTH_APPOINTMENT: {
      const start = 8 * 60 + 30 + 15 * rng.int(0, 22);
      return {
        kind,
        fromDate: isoOf(day),
        toDate: isoOf(day),
        period: null,
        startTime: time(start),
        endTime: time(start + 15 * rng.int(2, 4)),
        note: rng.pick(['Lege', 'Tannlege', 'Sykepleier', 'Psykolog']),
      };
    }
    case UnavailabilityKind.LEAVE: {
      const to = Math.min(lastDay, day + rng.int(0, 2));
      return { kind, fromDate: isoOf(day), toDate: isoOf(to), ...whole, note: 'Permisjon' };
    }
    default: {
      const to = Math.min(lastDay, day + rng.int(1, 9));
      return {
        kind,
        fromDate: isoOf(day),
        toDate: isoOf(to),
        ...whole,
        note: 'Utelukket fra fellesskapet (straffegjennomføringsloven § 37)',
      };
    }
  }
}
