/**
 * Seeded generators of hard weeks for the planner benchmark and tests (issue 17), built on the
 * realistic generator (synthetic.ts) and then made harder with a second seeded stream, so the same
 * class, size and seed always give the same week:
 *
 * - `dense-na`: few large workshops with room (4 activities per 100 prisoners, places 100 % of
 *   the prisoners) and non-associations at density 0.25 on small weeks, 5 pairs per prisoner on
 *   large ones, half of them between rival "wings" of 8;
 * - `referral`: many referral-only programmes (a third of the activities) and closed groups,
 *   with workshops restricted to a referred share of the prisoners, plus 2.5 pairs per prisoner;
 * - `unavailable`: heavy unavailability (a third of the half-days, 10 % sick days) in few large
 *   workshops with 3 pairs per prisoner;
 * - `locks`: officers' locks that conflict (into cancelled sessions, over capacity, next to a
 *   non-associated prisoner, two on one half-day) in few large workshops, 3 pairs per prisoner.
 */
import { mulberry32, randInt } from '../../src/planning/engine/prng';
import { Allocation, ClosedGroup, PlanningInput, PlanningPrisoner } from '../../src/planning/engine/types';
import { generateWeek } from './synthetic';

/** The benchmark's seed: `bench:planner` and the per-day tools (day-gaps, day-bounds, engine-runs) plan the same weeks. */
export const BENCH_SEED = 20250303;

export const HARD_CLASSES = ['dense-na', 'referral', 'unavailable', 'locks'] as const;
export type HardClass = (typeof HARD_CLASSES)[number];

export function isHardClass(x: string): x is HardClass {
  return (HARD_CLASSES as readonly string[]).includes(x);
}

export function generateHardWeek(cls: HardClass, prisoners: number, seed: number): PlanningInput {
  const rng = mulberry32(seed * 104729 + prisoners * 31 + HARD_CLASSES.indexOf(cls));
  const n = prisoners;
  const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const addPairs = (input: PlanningInput, perPrisoner: number, wing = 0): Array<[string, string]> => {
    const ids = input.prisoners.map((p) => p.id);
    const seen = new Set((input.nonAssociations ?? []).map(([a, b]) => pairKey(a, b)));
    const out = (input.nonAssociations ?? []).map(([a, b]) => [a, b] as [string, string]);
    const want = out.length + Math.round(n * perPrisoner);
    let guard = 0;
    while (out.length < want && guard++ < want * 30) {
      const a = randInt(rng, 0, n - 1);
      let b: number;
      if (wing > 0 && rng() < 0.5) {
        // rival wings: a's wing against the next wing
        const w = Math.floor(a / wing);
        const base = ((w + 1) * wing) % n;
        b = Math.min(n - 1, base + randInt(rng, 0, wing - 1));
      } else b = randInt(rng, 0, n - 1);
      if (a === b) continue;
      const k = pairKey(ids[a], ids[b]);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push([ids[a], ids[b]]);
    }
    return out;
  };

  if (cls === 'dense-na') {
    // density 0.25 on small weeks, 5 pairs per prisoner on large ones, in 2 activities per 100
    const input = generateWeek({ prisoners: n, seed, activitiesPer100: 4, capacityRatio: 1.0, nonAssociationRate: 0 });
    return { ...input, prisonId: `HARD-${cls}-${n}-${seed}`, nonAssociations: addPairs(input, Math.min(0.125 * (n - 1), 5), 8) };
  }

  if (cls === 'referral') {
    const input = generateWeek({ prisoners: n, seed, activitiesPer100: 24, capacityRatio: 0.9, nonAssociationRate: 2.5 });
    const acts = Array.from(new Set(input.sessions.map((s) => s.activityId))).sort();
    const referralOnly = acts.filter((a) => a.startsWith('W') && rng() < 0.45);
    const referred = new Map<string, Set<string>>();
    for (const a of referralOnly) {
      const set = new Set<string>();
      for (const p of input.prisoners) if (rng() < 0.3) set.add(p.id);
      referred.set(a, set);
    }
    const prisonersOut: PlanningPrisoner[] = input.prisoners.map((p) => ({
      ...p,
      eligibleActivityIds: p.eligibleActivityIds.filter((a) => !referred.has(a) || referred.get(a)!.has(p.id)),
    }));
    // a third of the referral-only workshops run as closed groups of their referred prisoners
    const enemies = new Map<string, Set<string>>();
    for (const [a, b] of input.nonAssociations ?? []) {
      if (!enemies.has(a)) enemies.set(a, new Set());
      if (!enemies.has(b)) enemies.set(b, new Set());
      enemies.get(a)!.add(b);
      enemies.get(b)!.add(a);
    }
    const capOf = new Map(input.sessions.map((s) => [s.activityId, s.capacity]));
    const closedGroups: ClosedGroup[] = (input.closedGroups ?? []).slice();
    for (const a of referralOnly) {
      if (rng() >= 0.33) continue;
      const members: string[] = [];
      for (const id of Array.from(referred.get(a)!).sort()) {
        if (members.length >= Math.max(2, (capOf.get(a) ?? 4) - 1)) break;
        if (members.some((o) => enemies.get(id)?.has(o))) continue;
        members.push(id);
      }
      closedGroups.push({ activityId: a, memberIds: members });
    }
    return { ...input, prisonId: `HARD-${cls}-${n}-${seed}`, prisoners: prisonersOut, closedGroups };
  }

  if (cls === 'unavailable') {
    const input = generateWeek({ prisoners: n, seed, activitiesPer100: 4, capacityRatio: 0.9, nonAssociationRate: 3 });
    const prisonersOut: PlanningPrisoner[] = input.prisoners.map((p) => {
      const taken = new Set((p.unavailable ?? []).map((u) => `${u.date}|${u.period}`));
      const unavailable = (p.unavailable ?? []).slice();
      for (const date of p.custodyDays) {
        const sick = rng() < 0.1;
        for (const period of ['AM', 'PM'] as const) {
          if (taken.has(`${date}|${period}`)) continue;
          if (sick || rng() < 0.33) unavailable.push({ date, period, reason: sick ? 'sick' : 'court' });
        }
      }
      return { ...p, unavailable };
    });
    return { ...input, prisonId: `HARD-${cls}-${n}-${seed}`, prisoners: prisonersOut };
  }

  // locks that conflict
  const input = generateWeek({ prisoners: n, seed, activitiesPer100: 4, capacityRatio: 1.0, nonAssociationRate: 3 });
  const locks: Allocation[] = (input.locks ?? []).slice();
  const byHd = new Map<string, string[]>();
  for (const s of input.sessions) {
    const k = `${s.date}|${s.period}`;
    if (!byHd.has(k)) byHd.set(k, []);
    byHd.get(k)!.push(s.id);
  }
  const sessById = new Map(input.sessions.map((s) => [s.id, s]));
  const prisonersArr = input.prisoners;
  const nLocks = Math.max(4, Math.round(n * 0.12));
  for (let i = 0; i < nLocks; i++) {
    const p = prisonersArr[randInt(rng, 0, n - 1)];
    const r = rng();
    let candidates = input.sessions.filter((s) => p.eligibleActivityIds.includes(s.activityId));
    if (r < 0.15) candidates = input.sessions.filter((s) => s.cancelled || s.staffPresent === false);
    if (!candidates.length) continue;
    const s = candidates[randInt(rng, 0, candidates.length - 1)];
    locks.push({ prisonerId: p.id, sessionId: s.id });
    if (r > 0.85) {
      // a second lock on the same half-day
      const other = byHd.get(`${s.date}|${s.period}`)!.filter((x) => x !== s.id && sessById.get(x)!.activityId !== s.activityId);
      if (other.length) locks.push({ prisonerId: p.id, sessionId: other[randInt(rng, 0, other.length - 1)] });
    }
  }
  // locks next to non-associated prisoners
  for (const [a, b] of (input.nonAssociations ?? []).slice(0, Math.round(n * 0.04))) {
    const pa = prisonersArr.find((x) => x.id === a)!;
    const common = input.sessions.filter((s) => pa.eligibleActivityIds.includes(s.activityId));
    if (!common.length) continue;
    const s = common[randInt(rng, 0, common.length - 1)];
    locks.push({ prisonerId: a, sessionId: s.id }, { prisonerId: b, sessionId: s.id });
  }
  return { ...input, prisonId: `HARD-${cls}-${n}-${seed}`, locks };
}
