// npm run bench:first-start [-- --json] [--data-dir DIR] [--port N] [--keep] [--after-history-s 10]
//
// The first `npm start` on the embedded database, as a newcomer meets it (issue 12): the built app
// (`node dist/src/main.js`, no DATABASE_URL) on an empty PGlite data directory, measured from the moment
// the process starts. While it starts and then fills twelve months of demo history in the background,
// this process asks for the sign-in page and /health one after the other, a request every 100 ms, and
// records each one's time. It reports:
//   - when the sign-in page first answered, and when a demo officer could sign in and read this week's
//     Oslo plan through the API (the app usable);
//   - when "Listening on …" was printed (it must not come before the app answers);
//   - when /health said the history was loaded;
//   - the longest wait of any polled request while the app was serving (the stall the background work
//     causes on the single embedded connection);
//   - the data directory's size once the app has been stopped (on disk, as `du` counts it), and the
//     largest size seen while it ran (sampled every 5 s).
// The data directory is a fresh temporary one unless --data-dir is given; it is removed afterwards
// unless --keep. The figures depend on the machine's load: say it when quoting them.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { isoWeekOf } from '../../src/calendar/domain/iso-week';
import { DateTime } from 'luxon';
import { osloToday } from '../../src/calendar/domain/oslo-time';
import { benchArgs } from '../support/args';
import { signIn } from '../support/bench-app';
import { median, printTable, round } from '../support/measure';

const DEMO_PASSWORD = 'demo-aktivitet-2026';
const POLL_EVERY_MS = 100;
const GIVE_UP_AFTER_MS = 30 * 60_000;

interface Poll {
  atMs: number;
  path: string;
  status: number;
  ms: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One GET with its time; status 0 when nothing answered (not listening yet, or reset). */
async function timedGet(url: string): Promise<{ status: number; ms: number; body: string }> {
  const started = performance.now();
  try {
    const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(120_000) });
    const body = await res.text();
    return { status: res.status, ms: performance.now() - started, body };
  } catch {
    return { status: 0, ms: performance.now() - started, body: '' };
  }
}

function stopApp(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Bytes on disk under `dir` (what `du` counts), or null where du is missing. */
function diskBytes(dir: string): number | null {
  try {
    return Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split(/\s/)[0]);
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const args = benchArgs();
  const keep = args.has('--keep');
  const dataDir = args.value('--data-dir') ?? mkdtempSync(path.join(tmpdir(), 'first-start-'));
  const port = Number(args.value('--port') ?? (await freePort()));
  const afterHistoryMs = 1000 * Number(args.value('--after-history-s') ?? 10);
  const base = `http://127.0.0.1:${port}`;
  const loadBefore = loadavg()[0];

  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), PGLITE_DATA_DIR: dataDir, NODE_ENV: 'development' };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  const entry = path.join(__dirname, '..', '..', 'src', 'main.js');
  const started = performance.now();
  const since = () => performance.now() - started;
  const child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Array<{ atMs: number; text: string }> = [];
  let listeningAtMs: number | null = null;
  const onLine = (text: string) => {
    const atMs = since();
    lines.push({ atMs, text });
    if (listeningAtMs === null && text.includes('Listening on')) listeningAtMs = atMs;
  };
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      parts.forEach(onLine);
    });
  }
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));

  const polls: Poll[] = [];
  // The directory's size every 5 s while the app runs (the WAL grows during the load until a checkpoint).
  let peakBytes = 0;
  let peakAtMs = 0;
  const sampler = setInterval(() => {
    const b = diskBytes(dataDir) ?? 0;
    if (b > peakBytes) [peakBytes, peakAtMs] = [b, since()];
  }, 5000);
  let signInPageAtMs: number | null = null;
  let usableAtMs: number | null = null;
  let historyAtMs: number | null = null;
  let historyPercentSeen = -1;
  const poll = async (p: string) => {
    const atMs = since();
    const r = await timedGet(`${base}${p}`);
    polls.push({ atMs, path: p, status: r.status, ms: r.ms });
    return r;
  };
  try {
    // Until the sign-in page answers, then until an officer can sign in and read this week's plan.
    while (signInPageAtMs === null) {
      if (exited !== null) throw new Error(`the app exited (${exited}) before it answered`);
      if (since() > GIVE_UP_AFTER_MS) throw new Error('the app did not answer within 30 minutes');
      const r = await poll('/app/login');
      if (r.status === 200) signInPageAtMs = since();
      else await sleep(POLL_EVERY_MS);
    }
    const week = isoWeekOf(osloToday(DateTime.now()));
    while (usableAtMs === null) {
      if (since() > GIVE_UP_AFTER_MS) throw new Error('no demo officer could read the plan within 30 minutes');
      try {
        const token = await signIn(base, 'oslo.officer', DEMO_PASSWORD);
        const auth = { headers: { authorization: `Bearer ${token}` } };
        const prisons = (await (await fetch(`${base}/prisons?pageSize=100`, auth)).json()) as {
          items: Array<{ id: string; code: string }>;
        };
        const oslo = prisons.items.find((p) => p.code === 'OSL');
        if (oslo && (await fetch(`${base}/prisons/${oslo.id}/weeks/${week}/plan`, auth)).status === 200) usableAtMs = since();
      } catch {
        // not yet (the demo users or the plan are still being loaded)
      }
      if (usableAtMs === null) await sleep(POLL_EVERY_MS);
    }
    // Then the sign-in page and /health in turn until the history is loaded, and a little after.
    let stopAtMs = Infinity;
    for (let i = 0; since() < stopAtMs; i++) {
      if (exited !== null) throw new Error(`the app exited (${exited}) while loading the history`);
      if (since() > GIVE_UP_AFTER_MS) throw new Error('the history did not finish within 30 minutes');
      if (i % 2 === 0) await poll('/app/login');
      else {
        const r = await poll('/health');
        try {
          const h = JSON.parse(r.body) as { details?: { demoHistory?: { loaded: boolean | null; percent?: number } } };
          const d = h.details?.demoHistory;
          if (d?.percent !== undefined && d.percent >= historyPercentSeen + 10 && !args.json) {
            historyPercentSeen = d.percent;
            console.log(`  history ${d.percent} % at ${round(since() / 1000)} s`);
          }
          if (historyAtMs === null && (d?.loaded === true || d?.loaded === null)) {
            historyAtMs = since();
            stopAtMs = historyAtMs + afterHistoryMs;
          }
        } catch {
          // not JSON (yet)
        }
      }
      await sleep(POLL_EVERY_MS);
    }
  } finally {
    clearInterval(sampler);
    await stopApp(child);
  }
  const bytes = diskBytes(dataDir);
  if (!keep && !args.value('--data-dir')) rmSync(dataDir, { recursive: true, force: true });

  const serving = polls.filter((p) => signInPageAtMs !== null && p.atMs >= signInPageAtMs);
  const longest = serving.reduce<Poll | null>((worst, p) => (worst === null || p.ms > worst.ms ? p : worst), null);
  const failed = serving.filter((p) => p.status !== 200);
  const s = (ms: number | null) => (ms === null ? '—' : round(ms / 1000));
  const result = {
    loadAverageAtStart: round(loadBefore, 2),
    signInPageS: s(signInPageAtMs),
    usableS: s(usableAtMs),
    listeningLineS: s(listeningAtMs),
    historyLoadedS: s(historyAtMs),
    pollsWhileServing: serving.length,
    pollsNot200: failed.length,
    longestWaitMs: longest ? round(longest.ms) : null,
    longestWaitPath: longest?.path ?? null,
    longestWaitAtS: longest ? s(longest.atMs) : null,
    medianWaitMs: round(median(serving.map((p) => p.ms))),
    dataDirMB: bytes === null ? null : round(bytes / 1e6),
    peakDataDirMB: round(peakBytes / 1e6),
    peakAtS: s(peakAtMs),
  };
  if (args.json) {
    console.log(JSON.stringify({ ...result, lines: lines.map((l) => ({ atS: round(l.atMs / 1000), text: l.text })) }));
    return;
  }
  console.log('\nThe app said (seconds since the process started):');
  // Not a terminal, so the app's own log records are JSON lines: their message is what a person would read.
  const readable = (text: string) => {
    if (!text.startsWith('{')) return text;
    try {
      const r = JSON.parse(text) as { msg?: string; req?: unknown };
      return r.req || !r.msg ? null : r.msg;
    } catch {
      return text;
    }
  };
  for (const l of lines) {
    const text = readable(l.text);
    if (text !== null) console.log(`  ${(l.atMs / 1000).toFixed(1).padStart(6)}  ${text}`);
  }
  console.log('');
  printTable([
    { measure: 'sign-in page answers', value: `${result.signInPageS} s` },
    { measure: 'officer signs in and reads this week (usable)', value: `${result.usableS} s` },
    { measure: '"Listening on" printed', value: `${result.listeningLineS} s` },
    { measure: 'history loaded (/health)', value: `${result.historyLoadedS} s` },
    { measure: 'requests polled while serving', value: `${result.pollsWhileServing} (${result.pollsNot200} not 200)` },
    {
      measure: 'longest wait while serving',
      value: `${result.longestWaitMs} ms (${result.longestWaitPath} at ${result.longestWaitAtS} s)`,
    },
    { measure: 'median wait while serving', value: `${result.medianWaitMs} ms` },
    { measure: 'data directory after stop', value: `${result.dataDirMB} MB` },
    { measure: 'largest data directory seen (every 5 s)', value: `${result.peakDataDirMB} MB at ${result.peakAtS} s` },
  ]);
  console.log('\nThe five longest waits while serving (to set beside the lines above):');
  for (const p of [...serving].sort((a, b) => b.ms - a.ms).slice(0, 5)) {
    console.log(`  ${(p.atMs / 1000).toFixed(1).padStart(6)}  ${p.path} ${p.status} ${round(p.ms)} ms`);
  }
  console.log(`\nload average at the start: ${result.loadAverageAtStart} (2 cores here: figures scale with it)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
