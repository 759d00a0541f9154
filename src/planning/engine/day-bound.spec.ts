import { generateHardWeek } from '../../../bench/planner/hard-weeks';
import { dayConfigurationBound, dayPool, heaviestSet } from './day-bound';
import { loadExactSolver, solveDay } from './exact-day';
import { buildModel, Model } from './model';
import { mulberry32 } from './prng';
import { mayAllMeet, randomNonAssociationGraph } from '../../../test/support/non-association-graphs';

/** The heaviest set of at most `cap` pairwise associable prisoners, by trying every subset (n ≤ 14). */
function bruteForce(m: Model, who: number[], w: number[], cap: number): number {
  let best = 0;
  for (let mask = 0; mask < 1 << who.length; mask++) {
    const set = who.filter((_, i) => mask & (1 << i));
    if (set.length > cap || !mayAllMeet(m, set)) continue;
    best = Math.max(
      best,
      set.reduce((a, p) => a + w[who.indexOf(p)], 0),
    );
  }
  return best;
}

describe('heaviestSet (the pricing of the configuration-LP day bound)', () => {
  it('equals exhaustive search on 200 random graphs, weights and capacities', () => {
    for (let k = 0; k < 200; k++) {
      const n = 3 + (k % 12);
      const m = randomNonAssociationGraph(n, [0.1, 0.25, 0.5, 0.8][k % 4], 2000 + k);
      const rng = mulberry32(k);
      const who = Array.from({ length: n }, (_, i) => i);
      const w = who.map(() => (rng() < 0.2 ? 0 : Math.round(rng() * 100) / 100));
      const cap = 1 + (k % 7);
      const exact = bruteForce(m, who, w, cap);
      const r = heaviestSet(m, who, w, cap, { nodes: 1e6 })!;
      expect(r.value).toBeCloseTo(exact, 9);
      // the set returned is one of that weight, within the capacity and pairwise associable
      expect(r.members.length).toBeLessThanOrEqual(cap);
      expect(mayAllMeet(m, r.members)).toBe(true);
      expect(r.members.reduce((a, p) => a + w[p], 0)).toBeCloseTo(r.value, 9);
      // only heavier sets than `above` are looked for
      const above = exact / 2;
      expect(heaviestSet(m, who, w, cap, { nodes: 1e6 }, above)!.value).toBeCloseTo(Math.max(exact, above), 9);
    }
  });

  it('is null when the node budget runs out', () => {
    const m = randomNonAssociationGraph(50, 0.2, 3);
    const who = Array.from({ length: 50 }, (_, i) => i);
    expect(
      heaviestSet(
        m,
        who,
        who.map(() => 1),
        50,
        { nodes: 3 },
      ),
    ).toBeNull();
  });
});

describe('dayConfigurationBound', () => {
  it('is never below the day optimum (HiGHS) nor above the prisoners held that day, on dense non-association weeks', async () => {
    const highs = await loadExactSolver();
    let tight = 0;
    for (const [n, seed] of [
      [16, 1],
      [20, 2],
      [24, 3],
    ]) {
      const m = buildModel(generateHardWeek('dense-na', n, seed));
      const empty = new Int32Array(m.P * m.H).fill(-1);
      for (let d = 0; d < m.D; d++) {
        const exact = solveDay(highs, m, d, [], empty, 60, m.P);
        expect(exact.status).toBe('OPTIMAL');
        const r = dayConfigurationBound(highs, m, d, empty, Date.now() + 60_000, 0, dayPool(m, d));
        expect(r.bound).not.toBeNull();
        expect(r.bound!).toBeGreaterThanOrEqual(exact.value);
        let inCustody = 0;
        for (let p = 0; p < m.P; p++) if (m.custodyMask[p] & (1 << d)) inCustody++;
        expect(r.bound!).toBeLessThanOrEqual(inCustody);
        if (r.bound === exact.value) tight++;
        // a second call with the same pool goes on from where the first stopped: nothing left to do
        const pool = dayPool(m, d);
        dayConfigurationBound(highs, m, d, empty, Date.now() + 60_000, 0, pool);
        expect(pool.done).toBe(true);
      }
    }
    // the LP is tight on most of these days
    expect(tight).toBeGreaterThan(0);
  });
});
