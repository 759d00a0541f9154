/**
 * Minimum-cost circulation by the primal network simplex method (block-search pricing, strongly
 * feasible spanning trees with Cunningham's leaving-arc rule, as in LEMON's NetworkSimplex), on a
 * tree stored with parent/depth/child lists.
 *
 * All supplies are zero (add an arc t→s to get a min-cost flow of free value). Lower bounds are
 * 0, capacities are integers, costs are integers held in float64: they must stay exact, i.e.
 * |cost| · nodeCount < 2^53. Deterministic for the same arc order.
 */
export type MinCostFlowStatus = 'OPTIMAL' | 'TIME_LIMIT';

const UP = 1;
const DOWN = -1;
const STATE_LOWER = 1;
const STATE_TREE = 0;
const STATE_UPPER = -1;
const INF_CAP = 0x3fffffff;

export class MinCostFlow {
  private readonly src: number[] = [];
  private readonly dst: number[] = [];
  private readonly capList: number[] = [];
  private readonly costList: number[] = [];
  private flowArr: Int32Array = new Int32Array(0);
  pivots = 0;

  constructor(readonly n: number) {}

  addArc(u: number, v: number, capacity: number, cost: number): number {
    const id = this.src.length;
    this.src.push(u);
    this.dst.push(v);
    this.capList.push(Math.min(capacity, INF_CAP));
    this.costList.push(cost);
    return id;
  }

  get arcCount(): number {
    return this.src.length;
  }

  flowOn(id: number): number {
    return this.flowArr[id];
  }

  totalCost(): number {
    let c = 0;
    for (let i = 0; i < this.src.length; i++) c += this.flowArr[i] * this.costList[i];
    return c;
  }

  /** Solves; `deadline` is a Date.now() value after which the solve stops with TIME_LIMIT. */
  solve(deadline = Number.POSITIVE_INFINITY): MinCostFlowStatus {
    const n = this.n;
    const m = this.src.length;
    const root = n;
    const all = m + n;
    const source = new Int32Array(all);
    const target = new Int32Array(all);
    const cap = new Int32Array(all);
    const cost = new Float64Array(all);
    const flow = new Int32Array(all);
    const state = new Int8Array(all);
    for (let e = 0; e < m; e++) {
      source[e] = this.src[e];
      target[e] = this.dst[e];
      cap[e] = this.capList[e];
      cost[e] = this.costList[e];
      state[e] = STATE_LOWER;
    }
    const pi = new Float64Array(n + 1);
    const parent = new Int32Array(n + 1);
    const pred = new Int32Array(n + 1);
    const predDir = new Int8Array(n + 1);
    const depth = new Int32Array(n + 1);
    const firstChild = new Int32Array(n + 1).fill(-1);
    const nextSib = new Int32Array(n + 1).fill(-1);
    const prevSib = new Int32Array(n + 1).fill(-1);

    // Initial strongly feasible tree: artificial arcs u→root (cost 0, zero flow).
    parent[root] = -1;
    pred[root] = -1;
    depth[root] = 0;
    for (let u = 0; u < n; u++) {
      const e = m + u;
      source[e] = u;
      target[e] = root;
      cap[e] = INF_CAP;
      cost[e] = 0;
      state[e] = STATE_TREE;
      parent[u] = root;
      pred[u] = e;
      predDir[u] = UP;
      depth[u] = 1;
      // child list of root in node order
      prevSib[u] = u - 1;
      nextSib[u] = u + 1 < n ? u + 1 : -1;
    }
    if (n > 0) firstChild[root] = 0;

    const unlink = (u: number): void => {
      const p = parent[u];
      if (prevSib[u] >= 0) nextSib[prevSib[u]] = nextSib[u];
      else firstChild[p] = nextSib[u];
      if (nextSib[u] >= 0) prevSib[nextSib[u]] = prevSib[u];
      prevSib[u] = -1;
      nextSib[u] = -1;
    };
    const linkChild = (p: number, u: number): void => {
      const f = firstChild[p];
      nextSib[u] = f;
      prevSib[u] = -1;
      if (f >= 0) prevSib[f] = u;
      firstChild[p] = u;
    };

    const blockSize = Math.max(10, Math.ceil(Math.sqrt(m)));
    let nextArc = 0;
    const path: number[] = [];
    const stack = new Int32Array(n + 1);
    let status: MinCostFlowStatus = 'OPTIMAL';
    let pivots = 0;

    for (;;) {
      // --- pricing: block search
      let inArc = -1;
      let min = 0;
      let cnt = blockSize;
      let e = nextArc;
      let found = false;
      for (let scanned = 0; scanned < m; scanned++) {
        const c = state[e] * (cost[e] + pi[source[e]] - pi[target[e]]);
        if (c < min) {
          min = c;
          inArc = e;
        }
        e++;
        if (e === m) e = 0;
        if (--cnt === 0) {
          if (min < 0) {
            found = true;
            break;
          }
          cnt = blockSize;
        }
      }
      if (!found && min < 0) found = true;
      if (!found) break;
      nextArc = e;

      if ((++pivots & 1023) === 0 && Date.now() > deadline) {
        status = 'TIME_LIMIT';
        break;
      }

      // --- join node
      let first: number;
      let second: number;
      if (state[inArc] === STATE_LOWER) {
        first = source[inArc];
        second = target[inArc];
      } else {
        first = target[inArc];
        second = source[inArc];
      }
      let a = source[inArc];
      let b = target[inArc];
      while (a !== b) {
        if (depth[a] > depth[b]) a = parent[a];
        else if (depth[b] > depth[a]) b = parent[b];
        else {
          a = parent[a];
          b = parent[b];
        }
      }
      const join = a;

      // --- leaving arc
      let delta = cap[inArc];
      let result = 0;
      let uOut = -1;
      for (let u = first; u !== join; u = parent[u]) {
        const pe = pred[u];
        let d = flow[pe];
        if (predDir[u] === DOWN) d = cap[pe] - d;
        if (d < delta) {
          delta = d;
          uOut = u;
          result = 1;
        }
      }
      for (let u = second; u !== join; u = parent[u]) {
        const pe = pred[u];
        let d = flow[pe];
        if (predDir[u] === UP) d = cap[pe] - d;
        if (d <= delta) {
          delta = d;
          uOut = u;
          result = 2;
        }
      }

      // --- change flow
      if (delta > 0) {
        const val = state[inArc] * delta;
        flow[inArc] += val;
        for (let u = source[inArc]; u !== join; u = parent[u]) flow[pred[u]] -= predDir[u] * val;
        for (let u = target[inArc]; u !== join; u = parent[u]) flow[pred[u]] += predDir[u] * val;
      }
      if (result === 0) {
        // the entering arc goes from one bound to the other
        state[inArc] = -state[inArc] as -1 | 1;
        continue;
      }
      state[inArc] = STATE_TREE;
      const outArc = pred[uOut];
      state[outArc] = flow[outArc] === 0 ? STATE_LOWER : STATE_UPPER;

      // --- tree update: re-root the subtree of uOut at uIn and hang it below vIn
      const uIn = result === 1 ? first : second;
      const vIn = result === 1 ? second : first;
      path.length = 0;
      for (let x = uIn; ; x = parent[x]) {
        path.push(x);
        if (x === uOut) break;
      }
      for (let i = path.length - 1; i >= 0; i--) unlink(path[i]);
      for (let i = path.length - 1; i >= 1; i--) {
        const xi = path[i];
        const xp = path[i - 1];
        parent[xi] = xp;
        pred[xi] = pred[xp];
        predDir[xi] = -predDir[xp] as -1 | 1;
      }
      parent[uIn] = vIn;
      pred[uIn] = inArc;
      predDir[uIn] = source[inArc] === uIn ? UP : DOWN;
      for (let i = 1; i < path.length; i++) linkChild(path[i - 1], path[i]);
      linkChild(vIn, uIn);

      // --- potentials and depths of the moved subtree
      const sigma = pi[vIn] - pi[uIn] - predDir[uIn] * cost[inArc];
      let top = 0;
      stack[top++] = uIn;
      while (top > 0) {
        const u = stack[--top];
        pi[u] += sigma;
        depth[u] = depth[parent[u]] + 1;
        for (let c = firstChild[u]; c >= 0; c = nextSib[c]) stack[top++] = c;
      }
    }
    this.pivots = pivots;
    this.flowArr = flow.slice(0, m);
    return status;
  }
}
