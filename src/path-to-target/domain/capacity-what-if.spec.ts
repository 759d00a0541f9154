import { planWeek, upperBound, validatePlan } from '../../planning/engine';
import type { HalfDayPeriod, PlanningInput, PlanningPrisoner, PlanningSession } from '../../planning/engine';
import { mulberry32, randInt } from '../../planning/engine/prng';
import { applyOfferChanges, buildRelaxation, capacityWhatIf, relaxedFlow, WhatIfActivity } from './capacity-what-if';
import { targetDays } from './gap';

const WEEK = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'];

function prisoners(n: number, eligible: (i: number) => string[], days = WEEK): PlanningPrisoner[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `p${String(i).padStart(2, '0')}`,
    custodyDays: days,
    eligibleActivityIds: eligible(i),
  }));
}

function sessions(activityId: string, period: HalfDayPeriod, capacity: number, days = WEEK): PlanningSession[] {
  return days.map((date) => ({ id: `${activityId}-${date}-${period}`, activityId, date, period, capacity }));
}

/** Plans the changed week and checks it keeps every hard rule: the confirmed ceiling. */
function confirm(input: PlanningInput): number {
  const r = planWeek(input, { timeLimitMs: 5_000 });
  expect(validatePlan(input, r.assignments)).toEqual([]);
  return r.metrics.activeDays;
}

describe('capacity what-if: hand-computed weeks', () => {
  // 10 prisoners, 5 counted days = 50 prisoner-days; the only workshop runs mornings with 6 places.
  const workshopWeek: PlanningInput = { days: WEEK, sessions: sessions('wood', 'AM', 6), prisoners: prisoners(10, () => ['wood']) };

  it('the ceiling is 6 places × 5 mornings = 30 of 50 days (60 %); an afternoon session of 3 places every day lifts it to 45 (90 %), one afternoon to 33 (66 %)', () => {
    expect(upperBound(workshopWeek).activeDays).toBe(30);
    expect(confirm(workshopWeek)).toBe(30);
    const everyAfternoon = { ...workshopWeek, sessions: [...workshopWeek.sessions, ...sessions('wood', 'PM', 3)] };
    expect(upperBound(everyAfternoon).activeDays).toBe(45);
    expect(confirm(everyAfternoon)).toBe(45);
    const oneAfternoon = { ...workshopWeek, sessions: [...workshopWeek.sessions, ...sessions('wood', 'PM', 3, [WEEK[1]])] };
    expect(confirm(oneAfternoon)).toBe(33);
  });

  it('no room to grow (max = current): 15 places on afternoons without a session, 45 days, confirmed by the planner', () => {
    const activities: WhatIfActivity[] = [{ id: 'wood', kind: 'WORK', capacity: 6, maxCapacity: null }];
    const r = capacityWhatIf(workshopWeek, { targetDays: targetDays(50, 0.9), activities });
    expect(r).toMatchObject({
      prisonerDays: 50,
      targetDays: 45,
      baseCeiling: 30,
      predictedCeiling: 45,
      reachesTarget: true,
      placesAdded: 15,
    });
    expect(r.changes.every((c) => c.kind === 'OPEN_SLOT' && c.period === 'PM' && c.places <= 6)).toBe(true);
    // Each added place is used by exactly one more active day: 1 day per place, and the marginal values add up.
    expect(r.changes.every((c) => c.daysPerPlace === 1)).toBe(true);
    expect(r.changes.reduce((s, c) => s + c.marginalDays, 0)).toBe(15);
    expect(confirm(applyOfferChanges(workshopWeek, r.changes))).toBe(45);
  });

  it('with room for 9 in the workshop, 3 more places each morning (cheaper than opening afternoons)', () => {
    const activities: WhatIfActivity[] = [{ id: 'wood', kind: 'WORK', capacity: 6, maxCapacity: 9 }];
    const r = capacityWhatIf(workshopWeek, { targetDays: 45, activities });
    expect(r.placesAdded).toBe(15);
    expect(r.changes.map((c) => [c.kind, c.date, c.period, c.places])).toEqual(WEEK.map((d) => ['ADD_PLACES', d, 'AM', 3]));
    expect(r.changes[0].sessions).toEqual([{ sessionId: `wood-${WEEK[0]}-AM`, places: 3 }]);
    expect(confirm(applyOfferChanges(workshopWeek, r.changes))).toBe(45);
  });

  it('places do not help when the prisoners left without activity may not attend (eligibility: a high-security unit)', () => {
    // 6 prisoners may attend the workshop, 4 may attend nothing offered: 30 days is all anyone can reach.
    const input: PlanningInput = {
      days: WEEK,
      sessions: sessions('wood', 'AM', 6),
      prisoners: prisoners(10, (i) => (i < 6 ? ['wood'] : [])),
    };
    const r = capacityWhatIf(input, { targetDays: 45, activities: [{ id: 'wood', kind: 'WORK', capacity: 6, maxCapacity: 12 }] });
    expect(r).toMatchObject({
      baseCeiling: 30,
      predictedCeiling: 30,
      reachableCeiling: 30,
      reachesTarget: false,
      placesAdded: 0,
      changes: [],
    });
  });

  it('unavailable half-days are respected: afternoon places help only those free in the afternoon', () => {
    const base = prisoners(10, () => ['wood']);
    const awayAfternoons = (n: number): PlanningInput => ({
      days: WEEK,
      sessions: sessions('wood', 'AM', 6),
      prisoners: base.map((p, i) => (i < n ? { ...p, unavailable: WEEK.map((date) => ({ date, period: 'PM' as const })) } : p)),
    });
    const activities: WhatIfActivity[] = [{ id: 'wood', kind: 'WORK', capacity: 6, maxCapacity: null }];
    // Everyone away every afternoon: no afternoon session can help.
    const none = capacityWhatIf(awayAfternoons(10), { targetDays: 45, activities });
    expect(none).toMatchObject({ predictedCeiling: 30, reachableCeiling: 30, placesAdded: 0, changes: [] });
    // 7 away: they need the 6 morning places (one of them stays without), the 3 others go to the afternoons: 6 + 3 per day.
    const seven = capacityWhatIf(awayAfternoons(7), { targetDays: 45, activities });
    expect(seven).toMatchObject({ predictedCeiling: 45, reachableCeiling: 45, reachesTarget: true, placesAdded: 15 });
    expect(confirm(applyOfferChanges(awayAfternoons(7), seven.changes))).toBe(45);
    const eight = capacityWhatIf(awayAfternoons(8), { targetDays: 45, activities });
    expect(eight).toMatchObject({ predictedCeiling: 40, reachesTarget: false, placesAdded: 10 });
  });

  it('split day: an AM-only workshop and an AM-only class, each opened in the afternoon, serve different prisoners', () => {
    // 6 prisoners, 4 morning places (2 workshop + 2 class): 20 of 30 days. Target 27 needs 7 afternoon places.
    const input: PlanningInput = {
      days: WEEK,
      sessions: [...sessions('wood', 'AM', 2), ...sessions('school', 'AM', 2)],
      prisoners: prisoners(6, () => ['school', 'wood']),
    };
    const activities: WhatIfActivity[] = [
      { id: 'wood', kind: 'WORK', capacity: 2, maxCapacity: null },
      { id: 'school', kind: 'EDUCATION', capacity: 2, maxCapacity: null },
    ];
    const r = capacityWhatIf(input, { targetDays: targetDays(30, 0.9), activities });
    expect(r).toMatchObject({ baseCeiling: 20, predictedCeiling: 27, placesAdded: 7 });
    const changed = applyOfferChanges(input, r.changes);
    const plan = planWeek(changed);
    expect(plan.metrics.activeDays).toBe(27);
    // Morning and afternoon places go to different prisoners: no full day while someone has none.
    expect(plan.metrics.fullDays).toBe(0);
  });

  it('closed programme groups take nobody else: their sessions are not candidates, their members count as active', () => {
    const input: PlanningInput = {
      days: WEEK,
      sessions: [...sessions('prog', 'AM', 2), ...sessions('wood', 'PM', 1)],
      prisoners: prisoners(3, () => ['prog', 'wood']),
      closedGroups: [{ activityId: 'prog', memberIds: ['p00'] }],
    };
    const r = capacityWhatIf(input, {
      targetDays: 15,
      activities: [
        { id: 'prog', kind: 'PROGRAMME', capacity: 2, maxCapacity: 8 },
        { id: 'wood', kind: 'WORK', capacity: 1, maxCapacity: 2 },
      ],
    });
    expect(r.fixedDays).toBe(5);
    expect(r.baseCeiling).toBe(upperBound(input).activeDays);
    expect(r.changes.every((c) => c.activityId === 'wood')).toBe(true);
    expect(r.predictedCeiling).toBe(15);
    expect(confirm(applyOfferChanges(input, r.changes))).toBe(15);
  });
});

/** Tiny random weeks: 2 days, ≤ 5 prisoners, ≤ 3 activities with random sessions, eligibility and unavailability. */
function tinyWeek(seed: number): { input: PlanningInput; activities: WhatIfActivity[] } {
  const rng = mulberry32(seed);
  const days = WEEK.slice(0, 2);
  const A = randInt(rng, 1, 3);
  const activities: WhatIfActivity[] = Array.from({ length: A }, (_, a) => {
    const capacity = randInt(rng, 1, 2);
    return { id: `a${a}`, kind: 'WORK', capacity, maxCapacity: rng() < 0.5 ? null : capacity + randInt(rng, 0, 2) };
  });
  const sess: PlanningSession[] = [];
  for (const a of activities)
    for (const date of days)
      for (const period of ['AM', 'PM'] as const)
        if (rng() < 0.45)
          sess.push({
            id: `${a.id}-${date}-${period}`,
            activityId: a.id,
            date,
            period,
            capacity: randInt(rng, 0, a.capacity),
            cancelled: rng() < 0.1,
          });
  if (sess.length === 0) sess.push({ id: `a0-${days[0]}-AM`, activityId: 'a0', date: days[0], period: 'AM', capacity: 1 });
  const P = randInt(rng, 1, 5);
  const ps: PlanningPrisoner[] = Array.from({ length: P }, (_, i) => ({
    id: `p${i}`,
    custodyDays: days.filter(() => rng() < 0.85),
    unavailable: days.flatMap((date) => (['AM', 'PM'] as const).filter(() => rng() < 0.2).map((period) => ({ date, period }))),
    eligibleActivityIds: activities.filter(() => rng() < 0.7).map((a) => a.id),
  }));
  return { input: { days, sessions: sess, prisoners: ps }, activities };
}

describe('capacity what-if: property test on tiny random weeks', () => {
  it('the relaxation is the planner bound; the planner reaches the predicted ceiling on the changed week; no smaller set of places reaches it', () => {
    let withChanges = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const { input, activities } = tinyWeek(seed);
      const pd = input.prisoners.reduce((s, p) => s + p.custodyDays.length, 0);
      const r = capacityWhatIf(input, { targetDays: targetDays(pd, 0.9), activities });
      expect(r.baseCeiling).toBe(upperBound(input).activeDays);
      const changed = applyOfferChanges(input, r.changes);
      const bound = upperBound(changed).activeDays;
      expect(bound).toBeGreaterThanOrEqual(r.predictedCeiling);
      expect(confirm(changed)).toBeGreaterThanOrEqual(r.predictedCeiling);
      if (r.changes.length > 0) withChanges++;

      // Brute force: every way of adding places to the candidates, checked with the planner's own bound.
      const rel = buildRelaxation(input, activities);
      const cands = rel.nodes.map((n, i) => [i, n.growth] as const).filter(([, g]) => g > 0);
      // The brute force's flows are capped at the target, like the min-cost flow's.
      const goal = Math.min(r.predictedCeiling, r.targetDays);
      let best = Number.POSITIVE_INFINITY;
      let bestReach = 0;
      const added = new Map<number, number>();
      const walk = (k: number, total: number) => {
        if (total >= best && total > r.placesAdded) return;
        if (k === cands.length) {
          const reach = rel.fixedDays + relaxedFlow(rel, added, Math.max(0, r.targetDays - rel.fixedDays));
          bestReach = Math.max(bestReach, reach);
          if (reach >= goal) best = Math.min(best, total);
          return;
        }
        const [i, g] = cands[k];
        for (let x = 0; x <= g; x++) {
          if (x > 0) added.set(i, x);
          else added.delete(i);
          walk(k + 1, total + x);
        }
        added.delete(i);
      };
      if (cands.reduce((s, [, g]) => s * (g + 1), 1) <= 20_000) {
        walk(0, 0);
        expect(bestReach).toBe(goal); // nothing reaches closer to the target
        expect(r.reachableCeiling).toBe(Math.max(r.baseCeiling, goal));
        expect(best).toBe(r.placesAdded); // and nothing reaches it with fewer places
      }
    }
    expect(withChanges).toBeGreaterThan(20);
  });
});
