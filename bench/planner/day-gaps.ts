/**
 * Per-day gaps of the exact step on a hard week (issue 17): `node dist/bench/planner/day-gaps.js
 * CLASS N [SEC]` prints, for each day, the size of the day's MILP and what one solve of SEC seconds
 * (default 20) from the heuristic plan reaches, and what the engine's exact step reported.
 */
import { planWeek } from '../../src/planning/engine';
import { cliqueCover, loadExactSolver, newSessionCuts, solveDay } from '../../src/planning/engine/exact-day';
import { buildModel } from '../../src/planning/engine/model';
import { BENCH_SEED, generateHardWeek, isHardClass } from './hard-weeks';
import { planAsStart } from './plan-start';

async function main(): Promise<void> {
  const [cls, nArg, secArg] = process.argv.slice(2);
  if (!isHardClass(cls)) throw new Error(`unknown class ${cls}`);
  const n = Number(nArg);
  const sec = Number(secArg ?? 20);
  const input = generateHardWeek(cls, n, BENCH_SEED);
  const cuts = newSessionCuts();
  const highs = await loadExactSolver();
  const m = buildModel(input);
  const heur = planWeek(input, {});
  const start = planAsStart(m, heur.assignments);
  const e0 = process.cpuUsage();
  const eng = planWeek(input, {}, highs);
  const engCpu = Math.round(process.cpuUsage(e0).user / 1000);
  const cliques = cliqueCover(m);
  process.stdout.write(
    `${cls} ${n}: heuristic ${heur.metrics.activeDays}/${heur.metrics.upperBound}, engine ${eng.metrics.activeDays}/${eng.metrics.upperBound} in ${eng.solver.elapsedMs} ms (cpu ${engCpu} ms)\n`,
  );
  for (let d = 0; d < m.D; d++) {
    let active = 0;
    for (let p = 0; p < m.P; p++) if (start[p * m.H + 2 * d] >= 0 || start[p * m.H + 2 * d + 1] >= 0) active++;
    const sess = [2 * d, 2 * d + 1].map((hd) =>
      Array.from(m.openByHd[hd])
        .map((s) => `${m.activityIds[m.sessionAct[s]]}:${m.sessionCap[s]}`)
        .join(','),
    );
    const e = eng.solver.exact?.days[d];
    const c0 = process.cpuUsage();
    const r = solveDay(highs, m, d, cliques, start, sec, heur.metrics.upperBound, [], cuts);
    process.stdout.write(
      `day ${d}: sessions AM[${sess[0]}] PM[${sess[1]}] heuristic ${active}; engine ${e ? `${e.active}/${e.bound} ${e.solves} solves ${e.ms} ms` : '-'}; ` +
        `one ${sec}s solve: ${r.status} ${r.value}/${r.bound} ${r.ms} ms (cpu ${Math.round(process.cpuUsage(c0).user / 1000)} ms)\n`,
    );
  }
}

main().catch((e: unknown) => {
  process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
  process.exit(1);
});
