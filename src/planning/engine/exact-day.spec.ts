import { independenceNumber } from './exact-day';
import { Model } from './model';
import { mayAllMeet, randomNonAssociationGraph } from '../../../test/support/non-association-graphs';

/** The independence number by trying every subset (n ≤ 16). */
function bruteForce(m: Model, who: number[]): number {
  let best = 0;
  for (let mask = 0; mask < 1 << who.length; mask++) {
    const set = who.filter((_, i) => mask & (1 << i));
    if (set.length <= best) continue;
    if (mayAllMeet(m, set)) best = set.length;
  }
  return best;
}

describe('independenceNumber (the independence rows of the exact per-day step)', () => {
  it('equals exhaustive search on 200 random graphs and prisoner subsets', () => {
    for (let k = 0; k < 200; k++) {
      const n = 4 + (k % 12);
      const m = randomNonAssociationGraph(n, [0.1, 0.25, 0.5, 0.8][k % 4], 1000 + k);
      const who = Array.from({ length: n }, (_, i) => i).filter((i) => (i * 7 + k) % 5 !== 0);
      const exact = bruteForce(m, who);
      expect(independenceNumber(m, who)).toBe(exact);
      // capped: the search may stop once `upTo` are found
      const upTo = 1 + (k % 6);
      expect(independenceNumber(m, who, { nodes: 100_000 }, upTo)).toBe(Math.min(exact, upTo));
    }
  });

  it('is null when the node limit is reached, never a wrong number', () => {
    const m = randomNonAssociationGraph(60, 0.1, 7);
    const who = Array.from({ length: 60 }, (_, i) => i);
    expect(independenceNumber(m, who, { nodes: 5 })).toBeNull();
    const exact = independenceNumber(m, who);
    expect(exact).not.toBeNull();
    // every set of `exact` + 1 prisoners found greedily has a non-associated pair: check a greedy set is not larger
    const greedy: number[] = [];
    for (const p of who) if (greedy.every((q) => !m.enemies[p].includes(q))) greedy.push(p);
    expect(greedy.length).toBeLessThanOrEqual(exact!);
  });
});
