/**
 * Engine-only runs on a hard week (issue 17): `node dist/bench/planner/engine-runs.js CLASS N
 * [RUNS] [MS]` runs planWeekExact (budget MS, default 20 s) RUNS times (default 1) one after another and
 * prints the plan's active days, the reported bound, the time, each day's status and the load
 * average — quicker than the full hard bench (no reference, no determinism run).
 */
import { loadavg } from 'os';
import { planWeek, validatePlan } from '../../src/planning/engine';
import { loadExactSolver } from '../../src/planning/engine/exact-day';
import { BENCH_SEED, generateHardWeek, isHardClass } from './hard-weeks';

async function main(): Promise<void> {
  const [cls, nArg, runsArg, msArg] = process.argv.slice(2);
  if (!isHardClass(cls)) throw new Error(`unknown class ${cls}`);
  const n = Number(nArg);
  const input = generateHardWeek(cls, n, BENCH_SEED);
  const highs = await loadExactSolver();
  for (let i = 0; i < Number(runsArg ?? 1); i++) {
    const la = loadavg()[0].toFixed(2);
    const out = planWeek(input, msArg ? { timeLimitMs: Number(msArg) } : {}, highs);
    const v = validatePlan(input, out.assignments).length;
    const days = (out.solver.exact?.days ?? []).map((d) => `${d.active}/${d.bound}${d.proven ? '*' : ''}:${d.solves}:${d.ms}`).join(' ');
    process.stdout.write(
      `${cls} ${n}: engine ${out.metrics.activeDays} bound ${out.metrics.upperBound} ${out.solver.elapsedMs} ms, ${v} violations, load ${la}; days ${days}\n`,
    );
  }
}

main().catch((e: unknown) => {
  process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
  process.exit(1);
});
