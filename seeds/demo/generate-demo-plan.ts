import { ActivityKind, DayPeriod } from '../../src/activities/activity.enums';
import { AllocationPatternKind, DeallocationReason } from '../../src/allocations/allocation.enums';
import { norwegianPublicHolidays } from '../../src/calendar/domain/norwegian-holidays';
import { SecurityLevel } from '../../src/organisation/organisation.enums';
import { CustodyEndReason, EducationRight, LegalStatus } from '../../src/prisoners/prisoner.enums';
import { ReferralSource, ReferralStatus } from '../../src/referrals/referral.enums';
import { ageOnDay, dayOf, isoOf, timestampOn, weekdayOf } from './day-numbers';
import { DemoNonAssociation, DemoUnavailability, generateNonAssociations, generateUnavailability } from './generate-demo-availability';
import { DemoActivity, DemoCustodyPeriod, DemoData, DemoPrisoner } from './generate-demo-data';
import { PRISONS } from './prisons';
import { Random } from './random';

// The demo plan: who is allocated to what, today and over the last twelve months, with the
// referrals, unavailability and non-associations around it. Pure: no database, no clock.
//
// Allocations come from a day-by-day simulation of each prison over the history window. Prisoners
// arrive and leave as their custody periods say; after an induction delay a willing prisoner is
// allocated within capacity, respecting the security level of their unit, age limits, the
// non-associations and their own timetable (one activity per half-day):
//   • with an education right, often a school class (all its slots) plus a workshop in the other
//     half of the day (AM_ONLY / PM_ONLY, or CHOSEN when the class spills into that half): the
//     split working day;
//   • otherwise a full-day workshop (ALL) when the prison prefers it, else half a day;
//   • convicted prisoners with a free half-day join programmes (CHOSEN days) through a referral,
//     for the programme's length (then COMPLETED).
// Allocations end on release or transfer (the day before, as the custody trigger does), on
// completion, or early (withdrawn, health, security), and the prisoner waits for a new place.
// Some prisoners are unwilling or unfit for a while (remand prisoners under restrictions above
// all): they are the no-activity list. Induction gets quicker and unwillingness rarer over the
// year, so the planned share rises towards today.

export const DEMO_HISTORY_DAYS = 364;

export interface DemoPlanOptions {
  seed?: number;
  /** Days of history before the data's today (default 364: 52 weeks, the same weekday a year ago). */
  historyDays?: number;
}

export interface DemoChosenSlot {
  weekday: number;
  period: DayPeriod;
}

export interface DemoAllocation {
  id: string;
  prisonerId: string;
  activityId: string;
  prisonId: string;
  startDate: string;
  /** The last day allocated (inclusive); in the future for a programme's planned end. */
  endDate: string | null;
  pattern: AllocationPatternKind;
  chosenSlots: DemoChosenSlot[] | null;
  endedReason: DeallocationReason | null;
  endedNote: string | null;
  createdAt: string;
}

export interface DemoReferral {
  id: string;
  prisonerId: string;
  activityId: string;
  requestedBy: ReferralSource;
  status: ReferralStatus;
  note: string;
  decisionNote: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface DemoPlan {
  /** First day of the history (sessions, bookings, attendance, prisoner-days). */
  historyFrom: string;
  allocations: DemoAllocation[];
  referrals: DemoReferral[];
  unavailability: DemoUnavailability[];
  nonAssociations: DemoNonAssociation[];
}

// ─── Half-day cells: bit (weekday − 1) · 2 + (PM ? 1 : 0) of a 10-bit mask ───

const AM_CELLS = 0b0101010101;
const PM_CELLS = 0b1010101010;
const cellOf = (weekday: number, period: DayPeriod) => (weekday - 1) * 2 + (period === DayPeriod.PM ? 1 : 0);

function cellsOf(mask: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < 10; c++) if (mask & (1 << c)) out.push(c);
  return out;
}

/** Something on every weekday (AM or PM). */
function everyWeekday(mask: number): boolean {
  for (let w = 0; w < 5; w++) if (((mask >> (2 * w)) & 3) === 0) return false;
  return true;
}

const popcount = (mask: number) => cellsOf(mask).length;

/** The cells of the weekdays with nothing on. */
function missingDays(mask: number): number {
  let out = 0;
  for (let w = 0; w < 5; w++) if (((mask >> (2 * w)) & 3) === 0) out |= 3 << (2 * w);
  return out;
}

// ─── Tuning ───

/** Chance of being unwilling or unfit for activity on arrival, by the kind of place (a year ago: × UNWILLING_THEN). */
const UNWILLING = { remand: 0.15, high: 0.05, low: 0.03, halfwayHouse: 0.02 };
const UNWILLING_THEN = 1.25;
/** Weekly chance that an unwilling prisoner comes round (motivation work). */
const COMES_ROUND = 0.04;
/** Induction before the first allocation, days (a year ago: × DELAY_THEN). */
const DELAY = { remand: [4, 16], transfer: [2, 7], arrival: [3, 11] } as const;
const DELAY_THEN = 1.25;
/** Chance of going to school, by education right (courses such as Norwegian or digital skills need none). */
const SCHOOL = { YOUTH: 0.8, ADULT: 0.55, NONE: 0.15 };
/** A full day in a workshop only while more than this share of its places is free. */
const FULL_DAY_MARGIN = 0.25;
/** Chance that a work or school allocation ends early, and why. */
const EARLY_END = 0.09;
const EARLY_END_REASONS: readonly (readonly [DeallocationReason, number])[] = [
  [DeallocationReason.WITHDRAWN_BY_PRISONER, 4],
  [DeallocationReason.WITHDRAWN_BY_STAFF, 2],
  [DeallocationReason.HEALTH, 2],
  [DeallocationReason.SECURITY, 1],
  [DeallocationReason.OTHER, 1],
];
/** Sessions in a programme's course, by category (the course length is this over its weekly slots). */
const PROGRAMME_SESSIONS: Record<string, number> = {
  SINNEMESTRING: 10,
  NY_START: 12,
  ALTERNATIV_TIL_VOLD: 16,
  KRIMINALITET_SOM_LIVSSTIL: 12,
  RUSPAVIRKET_KJORING: 10,
  ER_VIL_KAN: 8,
  RUSPROGRAM: 20,
  VINN: 12,
};
/** A programme with free places takes new participants on this share of working days. */
const PROGRAMME_INTAKE = 0.3;
const PROGRAMME_EARLY_END_REASONS: readonly (readonly [DeallocationReason, number])[] = [
  [DeallocationReason.WITHDRAWN_BY_PRISONER, 3],
  [DeallocationReason.WITHDRAWN_BY_STAFF, 1],
  [DeallocationReason.HEALTH, 1],
];
const REFERRERS: readonly (readonly [ReferralSource, number])[] = [
  [ReferralSource.PROGRAMME_STAFF, 4],
  [ReferralSource.OFFICER, 3],
  [ReferralSource.PRISONER, 2],
  [ReferralSource.MANAGER, 1],
  [ReferralSource.OTHER, 0.3],
];

interface ActivityState {
  activity: DemoActivity;
  cells: number;
  startDay: number;
  endDay: number | null;
  /** Live allocations per half-day cell. */
  used: number[];
  /** Prisoner id → live allocations here (for non-associations). */
  members: Map<string, number>;
}

interface Live {
  row: DemoAllocation;
  state: ActivityState;
  mask: number;
  /** A planned last day (programme course, early end), or null. */
  endDay: number | null;
  endReason: DeallocationReason | null;
}

interface Stay {
  custody: DemoCustodyPeriod;
  prisoner: DemoPrisoner;
  birth: number;
  level: SecurityLevel;
  remand: boolean;
  from: number;
  /** Release or transfer day (not held), or null. */
  to: number | null;
  readyDay: number;
  willing: boolean;
  wantsSchool: boolean;
  prefersFullDay: boolean;
  mask: number;
  live: Live[];
  programmesDone: Set<string>;
}

export function generateDemoPlan(data: DemoData, options: DemoPlanOptions = {}): DemoPlan {
  const seed = options.seed ?? data.seed;
  const root = new Random((seed ^ 0x7a11_0c47) >>> 0);
  const today = dayOf(data.today);
  const historyFrom = today - (options.historyDays ?? DEMO_HISTORY_DAYS);
  const holidays = holidayDays(historyFrom, today + 70);

  const prisoners = new Map(data.prisoners.map((p) => [p.id, p]));
  const unitLevel = new Map(data.units.map((u) => [u.id, u.securityLevel]));
  const isRemand = (c: DemoCustodyPeriod) =>
    prisoners.get(c.prisonerId)?.legalStatus === LegalStatus.REMAND &&
    c.endReason !== CustodyEndReason.TRANSFERRED &&
    unitLevel.get(c.unitId) === SecurityLevel.HIGH;
  const levelOf = (c: DemoCustodyPeriod) => unitLevel.get(c.unitId) ?? SecurityLevel.HIGH;

  const nonAssociations = generateNonAssociations(root.fork('non-associations'), data);
  const partners = new Map<string, string[]>();
  for (const n of nonAssociations) {
    partners.set(n.prisonerAId, [...(partners.get(n.prisonerAId) ?? []), n.prisonerBId]);
    partners.set(n.prisonerBId, [...(partners.get(n.prisonerBId) ?? []), n.prisonerAId]);
  }

  const ctx: SimulationContext = {
    sim: root.fork('allocations'),
    ids: root.fork('plan-ids'),
    today,
    historyFrom,
    holidays,
    partners,
    transferredIn: new Set(
      data.custodyPeriods.filter((c) => c.endReason === CustodyEndReason.TRANSFERRED).map((c) => `${c.prisonerId}|${c.toDate}`),
    ),
    allocations: [],
    referrals: [],
  };
  const slotCells = cellsByActivity(data);
  for (const prison of data.prisons) {
    const activities = data.activities
      .filter((a) => a.prisonId === prison.id && (slotCells.get(a.id) ?? 0) !== 0)
      .map((a) => activityState(a, slotCells));
    const custody = data.custodyPeriods.filter((c) => c.prisonId === prison.id && (c.toDate === null || dayOf(c.toDate) > historyFrom));
    const stays = custody.map((c) => {
      const prisoner = prisoners.get(c.prisonerId) as DemoPrisoner;
      return newStay(ctx.sim, c, prisoner, levelOf(c), isRemand(c), prison.halfwayHouse);
    });
    // Some prisons do better than others with the same people (leadership, staffing, buildings).
    const remandHeavy = (PRISONS.find((p) => p.code === prison.code)?.remandWeight ?? 0) > 1;
    const prisonFactor = ctx.sim.real(0.6, 1.6) * (remandHeavy ? 1.2 : 1);
    const present = new PrisonSimulation(ctx, prison.id, prison.halfwayHouse, prisonFactor, activities).run(stays);
    ctx.referrals.push(...waitingList(ctx.ids, ctx.sim, activities, present, today));
  }

  const unavailability = generateUnavailability(root.fork('unavailability'), data, isRemand, levelOf, historyFrom, today + 27);
  return { historyFrom: isoOf(historyFrom), allocations: ctx.allocations, referrals: ctx.referrals, unavailability, nonAssociations };
}

interface SimulationContext {
  sim: Random;
  ids: Random;
  today: number;
  historyFrom: number;
  holidays: Set<number>;
  /** Prisoner id → those they must be kept apart from. */
  partners: Map<string, string[]>;
  /** `${prisonerId}|${date}` of every transfer: an arrival that day is a transfer in. */
  transferredIn: Set<string>;
  allocations: DemoAllocation[];
  referrals: DemoReferral[];
}

function activityState(activity: DemoActivity, slotCells: Map<string, number>): ActivityState {
  return {
    activity,
    cells: slotCells.get(activity.id) as number,
    startDay: dayOf(activity.startDate),
    endDay: activity.endDate === null ? null : dayOf(activity.endDate),
    used: new Array<number>(10).fill(0),
    members: new Map(),
  };
}

function newStay(
  rng: Random,
  custody: DemoCustodyPeriod,
  prisoner: DemoPrisoner,
  level: SecurityLevel,
  remand: boolean,
  halfwayHouse: boolean,
): Stay {
  const right = prisoner.educationRight;
  const school = right === EducationRight.YOUTH ? SCHOOL.YOUTH : right === EducationRight.ADULT ? SCHOOL.ADULT : SCHOOL.NONE;
  return {
    custody,
    prisoner,
    birth: dayOf(prisoner.dateOfBirth),
    level,
    remand,
    from: dayOf(custody.fromDate),
    to: custody.toDate === null ? null : dayOf(custody.toDate),
    readyDay: 0,
    willing: true,
    wantsSchool: rng.chance(remand ? school * 0.6 : school),
    prefersFullDay: rng.chance(halfwayHouse ? 0.6 : level === SecurityLevel.LOW ? 0.5 : 0.4),
    mask: 0,
    live: [],
    programmesDone: new Set(),
  };
}

/** One prison's allocations over the history window, day by day (see the top of the file). */
class PrisonSimulation {
  private readonly sim: Random;

  constructor(
    private readonly ctx: SimulationContext,
    private readonly prisonId: string,
    private readonly halfwayHouse: boolean,
    private readonly prisonFactor: number,
    private readonly activities: ActivityState[],
  ) {
    this.sim = ctx.sim;
  }

  /** Runs from a year ago to today; returns the stays present today. */
  run(stays: Stay[]): Stay[] {
    const { historyFrom, today, holidays } = this.ctx;
    const arrivals = new Map<number, Stay[]>();
    const departures = new Map<number, Stay[]>();
    const present: Stay[] = [];
    for (const s of stays) {
      if (s.from <= historyFrom) {
        this.arrive(s, historyFrom);
        present.push(s);
      } else {
        arrivals.set(s.from, [...(arrivals.get(s.from) ?? []), s]);
      }
      if (s.to !== null) departures.set(s.to, [...(departures.get(s.to) ?? []), s]);
    }
    // Those already here a year ago: allocated as they became ready, earliest first (dates may be before the window).
    for (const s of [...present].sort((a, b) => a.readyDay - b.readyDay)) {
      if (s.willing) this.tryAllocate(s, historyFrom, Math.min(historyFrom, Math.max(s.readyDay, s.from)));
    }
    this.programmeIntake(present, historyFrom, true);

    for (let day = historyFrom + 1; day <= today; day++) {
      // Planned ends (course completed, early end) whose last day was yesterday.
      for (const s of present) {
        for (const live of [...s.live]) {
          if (live.endDay !== null && live.endDay < day) {
            this.end(s, live, live.endDay, live.endReason ?? DeallocationReason.COMPLETED);
            if (live.state.activity.kind !== ActivityKind.PROGRAMME) s.readyDay = Math.max(s.readyDay, day + this.sim.int(5, 25));
          }
        }
      }
      // Release or transfer: every allocation ends the day before (as the custody trigger does).
      for (const s of departures.get(day) ?? []) {
        const reason = s.custody.endReason === CustodyEndReason.TRANSFERRED ? DeallocationReason.TRANSFERRED : DeallocationReason.RELEASED;
        for (const live of [...s.live]) this.end(s, live, day - 1, reason);
        present.splice(present.indexOf(s), 1);
      }
      for (const s of arrivals.get(day) ?? []) {
        this.arrive(s, day);
        present.push(s);
      }
      const weekday = weekdayOf(day);
      if (weekday === 1) for (const s of present) if (!s.willing && this.sim.chance(COMES_ROUND)) s.willing = true;
      if (weekday > 5 || holidays.has(day)) continue;
      for (const s of present) {
        if (s.willing && s.readyDay <= day && !everyWeekday(s.mask)) this.tryAllocate(s, day, day);
      }
      this.programmeIntake(present, day, false);
    }

    // Today's allocations: a programme keeps its planned last day; early ends are not known yet.
    for (const s of present) {
      for (const live of s.live) {
        if (
          live.state.activity.kind === ActivityKind.PROGRAMME &&
          live.endDay !== null &&
          live.endReason === DeallocationReason.COMPLETED
        ) {
          live.row.endDate = isoOf(live.endDay);
        }
      }
    }
    return present;
  }

  private arrive(s: Stay, day: number): void {
    const { historyFrom, today } = this.ctx;
    // 0 a year ago, 1 today: the "then" factors fade out over the year.
    const then = (factor: number) => 1 + (factor - 1) * (1 - (day - historyFrom) / (today - historyFrom));
    const kind = this.halfwayHouse ? 'halfwayHouse' : s.remand ? 'remand' : s.level === SecurityLevel.LOW ? 'low' : 'high';
    s.willing = !this.sim.chance(Math.min(0.9, UNWILLING[kind] * this.prisonFactor * then(UNWILLING_THEN)));
    const [lo, hi] = s.remand
      ? DELAY.remand
      : this.ctx.transferredIn.has(`${s.prisoner.id}|${s.custody.fromDate}`)
        ? DELAY.transfer
        : DELAY.arrival;
    s.readyDay = s.from + Math.round(this.sim.int(lo, hi) * then(DELAY_THEN));
  }

  // School first (the split day), then a workshop for the half-days left, else another class.
  private tryAllocate(s: Stay, day: number, start: number): void {
    const hasKind = (kind: ActivityKind) => s.live.some((l) => l.state.activity.kind === kind);
    if (s.wantsSchool && !hasKind(ActivityKind.EDUCATION)) {
      const classes = this.activities.filter(
        (a) =>
          a.activity.kind === ActivityKind.EDUCATION &&
          (a.cells & s.mask) === 0 &&
          this.eligible(a, s, day) &&
          canTake(a, a.cells) &&
          this.apart(a, s),
      );
      if (classes.length > 0) {
        const chosen = this.sim.weighted(classes.map((a) => [a, freeIn(a, a.cells)] as const));
        this.allocate(s, chosen, chosen.cells, start, ...this.earlyEnd(start));
      }
    }
    if (everyWeekday(s.mask)) return;
    if (!hasKind(ActivityKind.WORK)) {
      const free = ~s.mask & 0x3ff;
      const amBusy = popcount(s.mask & AM_CELLS);
      const pmBusy = popcount(s.mask & PM_CELLS);
      const halves = amBusy < pmBusy || (amBusy === pmBusy && this.sim.chance(0.5)) ? [AM_CELLS, PM_CELLS] : [PM_CELLS, AM_CELLS];
      // A full day only where the workshop has places to spare: when places are short, two prisoners share one (the split day).
      const options = s.mask === 0 && s.prefersFullDay ? [0x3ff, ...halves] : halves.map((h) => h & free);
      for (const wanted of options) {
        const margin = wanted === 0x3ff ? FULL_DAY_MARGIN : 0;
        const workshops = this.activities.filter(
          (a) =>
            a.activity.kind === ActivityKind.WORK &&
            this.eligible(a, s, day) &&
            (a.cells & wanted) === wanted &&
            freeIn(a, wanted) > margin * a.activity.capacity &&
            this.apart(a, s),
        );
        if (workshops.length === 0) continue;
        const chosen = this.sim.weighted(workshops.map((a) => [a, freeIn(a, wanted)] as const));
        this.allocate(s, chosen, wanted, start, ...this.earlyEnd(start));
        return;
      }
    }
    // No workshop place: another class on the days still empty, if one fits.
    const missing = missingDays(s.mask);
    const classes = this.activities.filter(
      (a) =>
        a.activity.kind === ActivityKind.EDUCATION &&
        (a.cells & s.mask) === 0 &&
        (a.cells & missing) !== 0 &&
        this.eligible(a, s, day) &&
        canTake(a, a.cells) &&
        this.apart(a, s),
    );
    if (classes.length > 0) {
      const chosen = this.sim.pick(classes);
      this.allocate(s, chosen, chosen.cells, start, ...this.earlyEnd(start));
    }
  }

  // Convicted prisoners with the programme's half-days free join it through a referral, for the course.
  private programmeIntake(present: Stay[], day: number, backdate: boolean): void {
    for (const a of this.activities) {
      if (a.activity.kind !== ActivityKind.PROGRAMME || (!backdate && !this.sim.chance(PROGRAMME_INTAKE))) continue;
      let places = freeIn(a, a.cells);
      if (places <= 0) continue;
      const candidates = this.sim.shuffle(
        present.filter(
          (s) =>
            !s.remand &&
            s.willing &&
            s.readyDay <= day &&
            (a.cells & s.mask) === 0 &&
            !s.programmesDone.has(a.activity.id) &&
            this.eligible(a, s, day) &&
            this.apart(a, s),
        ),
      );
      const weeks = Math.ceil((PROGRAMME_SESSIONS[a.activity.category] ?? 12) / popcount(a.cells));
      for (const s of candidates) {
        if (places-- <= 0) break;
        const start = backdate ? Math.max(s.readyDay, a.startDay, day - this.sim.int(0, weeks * 7 - 7)) : day;
        const early = this.sim.chance(0.18);
        const endDay = early ? start + this.sim.int(7, weeks * 7 - 2) : start + weeks * 7 - 1;
        const reason = early ? this.sim.weighted(PROGRAMME_EARLY_END_REASONS) : DeallocationReason.COMPLETED;
        this.allocate(s, a, a.cells, start, endDay, reason);
        s.programmesDone.add(a.activity.id);
        const created = Math.max(s.from, start - this.sim.int(10, 45));
        this.ctx.referrals.push({
          id: this.ctx.ids.uuid(),
          prisonerId: s.prisoner.id,
          activityId: a.activity.id,
          requestedBy: this.sim.weighted(REFERRERS),
          status: ReferralStatus.ALLOCATED,
          note: '',
          decisionNote: null,
          decidedAt: timestampOn(Math.min(start, created + this.sim.int(1, 10)), 9),
          createdAt: timestampOn(created, 7),
        });
      }
    }
  }

  private allocate(
    s: Stay,
    a: ActivityState,
    mask: number,
    day: number,
    endDay: number | null,
    endReason: DeallocationReason | null,
  ): void {
    const start = Math.max(day, a.startDay);
    const programme = a.activity.kind === ActivityKind.PROGRAMME;
    const row: DemoAllocation = {
      id: this.ctx.ids.uuid(),
      prisonerId: s.prisoner.id,
      activityId: a.activity.id,
      prisonId: this.prisonId,
      startDate: isoOf(start),
      endDate: null,
      // Programmes: the chosen days of the course (all its sessions).
      ...(programme ? { pattern: AllocationPatternKind.CHOSEN, chosenSlots: chosenSlotsOf(mask) } : patternOf(a.cells, mask)),
      endedReason: null,
      endedNote: null,
      createdAt: timestampOn(Math.max(s.from, start - this.sim.int(0, 3))),
    };
    this.ctx.allocations.push(row);
    s.live.push({ row, state: a, mask, endDay: endDay !== null && endDay < start ? start + 10 : endDay, endReason });
    s.mask |= mask;
    for (const c of cellsOf(mask)) a.used[c]++;
    a.members.set(s.prisoner.id, (a.members.get(s.prisoner.id) ?? 0) + 1);
  }

  private end(s: Stay, live: Live, lastDay: number, reason: DeallocationReason): void {
    live.row.endDate = isoOf(lastDay);
    live.row.endedReason = reason;
    if (reason === DeallocationReason.OTHER) live.row.endedNote = 'Flyttet til annet tilbud etter samtale med kontaktbetjent';
    s.live.splice(s.live.indexOf(live), 1);
    s.mask &= ~live.mask;
    for (const c of cellsOf(live.mask)) live.state.used[c]--;
    const n = (live.state.members.get(s.prisoner.id) ?? 1) - 1;
    if (n === 0) live.state.members.delete(s.prisoner.id);
    else live.state.members.set(s.prisoner.id, n);
  }

  private earlyEnd(start: number): [number | null, DeallocationReason | null] {
    return this.sim.chance(EARLY_END) ? [start + this.sim.int(10, 150), this.sim.weighted(EARLY_END_REASONS)] : [null, null];
  }

  private eligible(a: ActivityState, s: Stay, day: number): boolean {
    const { securityLevels, minAge, maxAge } = a.activity;
    if (!securityLevels.includes(s.level) || day < a.startDay || (a.endDay !== null && day > a.endDay)) return false;
    if (minAge === null && maxAge === null) return true;
    const age = ageOnDay(s.birth, day);
    return (minAge === null || age >= minAge) && (maxAge === null || age <= maxAge);
  }

  private apart(a: ActivityState, s: Stay): boolean {
    return (this.ctx.partners.get(s.prisoner.id) ?? []).every((p) => !a.members.has(p));
  }
}

const canTake = (a: ActivityState, mask: number) => cellsOf(mask).every((c) => a.used[c] < a.activity.capacity);
const freeIn = (a: ActivityState, mask: number) => Math.min(...cellsOf(mask).map((c) => a.activity.capacity - a.used[c]));

/** Today's waiting lists: pending and approved referrals (and a few declined) for each programme. */
function waitingList(ids: Random, rng: Random, activities: ActivityState[], present: Stay[], today: number): DemoReferral[] {
  const out: DemoReferral[] = [];
  for (const a of activities) {
    if (a.activity.kind !== ActivityKind.PROGRAMME) continue;
    const candidates = rng.shuffle(
      present.filter(
        (s) => !s.remand && a.activity.securityLevels.includes(s.level) && !s.live.some((l) => l.state === a) && s.from < today - 3,
      ),
    );
    const wanted = Math.round(a.activity.capacity * rng.real(0.4, 1.4));
    for (const s of candidates.slice(0, wanted)) {
      const status = rng.weighted([
        [ReferralStatus.PENDING, 5],
        [ReferralStatus.APPROVED, 4],
        [ReferralStatus.DECLINED, 1],
      ] as const);
      const created = Math.max(s.from, today - rng.int(1, 40));
      const decided = status === ReferralStatus.PENDING ? null : Math.min(today, created + rng.int(1, 10));
      out.push({
        id: ids.uuid(),
        prisonerId: s.prisoner.id,
        activityId: a.activity.id,
        requestedBy: rng.weighted(REFERRERS),
        status,
        note: rng.pick(['', '', 'Ønsker å delta', 'Anbefalt av kontaktbetjent', 'Del av fremtidsplan før løslatelse']),
        decisionNote: status === ReferralStatus.DECLINED ? 'Ikke aktuelt nå; vurderes på nytt om tre måneder' : null,
        decidedAt: decided === null ? null : timestampOn(decided, 9),
        createdAt: timestampOn(created, 7),
      });
    }
  }
  return out;
}

function patternOf(activityCells: number, mask: number): Pick<DemoAllocation, 'pattern' | 'chosenSlots'> {
  if (mask === activityCells) return { pattern: AllocationPatternKind.ALL, chosenSlots: null };
  if (mask === (activityCells & AM_CELLS)) return { pattern: AllocationPatternKind.AM_ONLY, chosenSlots: null };
  if (mask === (activityCells & PM_CELLS)) return { pattern: AllocationPatternKind.PM_ONLY, chosenSlots: null };
  return { pattern: AllocationPatternKind.CHOSEN, chosenSlots: chosenSlotsOf(mask) };
}

function chosenSlotsOf(mask: number): DemoChosenSlot[] {
  return cellsOf(mask).map((c) => ({ weekday: (c >> 1) + 1, period: c & 1 ? DayPeriod.PM : DayPeriod.AM }));
}

/** Each activity's weekly slots as a mask of half-day cells. */
export function cellsByActivity(data: Pick<DemoData, 'activitySlots'>): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of data.activitySlots) out.set(s.activityId, (out.get(s.activityId) ?? 0) | (1 << cellOf(s.weekday, s.period)));
  return out;
}

function holidayDays(fromDay: number, toDay: number): Set<number> {
  const out = new Set<number>();
  for (let year = Number(isoOf(fromDay).slice(0, 4)); year <= Number(isoOf(toDay).slice(0, 4)); year++) {
    for (const h of norwegianPublicHolidays(year)) out.add(dayOf(h.date));
  }
  return out;
}

// ─── Measures, for tests and the docs ───

export interface PlannedShare {
  prisonId: string;
  code: string;
  prisonerDays: number;
  plannedDays: number;
  share: number;
}

/**
 * The share of prisoner-days (weekdays that are not public holidays, held at the prison) with an
 * allocation covering the weekday, for each prison and nationally (sum over sum), between two
 * dates (inclusive). Sessions that are cancelled still count: this is the plan, not the outcome.
 */
export function plannedShare(data: DemoData, plan: DemoPlan, from: string, to: string): { national: number; prisons: PlannedShare[] } {
  const fromDay = dayOf(from);
  const toDay = dayOf(to);
  const holidays = holidayDays(fromDay, toDay);
  const slotCells = cellsByActivity(data);
  const byPrisoner = new Map<string, DemoAllocation[]>();
  for (const a of plan.allocations) byPrisoner.set(a.prisonerId, [...(byPrisoner.get(a.prisonerId) ?? []), a]);
  const totals = new Map<string, { days: number; planned: number }>(data.prisons.map((p) => [p.id, { days: 0, planned: 0 }]));
  for (const c of data.custodyPeriods) {
    const start = Math.max(fromDay, dayOf(c.fromDate));
    const end = Math.min(toDay, c.toDate === null ? toDay : dayOf(c.toDate) - 1);
    const mine = (byPrisoner.get(c.prisonerId) ?? []).filter((a) => a.prisonId === c.prisonId);
    const t = totals.get(c.prisonId) as { days: number; planned: number };
    for (let day = start; day <= end; day++) {
      const weekday = weekdayOf(day);
      if (weekday > 5 || holidays.has(day)) continue;
      t.days++;
      const iso = isoOf(day);
      const dayCells = 3 << (2 * (weekday - 1));
      if (mine.some((a) => a.startDate <= iso && (a.endDate === null || a.endDate >= iso) && (maskOf(a, slotCells) & dayCells) !== 0))
        t.planned++;
    }
  }
  const prisons = data.prisons.map((p) => {
    const t = totals.get(p.id) as { days: number; planned: number };
    return { prisonId: p.id, code: p.code, prisonerDays: t.days, plannedDays: t.planned, share: t.days === 0 ? 0 : t.planned / t.days };
  });
  const days = prisons.reduce((s, p) => s + p.prisonerDays, 0);
  return { national: days === 0 ? 0 : prisons.reduce((s, p) => s + p.plannedDays, 0) / days, prisons };
}

/** The half-day cells an allocation covers (its pattern over its activity's slots). */
export function maskOf(a: Pick<DemoAllocation, 'activityId' | 'pattern' | 'chosenSlots'>, slotCells: Map<string, number>): number {
  const cells = slotCells.get(a.activityId) ?? 0;
  switch (a.pattern) {
    case AllocationPatternKind.ALL:
      return cells;
    case AllocationPatternKind.AM_ONLY:
      return cells & AM_CELLS;
    case AllocationPatternKind.PM_ONLY:
      return cells & PM_CELLS;
    default:
      return (a.chosenSlots ?? []).reduce((m, s) => m | (1 << cellOf(s.weekday, s.period)), 0) & cells;
  }
}
