import { MaxFlow } from './max-flow';
import { MinCostFlow } from './min-cost-flow';
import { mulberry32, randInt } from './prng';

interface Arc {
  u: number;
  v: number;
  cap: number;
  cost: number;
}

/** Reference: min-cost circulation by cancelling negative cycles with Bellman–Ford. */
function referenceMinCostCirculation(n: number, arcs: Arc[]): number {
  const flow = arcs.map(() => 0);
  for (;;) {
    // residual arcs: 2i forward, 2i+1 backward
    const dist = new Array<number>(n).fill(0);
    const pred = new Array<number>(n).fill(-1);
    let x = -1;
    for (let it = 0; it < n; it++) {
      x = -1;
      arcs.forEach((a, i) => {
        if (flow[i] < a.cap && dist[a.u] + a.cost < dist[a.v]) {
          dist[a.v] = dist[a.u] + a.cost;
          pred[a.v] = 2 * i;
          x = a.v;
        }
        if (flow[i] > 0 && dist[a.v] - a.cost < dist[a.u]) {
          dist[a.u] = dist[a.v] - a.cost;
          pred[a.u] = 2 * i + 1;
          x = a.u;
        }
      });
      if (x < 0) break;
    }
    if (x < 0) break;
    for (let i = 0; i < n; i++) x = arcs[pred[x] >> 1][(pred[x] & 1) === 0 ? 'u' : 'v'];
    // collect the cycle
    const cyc: number[] = [];
    let y = x;
    do {
      cyc.push(pred[y]);
      const a = arcs[pred[y] >> 1];
      y = (pred[y] & 1) === 0 ? a.u : a.v;
    } while (y !== x);
    let delta = Infinity;
    for (const r of cyc) {
      const i = r >> 1;
      delta = Math.min(delta, (r & 1) === 0 ? arcs[i].cap - flow[i] : flow[i]);
    }
    for (const r of cyc) flow[r >> 1] += (r & 1) === 0 ? delta : -delta;
  }
  return arcs.reduce((s, a, i) => s + a.cost * flow[i], 0);
}

function referenceMaxFlow(n: number, arcs: Arc[], s: number, t: number): number {
  const cap = new Map<string, number>();
  const key = (a: number, b: number) => `${a},${b}`;
  for (const a of arcs) cap.set(key(a.u, a.v), (cap.get(key(a.u, a.v)) ?? 0) + a.cap);
  let total = 0;
  for (;;) {
    const prev = new Array<number>(n).fill(-1);
    prev[s] = s;
    const q = [s];
    while (q.length && prev[t] < 0) {
      const u = q.shift()!;
      for (let v = 0; v < n; v++) {
        if (prev[v] < 0 && (cap.get(key(u, v)) ?? 0) > 0) {
          prev[v] = u;
          q.push(v);
        }
      }
    }
    if (prev[t] < 0) return total;
    let f = Infinity;
    for (let v = t; v !== s; v = prev[v]) f = Math.min(f, cap.get(key(prev[v], v))!);
    for (let v = t; v !== s; v = prev[v]) {
      cap.set(key(prev[v], v), cap.get(key(prev[v], v))! - f);
      cap.set(key(v, prev[v]), (cap.get(key(v, prev[v])) ?? 0) + f);
    }
    total += f;
  }
}

describe('MinCostFlow (network simplex)', () => {
  it('matches a negative-cycle-cancelling reference on random graphs', () => {
    const rng = mulberry32(42);
    for (let k = 0; k < 300; k++) {
      const n = randInt(rng, 2, 9);
      const m = randInt(rng, 1, 25);
      const arcs: Arc[] = [];
      for (let i = 0; i < m; i++) {
        const u = randInt(rng, 0, n - 1);
        let v = randInt(rng, 0, n - 1);
        if (v === u) v = (u + 1) % n;
        arcs.push({ u, v, cap: randInt(rng, 0, 4), cost: randInt(rng, -10, 10) });
      }
      const mcf = new MinCostFlow(n);
      arcs.forEach((a) => mcf.addArc(a.u, a.v, a.cap, a.cost));
      expect(mcf.solve()).toBe('OPTIMAL');
      // flows respect capacities and conservation
      const bal = new Array<number>(n).fill(0);
      arcs.forEach((a, i) => {
        const f = mcf.flowOn(i);
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThanOrEqual(a.cap);
        bal[a.u] -= f;
        bal[a.v] += f;
      });
      expect(bal.every((b) => b === 0)).toBe(true);
      expect(mcf.totalCost()).toBe(referenceMinCostCirculation(n, arcs));
    }
  });

  it('handles large exact integer costs (lexicographic weights)', () => {
    const mcf = new MinCostFlow(4);
    const big = 1e12;
    mcf.addArc(0, 1, 1, -big - 1);
    mcf.addArc(0, 2, 1, -big);
    mcf.addArc(1, 3, 1, 0);
    mcf.addArc(2, 3, 1, 0);
    mcf.addArc(3, 0, 1, 0);
    expect(mcf.solve()).toBe('OPTIMAL');
    expect(mcf.totalCost()).toBe(-big - 1);
  });
});

describe('MaxFlow (Dinic)', () => {
  it('matches a BFS augmenting-path reference on random graphs', () => {
    const rng = mulberry32(7);
    for (let k = 0; k < 300; k++) {
      const n = randInt(rng, 2, 10);
      const m = randInt(rng, 1, 30);
      const arcs: Arc[] = [];
      for (let i = 0; i < m; i++) {
        const u = randInt(rng, 0, n - 1);
        let v = randInt(rng, 0, n - 1);
        if (v === u) v = (u + 1) % n;
        arcs.push({ u, v, cap: randInt(rng, 0, 5), cost: 0 });
      }
      const mf = new MaxFlow(n);
      arcs.forEach((a) => mf.addArc(a.u, a.v, a.cap));
      const f = mf.maxflow(0, n - 1);
      expect(f).toBe(referenceMaxFlow(n, arcs, 0, n - 1));
      const bal = new Array<number>(n).fill(0);
      arcs.forEach((a, i) => {
        const x = mf.flowOn(i);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(a.cap);
        bal[a.u] -= x;
        bal[a.v] += x;
      });
      expect(bal[n - 1]).toBe(f);
      for (let i = 1; i < n - 1; i++) expect(bal[i]).toBe(0);
    }
  });
});
