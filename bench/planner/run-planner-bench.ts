/**
 * Benchmark of the automatic week planner (a program, not a test).
 *
 *   npm run bench:planner -- [--json] [--sizes 50,100,...] [--runs N] [--no-demo] [--week 2026-W49]
 *                            [--hard dense-na,referral,unavailable,locks] [--hard-sizes 60,120,200,400]
 *                            [--ref-sec 60] [--help]
 *
 * Rows: generated prisons of 50 … 3,800 prisoners (fixed seed, bench/planner/synthetic.ts)
 * and the national demo data (all 45 prisons, bench/planner/demo-week.ts). Each row runs in its own
 * child process so that its peak memory (maxRSS, worker threads included) is its own. For each:
 * active days of the greedy baseline, of the engine and the proven upper bound; shares of the
 * bound; hard-rule violations of both plans (validatePlan, must be 0); median solve time over the
 * runs (the national row: all 45 prisons one after the other, and once more through the worker
 * thread pool the service uses); peak memory; whether repeated runs gave the same plan.
 * With `--hard`, the hard classes of issue 17 (hard-bench.ts): engine before/after the exact step,
 * bounds, the per-day HiGHS reference optimum, times. `--sizes none` skips the generated rows.
 */
import { spawnSync } from 'node:child_process';
import { generateDemoData } from '../../seeds/demo/generate-demo-data';
import { generateWeek } from './synthetic';
import { EnginePool, greedyPlan, loadExactSolver, planWeek, PlanningInput, PlanningResult, validatePlan } from '../../src/planning/engine';
import { demoWeekInputs } from './demo-week';
import { HardRow, hardRow, printHardTable } from './hard-bench';
import { BENCH_SEED, HARD_CLASSES, isHardClass } from './hard-weeks';
import { median } from '../support/measure';
import { benchArgs } from '../support/args';

const DEFAULT_SIZES = [50, 100, 200, 400, 800, 1600, 3800];
const SEED = BENCH_SEED;
const DEMO_WEEK = '2026-W49';

interface Row {
  name: string;
  prisons: number;
  prisoners: number;
  activities: number;
  sessions: number;
  prisonerDays: number;
  greedyActiveDays: number;
  engineActiveDays: number;
  upperBound: number;
  greedyShare: number;
  engineShare: number;
  /** Lowest engine share of one prison (national row). */
  worstPrisonShare: number;
  /** Prisons where the engine reached the bound. */
  prisonsAtBound: number;
  violations: number;
  greedyViolations: number;
  engineBelowGreedy: number;
  runs: number;
  medianMs: number;
  /** Slowest single prison (national row). */
  slowestPrisonMs: number;
  greedyMedianMs: number;
  /** National row: all prisons through EnginePool (worker thread), end to end. */
  workerMs: number | null;
  workerSameResult: boolean | null;
  peakRssMiB: number;
  deterministic: boolean;
  timedOut: boolean;
  greedyPrisonersWithoutActivity: number;
  prisonersWithoutActivity: number;
  fullDays: number;
  changesFromCurrent: number;
  setupMs: number;
}

const ms = (t: bigint): number => Number(process.hrtime.bigint() - t) / 1e6;
const fingerprint = (rs: PlanningResult[]) => JSON.stringify(rs.map((r) => [r.assignments, r.metrics, r.explanations]));

/** Solves every input `runs` times (one after the other) and sums the figures of the last run. */
async function measure(name: string, inputs: PlanningInput[], runs: number, setupMs: number, withWorker: boolean): Promise<Row> {
  const greedyTimes: number[] = [];
  let greedy = inputs.map((i) => greedyPlan(i));
  for (let k = 0; k < runs; k++) {
    const t = process.hrtime.bigint();
    greedy = inputs.map((i) => greedyPlan(i));
    greedyTimes.push(ms(t));
  }
  const times: number[] = [];
  let results: PlanningResult[] = [];
  let first = '';
  let deterministic = true;
  const perPrison = new Array<number>(inputs.length).fill(0);
  // the production path (planWeekExact, the worker pool): HiGHS loaded, the exact step runs only below the bound
  const highs = await loadExactSolver();
  for (let k = 0; k < runs; k++) {
    const t = process.hrtime.bigint();
    results = inputs.map((input, i) => {
      const r = planWeek(input, {}, highs);
      perPrison[i] = Math.max(perPrison[i], r.solver.elapsedMs);
      return r;
    });
    times.push(ms(t));
    const f = fingerprint(results);
    if (k === 0) first = f;
    else if (f !== first) deterministic = false;
  }
  let workerMs: number | null = null;
  let workerSameResult: boolean | null = null;
  if (withWorker) {
    const pool = new EnginePool();
    const t = process.hrtime.bigint();
    const viaWorker = await Promise.all(inputs.map((i) => pool.run(i)));
    workerMs = ms(t);
    workerSameResult = pool.mode === 'worker' && fingerprint(viaWorker) === first;
    await pool.close();
  }
  const sum = (f: (r: PlanningResult) => number) => results.reduce((s, r) => s + f(r), 0);
  const bound = sum((r) => r.metrics.upperBound);
  const engine = sum((r) => r.metrics.activeDays);
  const greedyDays = greedy.reduce((s, g) => s + g.metrics.activeDays, 0);
  return {
    name,
    prisons: inputs.length,
    prisoners: inputs.reduce((s, i) => s + i.prisoners.length, 0),
    activities: inputs.reduce((s, i) => s + new Set(i.sessions.map((x) => x.activityId)).size, 0),
    sessions: inputs.reduce((s, i) => s + i.sessions.length, 0),
    prisonerDays: sum((r) => r.metrics.prisonerDays),
    greedyActiveDays: greedyDays,
    engineActiveDays: engine,
    upperBound: bound,
    greedyShare: bound ? greedyDays / bound : 1,
    engineShare: bound ? engine / bound : 1,
    worstPrisonShare: Math.min(...results.map((r) => r.metrics.shareOfBound)),
    prisonsAtBound: results.filter((r) => r.metrics.gap === 0).length,
    violations: inputs.reduce((s, input, i) => s + validatePlan(input, results[i].assignments).length, 0),
    greedyViolations: inputs.reduce((s, input, i) => s + validatePlan(input, greedy[i].assignments).length, 0),
    engineBelowGreedy: results.filter((r, i) => r.metrics.activeDays < greedy[i].metrics.activeDays).length,
    runs,
    medianMs: median(times),
    slowestPrisonMs: Math.max(...perPrison),
    greedyMedianMs: median(greedyTimes),
    workerMs,
    workerSameResult,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    deterministic,
    timedOut: results.some((r) => r.solver.timedOut),
    greedyPrisonersWithoutActivity: greedy.reduce((s, g) => s + g.metrics.prisonersWithoutActivity, 0),
    prisonersWithoutActivity: sum((r) => r.metrics.prisonersWithoutActivity),
    fullDays: sum((r) => r.metrics.fullDays),
    changesFromCurrent: sum((r) => r.metrics.changesFromCurrent),
    setupMs,
  };
}

async function child(spec: string, runsArg: string | undefined, week: string): Promise<Row> {
  const t = process.hrtime.bigint();
  if (spec.startsWith('hard:')) {
    const [, cls, n] = spec.split(':');
    if (!isHardClass(cls)) throw new Error(`unknown hard class ${cls}`);
    return (await hardRow(cls, Number(n), SEED, Number(benchArgs().value('--ref-sec') ?? 60))) as unknown as Row;
  }
  if (spec === 'demo') {
    const inputs = demoWeekInputs(generateDemoData(), week);
    return measure(`national demo ${week}`, inputs, Number(runsArg ?? 3), ms(t), true);
  }
  const size = Number(spec);
  const input = generateWeek({ prisoners: size, seed: SEED });
  return measure(String(size), [input], Number(runsArg ?? (size <= 800 ? 5 : 3)), ms(t), false);
}

const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;

function printTable(rows: Row[]): void {
  const head = [
    'prisoners',
    'prisons',
    'greedy',
    'engine',
    'bound',
    'greedy %',
    'engine %',
    'violations',
    'engine ms',
    'greedy ms',
    'peak MiB',
    'no activity g/e',
  ];
  const table = rows.map((r) => [
    r.prisons > 1 ? `${r.prisoners} (${r.name})` : r.name,
    String(r.prisons),
    String(r.greedyActiveDays),
    String(r.engineActiveDays),
    String(r.upperBound),
    pct(r.greedyShare),
    pct(r.engineShare),
    String(r.violations + r.greedyViolations),
    `${r.medianMs.toFixed(0)}${r.timedOut ? ' TL' : ''}`,
    r.greedyMedianMs.toFixed(1),
    r.peakRssMiB.toFixed(0),
    `${r.greedyPrisonersWithoutActivity}/${r.prisonersWithoutActivity}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  process.stdout.write(
    `Week planner benchmark (seed ${SEED}, node ${process.version}, median of ${rows.map((r) => r.runs).join('/')} runs)\n`,
  );
  process.stdout.write(line(head) + '\n' + widths.map((w) => '-'.repeat(w)).join('  ') + '\n');
  for (const row of table) process.stdout.write(line(row) + '\n');
  for (const r of rows.filter((x) => x.prisons > 1)) {
    process.stdout.write(
      `\n${r.name}: ${r.prisonsAtBound}/${r.prisons} prisons at the bound, worst prison ${pct(r.worstPrisonShare)}, ` +
        `slowest prison ${r.slowestPrisonMs.toFixed(0)} ms, through the worker pool ${r.workerMs?.toFixed(0)} ms ` +
        `(same plans: ${r.workerSameResult}), data generation ${r.setupMs.toFixed(0)} ms\n`,
    );
  }
}

async function main(): Promise<void> {
  const cli = benchArgs();
  const arg = cli.value;
  const runsArg = arg('--runs');
  const week = arg('--week') ?? DEMO_WEEK;
  if (cli.has('--help')) {
    process.stdout.write(
      'npm run bench:planner -- [--json] [--sizes 50,100,...|none] [--runs N] [--no-demo] [--week 2026-W49]\n' +
        `  [--hard ${HARD_CLASSES.join(',')}] [--hard-sizes 60,120,200,400] [--ref-sec 60]\n`,
    );
    return;
  }
  const only = arg('--child');
  if (only) {
    process.stdout.write(JSON.stringify(await child(only, runsArg, week)));
    return;
  }
  const json = cli.has('--json');
  const specs = (arg('--sizes') ?? DEFAULT_SIZES.join(',')).split(',').filter((x) => Number(x) > 0);
  if (!cli.has('--no-demo')) specs.push('demo');
  const hardSpecs: string[] = [];
  const hard = arg('--hard');
  if (hard) {
    const sizes = (arg('--hard-sizes') ?? '60,120,200,400').split(',').map(Number);
    for (const cls of hard.split(',')) for (const n of sizes) hardSpecs.push(`hard:${cls}:${n}`);
  }
  const rows: Row[] = [];
  const hardRows: HardRow[] = [];
  for (const spec of [...specs, ...hardSpecs]) {
    const childArgs = [__filename, '--child', spec, '--week', week];
    if (runsArg) childArgs.push('--runs', runsArg);
    if (arg('--ref-sec')) childArgs.push('--ref-sec', arg('--ref-sec')!);
    const out = spawnSync(process.execPath, childArgs, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (out.status !== 0) {
      process.stderr.write(out.stderr);
      throw new Error(`benchmark child for ${spec} failed`);
    }
    if (spec.startsWith('hard:')) {
      const hr = JSON.parse(out.stdout) as HardRow;
      hardRows.push(hr);
      if (!json) process.stderr.write(`  ${hr.name}: ${hr.afterMs} ms\n`);
      continue;
    }
    const row = JSON.parse(out.stdout) as Row;
    rows.push(row);
    if (!json) process.stderr.write(`  ${row.name}: ${row.medianMs.toFixed(0)} ms\n`);
  }
  const national = rows.filter((r) => r.prisons > 1);
  const targets = {
    engineAtLeast99_5PercentOfBound: rows.every((r) => r.engineShare >= 0.995),
    engineNeverBelowGreedy: rows.every((r) => r.engineBelowGreedy === 0),
    zeroViolations: rows.every((r) => r.violations === 0 && r.greedyViolations === 0),
    solve400Within2s: rows.filter((r) => r.name === '400').every((r) => r.medianMs <= 2000),
    all45PrisonsWithin30s: national.every((r) => r.medianMs <= 30_000 && (r.workerMs ?? 0) <= 30_000),
    peakMemoryWithin1GiB: rows.every((r) => r.peakRssMiB <= 1024),
    deterministic: rows.every((r) => r.deterministic && r.workerSameResult !== false),
  };
  if (json) {
    process.stdout.write(JSON.stringify({ seed: SEED, week, node: process.version, rows, hardRows, targets }, null, 2) + '\n');
    return;
  }
  if (rows.length) printTable(rows);
  if (hardRows.length) printHardTable(hardRows, (x) => process.stdout.write(x));
  process.stdout.write('\nTargets:\n');
  for (const [k, v] of Object.entries(targets)) process.stdout.write(`  ${v ? 'OK  ' : 'MISS'} ${k}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
