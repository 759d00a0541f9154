/**
 * Dinic's maximum flow on integer capacities (iterative DFS, so any path length is fine).
 * Deterministic: arcs are explored in insertion order.
 */
export class MaxFlow {
  private readonly from: number[] = [];
  private readonly to: number[] = [];
  private readonly capInit: number[] = [];
  private cap: Int32Array = new Int32Array(0);
  private built = false;
  private start: Int32Array = new Int32Array(0);
  private order: Int32Array = new Int32Array(0);
  private orderTo: Int32Array = new Int32Array(0);

  constructor(readonly n: number) {}

  /** Adds an arc and returns its id (use flowOn(id) after solving). */
  addArc(u: number, v: number, capacity: number): number {
    if (this.built) throw new Error('MaxFlow: arcs added after solve');
    const id = this.from.length;
    this.from.push(u);
    this.to.push(v);
    this.capInit.push(capacity);
    return id;
  }

  get arcCount(): number {
    return this.from.length;
  }

  /** Flow on an arc added by addArc. */
  flowOn(id: number): number {
    return this.capInit[id] - this.cap[2 * id];
  }

  maxflow(s: number, t: number): number {
    const n = this.n;
    const m = this.from.length;
    // Residual arcs: 2*id forward, 2*id+1 backward. CSR adjacency keeps insertion order.
    const cap = new Int32Array(2 * m);
    const deg = new Int32Array(n + 1);
    for (let id = 0; id < m; id++) {
      cap[2 * id] = this.capInit[id];
      deg[this.from[id] + 1]++;
      deg[this.to[id] + 1]++;
    }
    for (let i = 0; i < n; i++) deg[i + 1] += deg[i];
    const start = deg.slice();
    const fill = deg.slice(0, n);
    const order = new Int32Array(2 * m); // residual arc ids grouped by tail
    const orderTo = new Int32Array(2 * m);
    for (let id = 0; id < m; id++) {
      const u = this.from[id];
      const v = this.to[id];
      order[fill[u]] = 2 * id;
      orderTo[fill[u]++] = v;
      order[fill[v]] = 2 * id + 1;
      orderTo[fill[v]++] = u;
    }
    this.cap = cap;
    this.start = start;
    this.order = order;
    this.orderTo = orderTo;
    this.built = true;

    const level = new Int32Array(n);
    const it = new Int32Array(n);
    const queue = new Int32Array(n);
    const pathArc = new Int32Array(n); // positions in `order`
    let total = 0;
    for (;;) {
      // BFS levels from s
      level.fill(-1);
      level[s] = 0;
      let qh = 0;
      let qt = 0;
      queue[qt++] = s;
      while (qh < qt) {
        const u = queue[qh++];
        for (let k = start[u]; k < start[u + 1]; k++) {
          if (cap[order[k]] > 0 && level[orderTo[k]] < 0) {
            level[orderTo[k]] = level[u] + 1;
            queue[qt++] = orderTo[k];
          }
        }
      }
      if (level[t] < 0) break;
      for (let i = 0; i < n; i++) it[i] = start[i];
      // blocking flow by iterative DFS
      let top = 0;
      let u = s;
      for (;;) {
        if (u === t) {
          let f = 0x7fffffff;
          for (let i = 0; i < top; i++) {
            const c = cap[order[pathArc[i]]];
            if (c < f) f = c;
          }
          let firstSat = -1;
          for (let i = 0; i < top; i++) {
            const e = order[pathArc[i]];
            cap[e] -= f;
            cap[e ^ 1] += f;
            if (firstSat < 0 && cap[e] === 0) firstSat = i;
          }
          total += f;
          top = firstSat;
          u = top === 0 ? s : orderTo[pathArc[top - 1]];
          continue;
        }
        let advanced = false;
        const end = start[u + 1];
        for (let k = it[u]; k < end; k++) {
          const v = orderTo[k];
          if (cap[order[k]] > 0 && level[v] === level[u] + 1) {
            it[u] = k;
            pathArc[top++] = k;
            u = v;
            advanced = true;
            break;
          }
        }
        if (!advanced) {
          it[u] = end;
          if (u === s) break;
          level[u] = -1;
          top--;
          u = top === 0 ? s : orderTo[pathArc[top - 1]];
          it[u]++;
        }
      }
    }
    return total;
  }
}
