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
      const r = heaviestSet(m, who, w, cap, { nodes: 1e6 });
      expect(r.exact).toBe(true);
      expect(r.value).toBeCloseTo(exact, 9);
      // the set returned is one of that weight, within the capacity and pairwise associable
      expect(r.members.length).toBeLessThanOrEqual(cap);
      expect(mayAllMeet(m, r.members)).toBe(true);
      expect(r.members.reduce((a, p) => a + w[p], 0)).toBeCloseTo(r.value, 9);
      // only heavier sets than `above` are looked for
      const above = exact / 2;
      expect(heaviestSet(m, who, w, cap, { nodes: 1e6 }, above).value).toBeCloseTo(Math.max(exact, above), 9);
    }
  });

  it('is exact with the whole budget, and bounds the heaviest set from above when the budget runs out', () => {
    let inexact = 0;
    for (let k = 0; k < 300; k++) {
      const n = 6 + (k % 9);
      const m = randomNonAssociationGraph(n, [0.1, 0.25, 0.5, 0.8][k % 4], 5000 + k);
      const rng = mulberry32(100 + k);
      const who = Array.from({ length: n }, (_, i) => i);
      const w = who.map(() => (rng() < 0.2 ? 0 : Math.round(rng() * 100) / 100));
      const cap = 1 + (k % 6);
      const exact = bruteForce(m, who, w, cap);
      const above = k % 3 === 0 ? exact / 3 : 0;
      for (const nodes of [0, 1, 2, 3, 5, 8, 13, 1e6]) {
        const r = heaviestSet(m, who, w, cap, { nodes }, above);
        // never below the heaviest set (nor `above`), and a set it returns is a valid one of that weight
        expect(r.ub).toBeGreaterThanOrEqual(Math.max(exact, above) - 1e-9);
        expect(r.value).toBeLessThanOrEqual(Math.max(exact, above) + 1e-9);
        expect(r.members.length).toBeLessThanOrEqual(cap);
        expect(mayAllMeet(m, r.members)).toBe(true);
        if (r.members.length) expect(r.members.reduce((a, p) => a + w[p], 0)).toBeCloseTo(r.value, 9);
        for (const o of r.others) {
          expect(o.length).toBeLessThanOrEqual(cap);
          expect(mayAllMeet(m, o)).toBe(true);
          expect(o.reduce((a, p) => a + w[p], 0)).toBeGreaterThan(above);
        }
        if (r.exact) expect(r.ub).toBeCloseTo(r.value, 9);
        if (r.exact) expect(r.value).toBeCloseTo(Math.max(exact, above), 9);
        else inexact++;
      }
    }
    expect(inexact).toBeGreaterThan(300);
  });

  it('bounds the heaviest set from above on larger graphs whatever the budget', () => {
    for (let k = 0; k < 12; k++) {
      const n = 40 + 5 * (k % 4);
      const m = randomNonAssociationGraph(n, [0.3, 0.5, 0.7][k % 3], 9000 + k);
      const rng = mulberry32(900 + k);
      const who = Array.from({ length: n }, (_, i) => i);
      const w = who.map(() => Math.round(rng() * 100) / 100);
      const cap = 8 + (k % 5) * 4;
      const exact = heaviestSet(m, who, w, cap, { nodes: 1e8 });
      expect(exact.exact).toBe(true);
      for (const nodes of [1, 10, 100, 1000, 10000]) {
        const r = heaviestSet(m, who, w, cap, { nodes });
        expect(r.ub).toBeGreaterThanOrEqual(exact.value - 1e-9);
        expect(r.value).toBeLessThanOrEqual(exact.value + 1e-9);
      }
    }
  });
});

describe('dayConfigurationBound', () => {
  it('is never below the day optimum (HiGHS) nor above the prisoners held that day, on dense non-association weeks', async () => {
    const highs = await loadExactSolver();
    let tight = 0;
    let looser = 0;
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
        // with pricings that run out of nodes at once the bound may be looser, never below
        for (const nodes of [1, 20, 300]) {
          const small = { ...dayPool(m, d, 10 * nodes), perPricing: nodes };
          const rs = dayConfigurationBound(highs, m, d, empty, Date.now() + 60_000, 0, small);
          if (rs.bound !== null) expect(rs.bound).toBeGreaterThanOrEqual(exact.value);
          if (rs.bound !== null) looser++;
        }
      }
    }
    // the LP is tight on most of these days
    expect(tight).toBeGreaterThan(0);
    expect(looser).toBeGreaterThan(0);
  });
});
