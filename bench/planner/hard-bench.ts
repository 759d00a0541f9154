/**
 * The hard classes of the planner benchmark (issue 17, bench/planner/hard-weeks.ts): for each
 * class and size, the engine before (planWeek: heuristic only, what the engine did until issue 17)
 * and after (planWeekExact: with the anytime exact per-day step, default 20 s budget), their
 * bounds, and the reference: each day solved with HiGHS from the engine's plan with a long limit
 * (`--ref-sec` per day, default 60) — the proven optimum when every day is proven, else the best
 * plan and bound HiGHS reached. Every day is a separate problem (all hard rules act within a
 * session, half-day or day), so the week's optimum is the sum of the days' optima.
 */
import { DEFAULT_TIME_LIMIT_MS, planWeek, planWeekExact, validatePlan } from '../../src/planning/engine';
import { cliqueCover, loadExactSolver, solveDay } from '../../src/planning/engine/exact-day';
import { buildModel } from '../../src/planning/engine/model';
import { generateHardWeek, HardClass } from './hard-weeks';
import { planAsStart } from './plan-start';

export interface HardRow {
  name: string;
  cls: string;
  prisoners: number;
  prisonerDays: number;
  beforeActiveDays: number;
  beforeBound: number;
  beforeWithout: number;
  beforeMs: number;
  afterActiveDays: number;
  afterBound: number;
  afterProven: boolean;
  afterWithout: number;
  afterMs: number;
  exactSolves: number;
  violations: number;
  deterministic: boolean;
  referenceActiveDays: number;
  referenceBound: number;
  referenceProven: boolean;
  referenceMs: number;
  peakRssMiB: number;
}

export async function hardRow(
  cls: HardClass,
  n: number,
  seed: number,
  refSec: number,
  timeLimitMs = DEFAULT_TIME_LIMIT_MS,
): Promise<HardRow> {
  const input = generateHardWeek(cls, n, seed);
  let t = Date.now();
  const before = planWeek(input, { timeLimitMs });
  const beforeMs = Date.now() - t;
  const highs = await loadExactSolver();
  t = Date.now();
  const after = planWeek(input, { timeLimitMs }, highs);
  const afterMs = Date.now() - t;
  // a second run for determinism (same plan when the exact step finished well within the limit)
  const again = await planWeekExact(input, { timeLimitMs });
  const deterministic = JSON.stringify(again.assignments) === JSON.stringify(after.assignments);

  const m = buildModel(input);
  const start = planAsStart(m, after.assignments);
  const cliques = cliqueCover(m);
  const days = after.solver.exact?.days;
  let refActive = 0;
  let refBound = 0;
  let refProven = true;
  t = Date.now();
  for (let d = 0; d < m.D; d++) {
    let active = 0;
    for (let p = 0; p < m.P; p++) if (start[p * m.H + 2 * d] >= 0 || start[p * m.H + 2 * d + 1] >= 0) active++;
    const known = days ? days[d].bound : active; // no exact step: the plan met the flow bound
    if (active >= known) {
      refActive += active;
      refBound += active;
      continue;
    }
    const r = solveDay(highs, m, d, cliques, start, refSec, known);
    refActive += Math.max(active, r.value);
    refBound += r.bound;
    if (r.status !== 'OPTIMAL') refProven = false;
  }
  const referenceMs = Date.now() - t;
  return {
    name: `${cls} ${n}`,
    cls,
    prisoners: n,
    prisonerDays: after.metrics.prisonerDays,
    beforeActiveDays: before.metrics.activeDays,
    beforeBound: before.metrics.upperBound,
    beforeWithout: before.metrics.prisonersWithoutActivity,
    beforeMs,
    afterActiveDays: after.metrics.activeDays,
    afterBound: after.metrics.upperBound,
    afterProven: after.metrics.provenOptimalActiveDays,
    afterWithout: after.metrics.prisonersWithoutActivity,
    afterMs,
    exactSolves: after.solver.exact?.solves ?? 0,
    violations: validatePlan(input, before.assignments).length + validatePlan(input, after.assignments).length,
    deterministic,
    referenceActiveDays: refActive,
    referenceBound: refBound,
    referenceProven: refProven,
    referenceMs,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

export function printHardTable(rows: HardRow[], out: (s: string) => void): void {
  const head = [
    'class',
    'prisoners',
    'before',
    'bound',
    'ms',
    'after',
    'bound',
    'proven',
    'ms',
    'optimum',
    'after %',
    'no act. b/a',
    'viol',
    'MiB',
  ];
  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(2)}%` : '100%');
  const table = rows.map((r) => [
    r.cls,
    String(r.prisoners),
    String(r.beforeActiveDays),
    String(r.beforeBound),
    String(r.beforeMs),
    String(r.afterActiveDays),
    String(r.afterBound),
    r.afterProven ? 'yes' : 'no',
    String(r.afterMs),
    r.referenceProven ? String(r.referenceActiveDays) : `${r.referenceActiveDays}..${r.referenceBound}`,
    pct(r.afterActiveDays, r.referenceProven ? r.referenceActiveDays : r.referenceBound),
    `${r.beforeWithout}/${r.afterWithout}`,
    String(r.violations),
    r.peakRssMiB.toFixed(0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  out(
    '\nHard classes (before = heuristic only; after = with the exact per-day step; optimum = per-day HiGHS reference, a..b when not proven)\n',
  );
  out(line(head) + '\n' + widths.map((w) => '-'.repeat(w)).join('  ') + '\n');
  for (const row of table) out(line(row) + '\n');
}
