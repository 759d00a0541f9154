/**
 * The path to the target on the national demo data (issue 16):
 *
 *   npm run bench:path-to-target -- [--json] [--runs N] [--week 2026-W49] [--target 0.9]
 *
 * For one coming week of all 45 demo prisons (inputs built in memory by bench/planner/demo-week.ts,
 * the same as the planner benchmark) and for Oslo alone, times in the same run:
 * - the plain planner solve (planWeek on each prison's week), and
 * - the full path-to-target analysis: planWeek + the capacity what-if (min-cost flow on the
 *   relaxation) + planWeek again on the changed week (the confirmation).
 * Medians of `--runs` runs (default 5) after one warm-up. Then what the demo data says: per prison,
 * the places of which kind on which half-days that lift its ceiling to the target, and the national total.
 */
import { ActivityKind } from '../../src/activities/activity.enums';
import { planWeek, PlanningInput, upperBound } from '../../src/planning/engine';
import { applyOfferChanges, capacityWhatIf, WhatIfActivity, WhatIfResult } from '../../src/path-to-target/domain/capacity-what-if';
import { targetDays } from '../../src/path-to-target/domain/gap';
import { placesByHalfDay } from '../../src/path-to-target/domain/gap-split';
import { generateDemoData } from '../../seeds/demo/generate-demo-data';
import { demoWeekInputs } from '../planner/demo-week';
import { benchArgs } from '../support/args';
import { median, printTable, round } from '../support/measure';

interface PrisonOutcome {
  prison: string;
  region: string;
  prisonerDays: number;
  targetDays: number;
  plannerDays: number;
  ceilingDays: number;
  what: WhatIfResult;
  confirmedDays: number;
  confirmedBound: number;
  planMs: number;
  whatIfMs: number;
  confirmMs: number;
}

function analyse(
  input: PlanningInput,
  activities: WhatIfActivity[],
  target: number,
  meta: { prison: string; region: string },
): PrisonOutcome {
  const t0 = performance.now();
  const plan = planWeek(input);
  const t1 = performance.now();
  const need = targetDays(plan.metrics.prisonerDays, target);
  const what = capacityWhatIf(input, { targetDays: need, activities });
  const t2 = performance.now();
  let confirmedDays = plan.metrics.activeDays;
  let confirmedBound = plan.metrics.upperBound;
  if (what.changes.length > 0) {
    const changed = applyOfferChanges(input, what.changes);
    const confirmed = planWeek(changed);
    confirmedDays = confirmed.metrics.activeDays;
    confirmedBound = upperBound(changed).activeDays;
  }
  const t3 = performance.now();
  return {
    ...meta,
    prisonerDays: plan.metrics.prisonerDays,
    targetDays: need,
    plannerDays: plan.metrics.activeDays,
    ceilingDays: plan.metrics.upperBound,
    what,
    confirmedDays,
    confirmedBound,
    planMs: t1 - t0,
    whatIfMs: t2 - t1,
    confirmMs: t3 - t2,
  };
}

const KIND_SHORT: Record<string, string> = { WORK: 'work', EDUCATION: 'school', PROGRAMME: 'programme' };
const DAY = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri'];

function main(): void {
  const cli = benchArgs();
  const week = cli.value('--week') ?? '2026-W49';
  const runs = Number(cli.value('--runs') ?? 5);
  const target = Number(cli.value('--target') ?? 0.9);
  const t0 = performance.now();
  const data = generateDemoData();
  const inputs = demoWeekInputs(data, week);
  const generatedMs = performance.now() - t0;
  const prisonByCode = new Map(data.prisons.map((p) => [p.code, p]));
  const regionName = new Map(data.regions.map((r) => [r.id, r.name]));
  // The demo data records no room sizes: max_capacity is NULL, so sessions do not grow; new half-days open at the activity's size.
  const activities: WhatIfActivity[] = data.activities.map((a) => ({
    id: a.id,
    kind: a.kind === ActivityKind.WORK ? 'WORK' : a.kind === ActivityKind.EDUCATION ? 'EDUCATION' : 'PROGRAMME',
    capacity: a.capacity,
    maxCapacity: null,
  }));
  const meta = (input: PlanningInput) => {
    const p = prisonByCode.get(input.prisonId!)!;
    return { prison: p.name, region: regionName.get(p.regionId) ?? '' };
  };
  const oslo = inputs.find((i) => meta(i).prison.startsWith('Oslo'))!;

  const national: { plain: number[]; full: number[]; whatIf: number[] } = { plain: [], full: [], whatIf: [] };
  const osloRuns: { plain: number[]; full: number[]; whatIf: number[] } = { plain: [], full: [], whatIf: [] };
  let last: PrisonOutcome[] = [];
  for (let run = 0; run <= runs; run++) {
    // Plain planner solve of every prison, then the full analysis, in the same run.
    let s = performance.now();
    for (const input of inputs) planWeek(input);
    const plain = performance.now() - s;
    s = performance.now();
    const outcomes = inputs.map((input) => analyse(input, activities, target, meta(input)));
    const full = performance.now() - s;
    s = performance.now();
    planWeek(oslo);
    const osloPlain = performance.now() - s;
    const o = analyse(oslo, activities, target, meta(oslo));
    if (run === 0) continue; // warm-up
    national.plain.push(plain);
    national.full.push(full);
    national.whatIf.push(outcomes.reduce((x, r) => x + r.whatIfMs, 0));
    osloRuns.plain.push(osloPlain);
    osloRuns.full.push(o.planMs + o.whatIfMs + o.confirmMs);
    osloRuns.whatIf.push(o.whatIfMs);
    last = outcomes;
  }

  const osloOutcome = last.find((r) => r.prison === meta(oslo).prison)!;
  const timings = [
    {
      scope: `all ${inputs.length} prisons`,
      prisoners: inputs.reduce((x, i) => x + i.prisoners.length, 0),
      plainPlannerMs: round(median(national.plain)),
      whatIfMs: round(median(national.whatIf)),
      pathToTargetMs: round(median(national.full)),
      ratio: round(median(national.full) / median(national.plain), 2),
      targetMs: 10_000,
    },
    {
      scope: meta(oslo).prison,
      prisoners: oslo.prisoners.length,
      plainPlannerMs: round(median(osloRuns.plain)),
      whatIfMs: round(median(osloRuns.whatIf)),
      pathToTargetMs: round(median(osloRuns.full)),
      ratio: round(median(osloRuns.full) / median(osloRuns.plain), 2),
      targetMs: 2_000,
    },
  ];
  const short = last
    .filter((r) => r.ceilingDays < r.targetDays)
    .sort((a, b) => b.what.predictedCeiling - b.ceilingDays - (a.what.predictedCeiling - a.ceilingDays));
  const prisons = short.map((r) => {
    const halfDays = placesByHalfDay(r.what.changes);
    const byKind = { WORK: 0, EDUCATION: 0, PROGRAMME: 0 };
    for (const h of halfDays) byKind[h.kind] += h.places;
    const rate = (d: number) => (r.prisonerDays > 0 ? round((100 * d) / r.prisonerDays, 1) : 0);
    return {
      prison: r.prison,
      region: r.region,
      prisonerDays: r.prisonerDays,
      targetDays: r.targetDays,
      plannerPct: rate(r.plannerDays),
      ceilingPct: rate(r.ceilingDays),
      predictedPct: rate(r.what.predictedCeiling),
      confirmedPct: rate(r.confirmedDays),
      reachesTarget: r.what.reachesTarget,
      daysGained: r.what.predictedCeiling - r.ceilingDays,
      places: r.what.placesAdded,
      byKind,
      halfDays: halfDays.map((h) => `${KIND_SHORT[h.kind]} ${DAY[h.weekday]} ${h.period} ${h.places}`).join(', '),
    };
  });
  const total = { WORK: 0, EDUCATION: 0, PROGRAMME: 0 };
  for (const p of prisons) for (const k of ['WORK', 'EDUCATION', 'PROGRAMME'] as const) total[k] += p.byKind[k];
  const checks = {
    confirmedAtLeastPredicted: last.filter((r) => r.confirmedDays >= r.what.predictedCeiling).length,
    confirmedBoundAtLeastPredicted: last.filter((r) => r.confirmedBound >= r.what.predictedCeiling).length,
    relaxationEqualsPlannerBound: last.filter((r) => r.what.baseCeiling === r.ceilingDays).length,
    prisons: last.length,
    all45Within10s: median(national.full) <= 10_000,
    osloWithin2s: median(osloRuns.full) <= 2_000,
  };
  const summary = {
    week,
    target,
    runs,
    generatedMs: round(generatedMs),
    timings,
    checks,
    national: {
      prisonsShort: prisons.length,
      prisonsReachingTargetWithChanges: prisons.filter((p) => p.reachesTarget).length,
      places: prisons.reduce((x, p) => x + p.places, 0),
      daysGained: prisons.reduce((x, p) => x + p.daysGained, 0),
      byKind: total,
      prisonerDays: last.reduce((x, r) => x + r.prisonerDays, 0),
      ceilingDays: last.reduce((x, r) => x + r.ceilingDays, 0),
      predictedDays: last.reduce((x, r) => x + r.what.predictedCeiling, 0),
      confirmedDays: last.reduce((x, r) => x + r.confirmedDays, 0),
    },
    oslo: { changes: osloOutcome.what.changes.length, places: osloOutcome.what.placesAdded },
    prisons,
  };
  if (cli.json) {
    process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    return;
  }
  console.log(
    `Path to target, demo data, ${week}, target ${target * 100} %: medians of ${runs} runs (demo data generated in ${round(generatedMs / 1000)} s, not counted)\n`,
  );
  printTable(timings);
  console.log('');
  console.log(JSON.stringify(checks));
  console.log(`\nPrisons whose ceiling is below the target (${prisons.length} of ${last.length}), most days gained first:\n`);
  printTable(
    prisons.map(({ byKind, ...p }) => ({
      ...p,
      reachesTarget: p.reachesTarget ? 'yes' : 'no',
      work: byKind.WORK,
      school: byKind.EDUCATION,
      programme: byKind.PROGRAMME,
    })),
  );
  console.log(`\nNational: ${JSON.stringify(summary.national)}`);
}

main();
