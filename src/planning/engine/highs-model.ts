/**
 * The one place where the planner talks to HiGHS (the `highs` WASM package): loading it once per
 * process or worker thread, writing a model (columns and rows in sparse row form), the solver
 * options every exact step uses, and the run with its outcome read back (status, primal values,
 * dual bound). The per-day step (exact-day.ts) and the objective-2 week step (exact-fairness.ts)
 * only say which columns and rows their model has.
 *
 * Options: `time_limit` (the only clock-dependent input), `mip_rel_gap` 0 and `mip_abs_gap` just
 * below 1 (every objective here counts prisoners or prisoner-days, so an absolute gap < 1 is a
 * proof of optimality), `random_seed` 0 and one thread (the WASM build runs single-threaded; the
 * worker pool gives parallelism across drafts), so the same model and limit give the same result.
 */
import type { Highs } from 'highs';

/** The loaded HiGHS module (opaque to the callers). */
export type ExactSolver = Highs;

let loading: Promise<ExactSolver> | null = null;

/** Loads HiGHS once per process (or worker thread). */
export function loadExactSolver(): Promise<ExactSolver> {
  if (!loading) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loader = require('highs') as (opts?: object) => Promise<ExactSolver>;
    loading = loader().catch((e: unknown) => {
      loading = null;
      throw e;
    });
  }
  return loading;
}

/** A MILP being written: columns (bounds, objective coefficient, integrality) and rows (sparse). */
export class MipModel {
  readonly colLower: number[] = [];
  readonly colUpper: number[] = [];
  readonly colCost: number[] = [];
  readonly colInteger: number[] = [];
  readonly rowLower: number[] = [];
  readonly rowUpper: number[] = [];
  private readonly starts: number[] = [0];
  private readonly indices: number[] = [];
  private readonly values: number[] = [];

  get numCols(): number {
    return this.colLower.length;
  }

  get numRows(): number {
    return this.rowLower.length;
  }

  /** Adds a column and returns its index. */
  addCol(lower: number, upper: number, cost: number, integer = true): number {
    this.colLower.push(lower);
    this.colUpper.push(upper);
    this.colCost.push(cost);
    this.colInteger.push(integer ? 1 : 0);
    return this.colLower.length - 1;
  }

  /** Adds the row lo ≤ Σ coefs[i]·x[cols[i]] ≤ hi (coefficients 1 when omitted); ±Infinity for no bound. */
  addRow(cols: readonly number[], lo: number, hi: number, coefs?: readonly number[]): number {
    for (let i = 0; i < cols.length; i++) {
      this.indices.push(cols[i]);
      this.values.push(coefs ? coefs[i] : 1);
    }
    this.starts.push(this.indices.length);
    this.rowLower.push(lo);
    this.rowUpper.push(hi);
    return this.rowLower.length - 1;
  }

  /** The model in the form `highs.createModel` takes (infinite row bounds as HiGHS's infinity). */
  data(highs: ExactSolver, sense: 'max' | 'min') {
    const inf = (x: number) => (x === Infinity ? highs.infinity : x === -Infinity ? -highs.infinity : x);
    return {
      numCols: this.numCols,
      numRows: this.numRows,
      sense: sense === 'max' ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
      colCost: Float64Array.from(this.colCost),
      colLower: Float64Array.from(this.colLower),
      colUpper: Float64Array.from(this.colUpper),
      rowLower: Float64Array.from(this.rowLower, inf),
      rowUpper: Float64Array.from(this.rowUpper, inf),
      matrix: {
        format: 'csr' as const,
        numRows: this.numRows,
        numCols: this.numCols,
        starts: Int32Array.from(this.starts),
        indices: Int32Array.from(this.indices),
        values: Float64Array.from(this.values),
      },
      integrality: Int32Array.from(this.colInteger),
    };
  }
}

export interface MipRun {
  timeLimitSec: number;
  sense: 'max' | 'min';
  /** A feasible starting solution (one value per column), or null. */
  start?: Float64Array | null;
  /** HiGHS's primal heuristic effort (default 0.05 in HiGHS). */
  heuristicEffort?: number;
  /**
   * HiGHS's `mip_pscost_minreliable` (default 8): branchings on a column before its pseudo-cost
   * is trusted instead of strong branching.
   */
  minReliable?: number;
}

export interface MipOutcome {
  /** OPTIMAL: `values` proven optimal; STOPPED: time limit (best found in `values`, if any). */
  status: 'OPTIMAL' | 'INFEASIBLE' | 'STOPPED' | 'FAILED';
  /** Primal values of a feasible solution, or null when HiGHS has none. */
  values: Float64Array | null;
  /** Objective of `values` (NaN without them). */
  objective: number;
  /** HiGHS's dual bound on the objective (NaN when it has none). */
  dualBound: number;
  /** Whether HiGHS accepted the starting solution. */
  startAccepted: boolean;
  ms: number;
}

/** Solves the model with the shared options; never throws (FAILED on a solver error). */
export function runMip(highs: ExactSolver, mip: MipModel, run: MipRun): MipOutcome {
  const t0 = Date.now();
  const failed: MipOutcome = { status: 'FAILED', values: null, objective: NaN, dualBound: NaN, startAccepted: false, ms: 0 };
  let model: ReturnType<ExactSolver['createModel']> | null = null;
  try {
    model = highs.createModel(mip.data(highs, run.sense) as unknown as Parameters<ExactSolver['createModel']>[0]);
    model.options.set({
      time_limit: Math.max(0.05, run.timeLimitSec),
      mip_rel_gap: 0,
      mip_abs_gap: 0.999,
      random_seed: 0,
      output_flag: false,
      ...(run.heuristicEffort !== undefined ? { mip_heuristic_effort: run.heuristicEffort } : {}),
      ...(run.minReliable !== undefined ? { mip_pscost_minreliable: run.minReliable } : {}),
    });
    const startAccepted = run.start ? model.setSolution({ colValue: run.start }).status >= 0 : false;
    model.run();
    const st = model.getModelStatus();
    const C = highs.constants.modelStatus;
    if (st === C.infeasible) return { ...failed, status: 'INFEASIBLE', startAccepted, ms: Date.now() - t0 };
    let values: Float64Array | null = null;
    const cv = model.getSolution().colValue;
    if (cv && cv.length === mip.numCols && model.info.get('primal_solution_status') === 2) values = Float64Array.from(cv);
    let objective = NaN;
    if (values) {
      objective = 0;
      for (let i = 0; i < values.length; i++) objective += mip.colCost[i] * values[i];
    }
    const db = Number(model.info.get('mip_dual_bound'));
    return {
      status: st === C.optimal && values ? 'OPTIMAL' : 'STOPPED',
      values,
      objective,
      dualBound: Number.isFinite(db) ? db : NaN,
      startAccepted,
      ms: Date.now() - t0,
    };
  } catch {
    return { ...failed, ms: Date.now() - t0 };
  } finally {
    model?.dispose();
  }
}

/**
 * An LP kept open between solves, for column generation: columns are added to it and each solve
 * starts from the last basis. The caller disposes it.
 */
export class OpenLp {
  private readonly model: ReturnType<ExactSolver['createModel']>;
  private readonly rows: number;

  /** The LP of `mip` (every column continuous); it needs at least one column. */
  constructor(
    private readonly highs: ExactSolver,
    mip: MipModel,
    sense: 'max' | 'min',
  ) {
    const data = { ...mip.data(highs, sense), integrality: new Int32Array(mip.numCols) };
    this.model = highs.createModel(data as unknown as Parameters<ExactSolver['createModel']>[0]);
    this.model.options.set({ random_seed: 0, output_flag: false });
    this.rows = mip.numRows;
  }

  /** Adds a column with coefficient 1 in each of `rows`. */
  addCol(cost: number, lower: number, upper: number, rows: readonly number[]): void {
    this.model.addCol(cost, lower, upper, { indices: Int32Array.from(rows), values: new Float64Array(rows.length).fill(1) });
  }

  /** Solves it: the objective and the row duals, or null when not solved to optimality. */
  solve(): { objective: number; rowDual: Float64Array } | null {
    try {
      this.model.run();
      if (this.model.getModelStatus() !== this.highs.constants.modelStatus.optimal) return null;
      const sol = this.model.getSolution();
      const rowDual = Float64Array.from(sol.rowDual ?? []);
      if (rowDual.length !== this.rows) return null;
      return { objective: Number(this.model.info.get('objective_function_value')), rowDual };
    } catch {
      return null;
    }
  }

  dispose(): void {
    this.model.dispose();
  }
}
