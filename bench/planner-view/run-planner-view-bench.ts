// npm run bench:planner-view [-- --runs 30] [-- --embedded] [-- --json]
//
// The officer's week planner on the national demo data: Oslo (the largest prison) for next week,
// over HTTP through the real app (auth, guards, audit, serialisation included). Baselines measured
// in the same run: GET /prisons/:id (a one-row read through the same stack) and the no-activity list.
// Also the officer's pages (/app/planner unfiltered with names, compact, filtered to one workshop, and a
// session page with the ranked add-prisoner picker), as HTML through the same stack.
import 'reflect-metadata';
import { isoWeekOf } from '../../src/calendar/domain/iso-week';
import { addDays, osloToday } from '../../src/calendar/domain/oslo-time';
import { DateTime } from 'luxon';
import { signIn, startBenchApp, signInAs } from '../support/bench-app';
import { measure, printTable, round } from '../support/measure';

const DEMO_PASSWORD = 'demo-aktivitet-2026';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const embedded = args.includes('--embedded');
  const runsArg = args.indexOf('--runs');
  const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : 30;

  const bootStart = Date.now();
  const bench = await startBenchApp({ embedded, name: 'planner_view' });
  const bootMs = Date.now() - bootStart;
  try {
    const get = await signInAs(bench.baseUrl, 'oslo.officer', DEMO_PASSWORD);
    const prisons = (await (await get('/prisons')).json()) as
      { items?: Array<{ id: string; code: string }> } | Array<{ id: string; code: string }>;
    const list = Array.isArray(prisons) ? prisons : (prisons.items ?? []);
    const oslo = list.find((p) => p.code === 'OSL');
    if (!oslo) throw new Error('Oslo (OSL) is not in the demo data');
    const week = isoWeekOf(addDays(osloToday(DateTime.now()), 7));

    const fetchJson = async (path: string) => {
      const res = await get(path);
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<unknown>;
    };
    const plan = (await fetchJson(`/prisons/${oslo.id}/weeks/${week}/plan`)) as {
      activities: Array<{ activityId: string; name: string; kind: string; sessions: Array<{ sessionId: string; prisoners: unknown[] }> }>;
      totals: { sessions: number; allocated: number; places: number };
    };
    const bytes = JSON.stringify(plan).length;

    const planTiming = await measure(() => fetchJson(`/prisons/${oslo.id}/weeks/${week}/plan`), runs);
    const noActivityTiming = await measure(() => fetchJson(`/prisons/${oslo.id}/weeks/${week}/no-activity`), runs);
    const baseline = await measure(() => fetchJson(`/prisons/${oslo.id}`), runs);

    // The web pages (HTML, through the same stack; a bearer token is accepted on web routes).
    const fetchPage = async (path: string) => {
      const res = await get(path);
      if (!res.ok) throw new Error(`${path}: ${res.status}`);
      return res.text();
    };
    const workshop = plan.activities.find((a) => a.kind === 'WORK') ?? plan.activities[0];
    const pageBase = `/app/planner?prisonId=${oslo.id}&week=${week}`;
    const pages: Array<[string, string]> = [
      [`page: week plan, all activities with names`, `${pageBase}&scope=all&mode=names`],
      [`page: week plan, all activities, compact`, `${pageBase}&scope=all&mode=counts`],
      [`page: week plan, one workshop (${workshop.name})`, `${pageBase}&activity=${workshop.activityId}&mode=names`],
      [`page: session with ranked picker`, `/app/planner/sessions/${workshop.sessions[0].sessionId}`],
    ];
    const pageRows = [];
    for (const [view, path] of pages) {
      const bytes = (await fetchPage(path)).length;
      const timing = await measure(() => fetchPage(path), runs);
      pageRows.push({
        view,
        median_ms: timing.medianMs,
        p90_ms: timing.p90Ms,
        min_ms: timing.minMs,
        x_baseline: round(timing.medianMs / baseline.medianMs),
        kib: round(bytes / 1024),
      });
    }

    const rows = [
      {
        view: `Oslo week plan ${week}`,
        median_ms: planTiming.medianMs,
        p90_ms: planTiming.p90Ms,
        min_ms: planTiming.minMs,
        x_baseline: round(planTiming.medianMs / baseline.medianMs),
      },
      {
        view: `Oslo no-activity ${week}`,
        median_ms: noActivityTiming.medianMs,
        p90_ms: noActivityTiming.p90Ms,
        min_ms: noActivityTiming.minMs,
        x_baseline: round(noActivityTiming.medianMs / baseline.medianMs),
      },
      { view: 'baseline GET /prisons/:id', median_ms: baseline.medianMs, p90_ms: baseline.p90Ms, min_ms: baseline.minMs, x_baseline: 1 },
      ...pageRows.map(({ kib, ...r }) => ({ ...r, view: `${r.view} (${kib} KiB)` })),
    ];
    // Last (it changes the data): the automatic planner's draft for the week, applied once, timed.
    const token = await signIn(bench.baseUrl, 'oslo.officer', DEMO_PASSWORD);
    const post = async (path: string) => {
      const res = await fetch(`${bench.baseUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<{ id: string; allocationChanges: unknown[]; diff: unknown[] }>;
    };
    const draftStart = process.hrtime.bigint();
    const draft = await post(`/prisons/${oslo.id}/weeks/${week}/plan-drafts`);
    const draftMs = round(Number(process.hrtime.bigint() - draftStart) / 1e6);
    const applyStart = process.hrtime.bigint();
    await post(`/prisons/${oslo.id}/weeks/${week}/plan-drafts/${draft.id}/apply`);
    const applyMs = round(Number(process.hrtime.bigint() - applyStart) / 1e6);
    const draftApply = { allocationChanges: draft.allocationChanges.length, prisonersChanged: draft.diff.length, draftMs, applyMs };

    const result = {
      draftApply,
      database: bench.databaseLabel,
      bootWithDemoDataMs: bootMs,
      runs,
      week,
      plan: {
        activities: plan.activities.length,
        sessions: plan.totals.sessions,
        places: plan.totals.places,
        allocated: plan.totals.allocated,
        responseBytes: bytes,
      },
      timings: rows,
    };
    if (json) {
      console.log(JSON.stringify(result, null, 2));
    } else {
      console.log(`Planner view benchmark — ${bench.databaseLabel}; ${runs} timed runs each after 3 warm-up runs`);
      console.log(
        `Demo data + boot: ${bootMs} ms. Oslo ${week}: ${result.plan.activities} activities, ${result.plan.sessions} sessions, ${result.plan.allocated}/${result.plan.places} places taken, ${round(bytes / 1024)} KiB JSON`,
      );
      printTable(rows);
      console.log(
        `Automatic planner, Oslo ${week} (one run, changes the data): draft ${draftMs} ms; apply ${applyMs} ms for ${draftApply.allocationChanges} allocation changes (${draftApply.prisonersChanged} prisoners)`,
      );
    }
  } finally {
    await bench.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
