/**
 * The engine, its upper bound and the greedy baseline against an exhaustive search on tiny random
 * weeks. The search is written directly against the input (it shares no code with the engine): it
 * enumerates every plan that keeps the hard rules and keeps the lexicographically best one by the
 * objective order (active days, prisoners without activity, priority score, changes from the
 * current allocations, full days).
 */
import { greedyPlan, planWeek, planWeekExact, validatePlan } from './index';
import { mulberry32, Rng } from './prng';
import { Allocation, HalfDayPeriod, PlanMetrics, PlanningInput, PlanningPrisoner, PlanningSession, PriorityClaim } from './types';

const DAYS = ['2025-03-03', '2025-03-04'];
const PERIODS: HalfDayPeriod[] = ['AM', 'PM'];

type Objectives = [number, number, number, number, number];

/** Same direction for all five: larger is better. */
function objectives(
  m: Pick<PlanMetrics, 'activeDays' | 'prisonersWithoutActivity' | 'priorityScore' | 'changesFromCurrent' | 'fullDays'>,
): Objectives {
  return [m.activeDays, -m.prisonersWithoutActivity, Math.round(m.priorityScore * 1e6), -m.changesFromCurrent, m.fullDays];
}

function compare(a: Objectives, b: Objectives): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

interface Exhaustive {
  /** Best objectives over all feasible plans, or null when the fixed assignments cannot all be kept. */
  best: Objectives | null;
  plans: number;
}

/** Enumerates every feasible plan (one slot per prisoner and half-day: nothing or one session). */
function exhaustive(input: PlanningInput): Exhaustive {
  const prisoners = input.prisoners;
  const running = (s: PlanningSession) => !s.cancelled && s.staffPresent !== false && input.days.includes(s.date);
  const closed = new Map((input.closedGroups ?? []).map((g) => [g.activityId, new Set(g.memberIds)]));
  const enemies = new Set((input.nonAssociations ?? []).flatMap(([a, b]) => [`${a}|${b}`, `${b}|${a}`]));
  const locks = new Set((input.locks ?? []).map((l) => `${l.prisonerId}|${l.sessionId}`));
  const free = (p: PlanningPrisoner, date: string, period: HalfDayPeriod) =>
    p.custodyDays.includes(date) && !(p.unavailable ?? []).some((u) => u.date === date && u.period === period);

  const allowed = (pr: PlanningPrisoner, s: PlanningSession) => {
    const members = closed.get(s.activityId);
    return members ? members.has(pr.id) : pr.eligibleActivityIds.includes(s.activityId);
  };
  // A lock that breaks a hard rule by itself cannot be kept: no feasible plan.
  for (const l of input.locks ?? []) {
    const s = input.sessions.find((x) => x.id === l.sessionId);
    const pr = prisoners.find((x) => x.id === l.prisonerId);
    if (!s || !pr || !running(s) || !free(pr, s.date, s.period) || !allowed(pr, s)) return { best: null, plans: 0 };
  }
  // Slots and their options; a forced slot (lock or closed-group membership) has one option.
  const slots: Array<{ p: number; date: string; period: HalfDayPeriod; options: Array<PlanningSession | null> }> = [];
  for (let p = 0; p < prisoners.length; p++) {
    const pr = prisoners[p];
    for (const date of input.days) {
      for (const period of PERIODS) {
        const here = input.sessions.filter((s) => s.date === date && s.period === period && running(s));
        const forced = here.filter(
          (s) => locks.has(`${pr.id}|${s.id}`) || (free(pr, date, period) && closed.get(s.activityId)?.has(pr.id)),
        );
        if (forced.length > 1) return { best: null, plans: 0 };
        if (forced.length === 1) {
          if (!free(pr, date, period)) return { best: null, plans: 0 };
          slots.push({ p, date, period, options: forced });
          continue;
        }
        const options: Array<PlanningSession | null> = [null];
        if (free(pr, date, period)) {
          for (const s of here) if (allowed(pr, s)) options.push(s);
        }
        slots.push({ p, date, period, options });
      }
    }
  }

  const occupants = new Map<string, number[]>(input.sessions.map((s) => [s.id, []]));
  const chosen: Array<PlanningSession | null> = new Array(slots.length).fill(null);
  let best: Objectives | null = null;
  let plans = 0;

  const score = (): Objectives => {
    const halves = new Map<string, number>();
    const byPrisoner = new Map<number, PlanningSession[]>();
    slots.forEach((slot, i) => {
      const s = chosen[i];
      if (!s) return;
      const k = `${slot.p}|${slot.date}`;
      halves.set(k, (halves.get(k) ?? 0) + 1);
      byPrisoner.set(slot.p, [...(byPrisoner.get(slot.p) ?? []), s]);
    });
    const activeDays = halves.size;
    const fullDays = Array.from(halves.values()).filter((h) => h === 2).length;
    let without = 0;
    prisoners.forEach((pr, p) => {
      if (pr.custodyDays.some((d) => input.days.includes(d)) && !byPrisoner.has(p)) without++;
    });
    let priorityScore = 0;
    for (const c of input.priorities ?? []) {
      const p = prisoners.findIndex((x) => x.id === c.prisonerId);
      const sessions = byPrisoner.get(p) ?? [];
      const units = c.activityIds
        ? sessions.filter((s) => c.activityIds!.includes(s.activityId)).length
        : new Set(sessions.map((s) => s.date)).size;
      priorityScore += units * (c.weight ?? 1);
    }
    let changes = 0;
    for (const [pid, list] of Object.entries(input.currentAllocations ?? {})) {
      const p = prisoners.findIndex((x) => x.id === pid);
      for (const sid of new Set(list)) {
        const s = input.sessions.find((x) => x.id === sid);
        if (!s || !input.days.includes(s.date)) continue;
        if (!(byPrisoner.get(p) ?? []).some((x) => x.id === sid)) changes++;
      }
    }
    return objectives({ activeDays, prisonersWithoutActivity: without, priorityScore, changesFromCurrent: changes, fullDays });
  };

  const dfs = (i: number): void => {
    if (i === slots.length) {
      plans++;
      const o = score();
      if (!best || compare(o, best) > 0) best = o;
      return;
    }
    const slot = slots[i];
    const pid = prisoners[slot.p].id;
    for (const s of slot.options) {
      if (s) {
        const occ = occupants.get(s.id)!;
        if (occ.length >= Math.max(0, s.capacity)) continue;
        if (occ.some((q) => enemies.has(`${pid}|${prisoners[q].id}`))) continue;
        occ.push(slot.p);
        chosen[i] = s;
        dfs(i + 1);
        occ.pop();
        chosen[i] = null;
      } else {
        if (slot.options.length === 1 && slot.options[0] !== null) continue;
        dfs(i + 1);
      }
    }
  };
  dfs(0);
  return { best, plans };
}

/** A tiny random week: 2–5 prisoners, 1–2 days, 0–2 sessions per half-day, dense side rules. */
function tinyWeek(rng: Rng, seed: number): PlanningInput {
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const chance = (p: number) => rng() < p;
  const days = DAYS.slice(0, int(1, 2));
  const activities = ['E', 'K', 'W1', 'W2'];
  const sessions: PlanningSession[] = [];
  for (const date of days) {
    for (const period of PERIODS) {
      const acts = activities.filter(() => chance(0.4)).slice(0, 2);
      for (const a of acts) {
        const r = rng();
        sessions.push({
          id: `${a}-${date.slice(8)}-${period}`,
          activityId: a,
          date,
          period,
          capacity: int(0, 3),
          ...(r < 0.07 ? { cancelled: true } : r < 0.12 ? { staffPresent: false } : {}),
        });
      }
    }
  }
  const n = int(2, 5);
  const prisoners: PlanningPrisoner[] = [];
  for (let i = 0; i < n; i++) {
    const custodyDays = days.filter(() => chance(0.85));
    const unavailable = custodyDays.flatMap((date) => PERIODS.filter(() => chance(0.15)).map((period) => ({ date, period })));
    prisoners.push({ id: `P${i}`, custodyDays, unavailable, eligibleActivityIds: activities.filter(() => chance(0.6)) });
  }
  const nonAssociations: Array<[string, string]> = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (chance(0.3)) nonAssociations.push([`P${a}`, `P${b}`]);
  const pickSession = () => sessions[int(0, sessions.length - 1)];
  const locks: Allocation[] = [];
  if (sessions.length && chance(0.4)) {
    // mostly a lock an officer could make (eligible, running), sometimes an inconsistent one
    const p = prisoners[int(0, n - 1)];
    const fits = sessions.filter(
      (s) => p.eligibleActivityIds.includes(s.activityId) && !s.cancelled && s.staffPresent !== false && s.capacity > 0,
    );
    const s = fits.length && chance(0.8) ? fits[int(0, fits.length - 1)] : pickSession();
    locks.push({ prisonerId: p.id, sessionId: s.id });
  }
  const closedGroups = chance(0.3) ? [{ activityId: 'K', memberIds: prisoners.filter(() => chance(0.5)).map((p) => p.id) }] : [];
  const currentAllocations: Record<string, string[]> = {};
  if (sessions.length) for (const p of prisoners) if (chance(0.5)) currentAllocations[p.id] = [pickSession().id];
  const priorities: PriorityClaim[] = [];
  for (const p of prisoners) {
    if (chance(0.25)) priorities.push({ prisonerId: p.id, reason: 'YOUTH_EDUCATION_RIGHT', activityIds: ['E'], weight: 2 });
    if (chance(0.2)) priorities.push({ prisonerId: p.id, reason: 'REMAND' });
  }
  return { prisonId: `TINY-${seed}`, days, sessions, prisoners, nonAssociations, locks, closedGroups, currentAllocations, priorities };
}

describe('planWeek against an exhaustive search on tiny weeks', () => {
  const rng = mulberry32(2024);
  const cases: PlanningInput[] = [];
  for (let seed = 0; cases.length < 400; seed++) cases.push(tinyWeek(rng, seed));

  it('the bound is never below the optimum, the engine finds the optimum active days and is never worse than greedy', () => {
    let lexOptimal = 0;
    let solved = 0;
    let boundTight = 0;
    for (const input of cases) {
      const ex = exhaustive(input);
      const r = planWeek(input);
      const g = greedyPlan(input);
      expect(validatePlan(input, r.assignments)).toEqual([]);
      if (!ex.best) {
        // The locks/closed groups cannot all be kept: the engine reports it and plans the rest.
        expect(r.conflicts.length).toBeGreaterThan(0);
        continue;
      }
      solved++;
      const opt = ex.best;
      const eng = objectives(r.metrics);
      expect({ id: input.prisonId, conflicts: r.conflicts }).toEqual({ id: input.prisonId, conflicts: [] });
      // a true relaxation: never below the optimum
      expect(r.metrics.upperBound).toBeGreaterThanOrEqual(opt[0]);
      // the engine is exact on objective 1 at this size, and never better than the optimum overall
      expect({ id: input.prisonId, activeDays: r.metrics.activeDays }).toEqual({ id: input.prisonId, activeDays: opt[0] });
      expect(compare(eng, opt)).toBeLessThanOrEqual(0);
      expect(compare(eng, objectives(g.metrics))).toBeGreaterThanOrEqual(0);
      if (compare(eng, opt) === 0) lexOptimal++;
      if (r.metrics.upperBound === opt[0]) boundTight++;
    }
    expect(solved).toBeGreaterThan(250);
    // The lower objectives are a weighted heuristic: optimal on the large majority of tiny weeks.
    expect(lexOptimal / solved).toBeGreaterThan(0.97);
    expect(boundTight / solved).toBeGreaterThan(0.8);
  });

  it('with the exact steps (planWeekExact): optimal on active days AND on prisoners without activity on every tiny week, never worse than planWeek', async () => {
    let solved = 0;
    let betterThanHeuristic = 0;
    const misses: string[] = [];
    for (const input of cases) {
      const ex = exhaustive(input);
      if (!ex.best) continue;
      solved++;
      const r = await planWeekExact(input);
      const h = planWeek(input);
      expect(validatePlan(input, r.assignments)).toEqual([]);
      const eng = objectives(r.metrics);
      const heur = objectives(h.metrics);
      expect(compare(eng.slice(0, 2) as Objectives, heur.slice(0, 2) as Objectives)).toBeGreaterThanOrEqual(0);
      if (compare(eng.slice(0, 2) as Objectives, heur.slice(0, 2) as Objectives) > 0) betterThanHeuristic++;
      if (eng[0] !== ex.best[0] || eng[1] !== ex.best[1])
        misses.push(`${input.prisonId}: engine ${eng.slice(0, 2)}, optimum ${ex.best.slice(0, 2)}`);
      // proven bound: exact on every tiny week
      expect({ id: input.prisonId, bound: r.metrics.upperBound }).toEqual({ id: input.prisonId, bound: ex.best[0] });
    }
    expect(solved).toBeGreaterThan(250);
    expect(misses).toEqual([]);
    // On these tiny weeks the heuristic alone is already optimal on objectives 1–2 (measured: 0 weeks
    // improved); the exact steps must keep that, and the planner's hard weeks show the difference.
    expect(betterThanHeuristic).toBeGreaterThanOrEqual(0);
  });
});
