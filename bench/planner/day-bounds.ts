/**
 * The configuration-LP day bound on a hard week (issue 17): `node dist/bench/planner/day-bounds.js
 * CLASS N [SEC] [NODES]` prints, for each day, the bound (day-bound.ts) from the heuristic plan
 * within SEC seconds (default 5) and NODES pricing nodes (default DAY_BOUND_NODES), sessions of any
 * size, and the week's sum.
 */
import { planWeek } from '../../src/planning/engine';
import { DAY_BOUND_NODES, dayConfigurationBound, dayPool } from '../../src/planning/engine/day-bound';
import { loadExactSolver } from '../../src/planning/engine/exact-day';
import { buildModel } from '../../src/planning/engine/model';
import { BENCH_SEED, generateHardWeek, isHardClass } from './hard-weeks';
import { planAsStart } from './plan-start';

async function main(): Promise<void> {
  const [cls, nArg, secArg, nodesArg] = process.argv.slice(2);
  if (!isHardClass(cls)) throw new Error(`unknown class ${cls}`);
  const n = Number(nArg);
  const sec = Number(secArg ?? 5);
  const nodes = Number(nodesArg ?? DAY_BOUND_NODES);
  const input = generateHardWeek(cls, n, BENCH_SEED);
  const highs = await loadExactSolver();
  const m = buildModel(input);
  const heur = planWeek(input, {});
  const start = planAsStart(m, heur.assignments);
  let sum = 0;
  for (let d = 0; d < m.D; d++) {
    const c0 = process.cpuUsage();
    const pool = dayPool(m, d, nodes, Infinity);
    const r = dayConfigurationBound(highs, m, d, start, Date.now() + sec * 1000, 0, pool);
    sum += r.bound ?? Infinity;
    process.stdout.write(
      `day ${d}: bound ${r.bound} rounds ${r.rounds} columns ${r.columns} nodes ${r.nodes} perPricing ${pool.perPricing} done ${pool.done} ${r.ms} ms (cpu ${Math.round(process.cpuUsage(c0).user / 1000)} ms)\n`,
    );
  }
  process.stdout.write(
    `${cls} ${n}: heuristic ${heur.metrics.activeDays}, flow bound ${heur.metrics.upperBound}, configuration bound ${sum}\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
  process.exit(1);
});
