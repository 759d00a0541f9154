import { Model } from '../../src/planning/engine/model';
import { mulberry32 } from '../../src/planning/engine/prng';

// Shared by the specs of the exact day step and the configuration-LP day bound (src/planning/engine):
// random non-association graphs, and the check that a set of prisoners may all meet.

/** A model with only the non-association graph (all that the independent-set searches read). */
export function randomNonAssociationGraph(n: number, density: number, seed: number): Model {
  const rng = mulberry32(seed);
  const enemies: number[][] = Array.from({ length: n }, () => []);
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++)
      if (rng() < density) {
        enemies[a].push(b);
        enemies[b].push(a);
      }
  return { P: n, enemies: enemies.map((e) => Int32Array.from(e)) } as unknown as Model;
}

/** True when no two prisoners of the set are kept apart. */
export function mayAllMeet(m: Model, set: readonly number[]): boolean {
  return set.every((p) => set.every((q) => !m.enemies[p].includes(q)));
}
