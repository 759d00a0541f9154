import { ActivityKind } from '../../src/activities/activity.enums';
import { AllocationPatternKind, DeallocationReason } from '../../src/allocations/allocation.enums';
import { addDays } from '../../src/calendar/domain/oslo-time';
import { CustodyEndReason } from '../../src/prisoners/prisoner.enums';
import { ReferralStatus } from '../../src/referrals/referral.enums';
import { ageOnDay, dayOf, isoOf } from './day-numbers';
import { DemoCustodyPeriod, DemoData, generateDemoData } from './generate-demo-data';
import { cellsByActivity, DEMO_HISTORY_DAYS, DemoAllocation, DemoPlan, generateDemoPlan, maskOf, plannedShare } from './generate-demo-plan';

const TODAY = '2026-11-23'; // a Monday

/** Intervals [from, to] (inclusive ISO dates; null = open) overlap. */
const overlaps = (a: DemoAllocation, b: DemoAllocation) => a.startDate <= (b.endDate ?? '9999') && b.startDate <= (a.endDate ?? '9999');

describe('generateDemoPlan', () => {
  let data: DemoData;
  let plan: DemoPlan;
  const slotCells = () => cellsByActivity(data);

  beforeAll(() => {
    data = generateDemoData({ today: TODAY });
    plan = generateDemoPlan(data);
  });

  it('is deterministic for a seed and differs for another', () => {
    expect(JSON.stringify(generateDemoPlan(data))).toBe(JSON.stringify(plan));
    const other = generateDemoPlan(data, { seed: 42 });
    expect(other.allocations.slice(0, 50)).not.toEqual(plan.allocations.slice(0, 50));
  });

  it('covers the last 52 weeks, with current allocations for most prisoners and ended ones for those who left', () => {
    expect(plan.historyFrom).toBe(addDays(TODAY, -DEMO_HISTORY_DAYS));
    const current = plan.allocations.filter((a) => a.endDate === null || a.endDate >= TODAY);
    const held = data.custodyPeriods.filter((c) => c.toDate === null);
    expect(current.length).toBeGreaterThan(held.length);
    expect(current.every((a) => a.startDate <= TODAY)).toBe(true);
    const reasons = new Set(plan.allocations.map((a) => a.endedReason));
    for (const r of [
      DeallocationReason.RELEASED,
      DeallocationReason.TRANSFERRED,
      DeallocationReason.COMPLETED,
      DeallocationReason.WITHDRAWN_BY_PRISONER,
    ]) {
      expect(reasons).toContain(r);
    }
    // A future end date is only a programme's planned last day, without a reason yet.
    for (const a of plan.allocations.filter((x) => x.endDate !== null && x.endDate >= TODAY)) expect(a.endedReason).toBeNull();
    for (const a of plan.allocations) if (a.endedReason !== null) expect(a.endDate).not.toBeNull();
  });

  it('uses every pattern: full days, split days, school and programme days', () => {
    const current = plan.allocations.filter((a) => a.endDate === null || a.endDate >= TODAY);
    const kinds = new Map(data.activities.map((a) => [a.id, a.kind]));
    const patterns = (kind: ActivityKind) => new Set(current.filter((a) => kinds.get(a.activityId) === kind).map((a) => a.pattern));
    expect(patterns(ActivityKind.WORK)).toEqual(
      new Set([AllocationPatternKind.ALL, AllocationPatternKind.AM_ONLY, AllocationPatternKind.PM_ONLY, AllocationPatternKind.CHOSEN]),
    );
    expect(patterns(ActivityKind.PROGRAMME)).toEqual(new Set([AllocationPatternKind.CHOSEN]));
    // Split working days: a workshop half-day and school the same week.
    const byPrisoner = groupBy(current, (a) => a.prisonerId);
    const split = [...byPrisoner.values()].filter(
      (list) =>
        list.some((a) => kinds.get(a.activityId) === ActivityKind.EDUCATION) &&
        list.some((a) => kinds.get(a.activityId) === ActivityKind.WORK && a.pattern !== AllocationPatternKind.ALL),
    );
    expect(split.length).toBeGreaterThan(300);
    for (const a of current.filter((x) => x.pattern === AllocationPatternKind.CHOSEN)) expect(a.chosenSlots?.length).toBeGreaterThan(0);
  });

  it('never exceeds an activity’s capacity on any half-day of any day', () => {
    const cells = slotCells();
    const capacity = new Map(data.activities.map((a) => [a.id, a.capacity]));
    const over: string[] = [];
    for (const [activityId, list] of groupBy(plan.allocations, (a) => a.activityId)) {
      const masks = list.map((a) => maskOf(a, cells));
      for (let cell = 0; cell < 10; cell++) {
        const most = maxOverlap(
          list.filter((_, i) => masks[i] & (1 << cell)),
          plan.historyFrom,
        );
        if (most > (capacity.get(activityId) as number)) over.push(`${activityId} cell ${cell}: ${most}`);
      }
    }
    expect(over).toEqual([]);
  });

  it('gives a prisoner one activity per half-day at a time, within custody at the activity’s prison', () => {
    const cells = slotCells();
    const custody = groupBy(data.custodyPeriods, (c) => c.prisonerId);
    const problems: string[] = [];
    for (const [prisonerId, list] of groupBy(plan.allocations, (a) => a.prisonerId)) {
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          if (overlaps(list[i], list[j]) && (maskOf(list[i], cells) & maskOf(list[j], cells)) !== 0)
            problems.push(`${prisonerId}: two at once`);
        }
      }
      for (const a of list) {
        const stay = stayAt(custody.get(prisonerId) ?? [], a);
        if (!stay) problems.push(`${a.id}: not in custody at the prison on ${a.startDate}`);
        if (!stay?.toDate) continue;
        // Held up to the day before release or transfer: the allocation ends by then, for that reason if not before.
        if (a.endDate === null || a.endDate >= stay.toDate) problems.push(`${a.id}: ends ${a.endDate}, left ${stay.toDate}`);
        if (a.endedReason === DeallocationReason.RELEASED || a.endedReason === DeallocationReason.TRANSFERRED) {
          const reason = stay.endReason === CustodyEndReason.TRANSFERRED ? DeallocationReason.TRANSFERRED : DeallocationReason.RELEASED;
          if (a.endDate !== isoOf(dayOf(stay.toDate) - 1) || a.endedReason !== reason)
            problems.push(`${a.id}: ${a.endedReason} on ${a.endDate}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('respects the security level of the prisoner’s unit and the age limits', () => {
    const activity = new Map(data.activities.map((a) => [a.id, a]));
    const unitLevel = new Map(data.units.map((u) => [u.id, u.securityLevel]));
    const birth = new Map(data.prisoners.map((p) => [p.id, dayOf(p.dateOfBirth)]));
    const custody = groupBy(data.custodyPeriods, (c) => c.prisonerId);
    const problems: string[] = [];
    let youth = 0;
    for (const a of plan.allocations) {
      const act = activity.get(a.activityId)!;
      const stay = stayAt(custody.get(a.prisonerId) ?? [], a)!;
      if (act.prisonId !== a.prisonId || !act.securityLevels.includes(unitLevel.get(stay.unitId)!)) problems.push(`${a.id}: security`);
      const age = ageOnDay(birth.get(a.prisonerId)!, dayOf(a.startDate));
      if (act.maxAge !== null) youth++;
      if ((act.maxAge !== null && age > act.maxAge) || (act.minAge !== null && age < act.minAge)) problems.push(`${a.id}: aged ${age}`);
    }
    expect(problems).toEqual([]);
    expect(youth).toBeGreaterThan(0);
  });

  it('has an allocated referral behind every programme place, and a waiting list', () => {
    const programmes = new Set(data.activities.filter((a) => a.requiresReferral).map((a) => a.id));
    const allocated = new Set(
      plan.referrals.filter((r) => r.status === ReferralStatus.ALLOCATED).map((r) => `${r.prisonerId}|${r.activityId}`),
    );
    const programmeAllocations = plan.allocations.filter((a) => programmes.has(a.activityId));
    expect(programmeAllocations.length).toBeGreaterThan(500);
    expect(programmeAllocations.filter((a) => !allocated.has(`${a.prisonerId}|${a.activityId}`))).toEqual([]);
    const open = plan.referrals.filter((r) => r.status === ReferralStatus.PENDING || r.status === ReferralStatus.APPROVED);
    expect(open.filter((r) => r.status === ReferralStatus.PENDING).length).toBeGreaterThan(100);
    expect(new Set(open.map((r) => `${r.prisonerId}|${r.activityId}`)).size).toBe(open.length);
    expect(
      plan.referrals.filter(
        (r) => (r.decidedAt === null) !== (r.status === ReferralStatus.PENDING) || (r.decidedAt !== null && r.decidedAt < r.createdAt),
      ),
    ).toEqual([]);
  });

  it('keeps about one non-associated pair per 40 prisoners apart', () => {
    const held = data.custodyPeriods.filter((c) => c.toDate === null).length;
    expect(plan.nonAssociations.length).toBeGreaterThan(held / 60);
    expect(plan.nonAssociations.length).toBeLessThan(held / 25);
    const byPrisoner = groupBy(plan.allocations, (a) => a.prisonerId);
    const together = plan.nonAssociations.filter(
      (n) =>
        n.prisonerAId >= n.prisonerBId ||
        (byPrisoner.get(n.prisonerAId) ?? []).some((a) =>
          (byPrisoner.get(n.prisonerBId) ?? []).some((b) => a.activityId === b.activityId && overlaps(a, b)),
        ),
    );
    expect(together).toEqual([]);
  });

  it('has unavailability that fits the schema rules, for prisoners in custody', () => {
    expect(plan.unavailability.length).toBeGreaterThan(1000);
    const custody = groupBy(data.custodyPeriods, (c) => c.prisonerId);
    const problems = plan.unavailability.filter(
      (u) =>
        u.toDate < u.fromDate ||
        (u.period !== null && u.startTime !== null) ||
        (u.startTime === null) !== (u.endTime === null) ||
        (u.startTime !== null && u.endTime !== null && u.startTime >= u.endTime) ||
        !(custody.get(u.prisonerId) ?? []).some((c) => c.fromDate <= u.fromDate && (c.toDate === null || u.toDate < c.toDate)),
    );
    expect(problems).toEqual([]);
    const kinds = new Set(plan.unavailability.filter((u) => u.fromDate >= TODAY).map((u) => u.kind));
    for (const k of ['COURT', 'VISIT', 'HEALTH_APPOINTMENT']) expect(kinds).toContain(k);
  });

  it('plans activity for 85–90% of this week’s prisoner-days, less in some prisons, and leaves some with nothing', () => {
    const week = plannedShare(data, plan, TODAY, addDays(TODAY, 4));
    expect(week.national).toBeGreaterThanOrEqual(0.84);
    expect(week.national).toBeLessThanOrEqual(0.9);
    const shares = week.prisons.filter((p) => p.prisonerDays >= 50).map((p) => p.share);
    expect(Math.min(...shares)).toBeLessThan(0.78);
    expect(Math.max(...shares) - Math.min(...shares)).toBeGreaterThan(0.15);
    expect(week.national).toBeLessThan(1);
    // Rising: a year ago the plan covered less.
    const then = plannedShare(data, plan, plan.historyFrom, addDays(plan.historyFrom, 27));
    expect(then.national).toBeLessThan(week.national - 0.03);
  });
});

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}

/** The custody period at the allocation's prison that contains its start. */
function stayAt(periods: readonly DemoCustodyPeriod[], a: DemoAllocation): DemoCustodyPeriod | undefined {
  return periods.find((c) => c.prisonId === a.prisonId && c.fromDate <= a.startDate && (c.toDate === null || a.startDate < c.toDate));
}

/** The most allocations live on one day, from `from` on (a sweep over start and end days). */
function maxOverlap(list: readonly DemoAllocation[], from: string): number {
  const first = dayOf(from);
  const events: [number, number][] = [];
  for (const a of list) {
    if (a.endDate !== null && a.endDate < from) continue;
    events.push([Math.max(first, dayOf(a.startDate)), 1]);
    if (a.endDate !== null) events.push([dayOf(a.endDate) + 1, -1]);
  }
  events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let live = 0;
  let max = 0;
  for (const [, delta] of events) {
    live += delta;
    max = Math.max(max, live);
  }
  return max;
}
