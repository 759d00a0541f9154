import { transformFileSync } from '@swc/core';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineError, EnginePool, runPlanWeekInWorker } from './engine-pool';
import { planWeek } from './plan-week';
import { generateWeek } from '../../../bench/planner/synthetic';
import { PlanningInput, PlanningResult } from './types';

const deterministic = (r: PlanningResult) => ({
  assignments: r.assignments,
  metrics: r.metrics,
  explanations: r.explanations,
  conflicts: r.conflicts,
});

let dir: string;

/** The engine compiled to CommonJS the way tsc does for dist/ (a worker thread cannot load .ts). */
function compileEngine(): string {
  const out = path.join(dir, 'engine');
  fs.mkdirSync(out);
  for (const f of fs.readdirSync(__dirname)) {
    if (!f.endsWith('.ts') || f.endsWith('.spec.ts')) continue;
    const { code } = transformFileSync(path.join(__dirname, f), {
      swcrc: false,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    fs.writeFileSync(path.join(out, f.replace(/\.ts$/, '.js')), code);
  }
  // the compiled engine requires the HiGHS package (the exact step), as dist/ does
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(path.resolve(__dirname, '../../../node_modules/highs'), path.join(dir, 'node_modules', 'highs'));
  return path.join(out, 'engine-worker.js');
}

/** A stand-in worker that crashes, hangs or answers, depending on the input's prisonId. */
const FAKE_WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (req) => {
  if (req.input.prisonId === 'CRASH') setImmediate(() => { throw new Error('boom'); });
  else if (req.input.prisonId === 'HANG') for (;;) {}
  else parentPort.postMessage({ id: req.id, ok: true, result: { echo: req.input.prisonId } });
});
`;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-pool-'));
  fs.writeFileSync(path.join(dir, 'fake-worker.js'), FAKE_WORKER);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const week = (prisonId: string): PlanningInput => ({ prisonId, days: [], sessions: [], prisoners: [] });

describe('EnginePool', () => {
  it('runs in-process when loaded as TypeScript (jest), with the same result as planWeek', async () => {
    const input = generateWeek({ prisoners: 60, seed: 3 });
    const pool = new EnginePool();
    expect(pool.mode).toBe('in-process');
    const r = await pool.run(input, { timeLimitMs: 10_000 });
    expect(deterministic(r)).toEqual(deterministic(planWeek(input, { timeLimitMs: 10_000 })));
    expect(deterministic(await runPlanWeekInWorker(input))).toEqual(deterministic(r));
    await pool.close();
  });

  it('runs the real engine worker compiled to JavaScript, off the main thread', async () => {
    const pool = new EnginePool({ workerFile: compileEngine() });
    expect(pool.mode).toBe('worker');
    const inputs = [generateWeek({ prisoners: 80, seed: 1 }), generateWeek({ prisoners: 40, seed: 2 })];
    const results = await Promise.all(inputs.map((i) => pool.run(i, { timeLimitMs: 10_000 })));
    results.forEach((r, i) => expect(deterministic(r)).toEqual(deterministic(planWeek(inputs[i], { timeLimitMs: 10_000 }))));
    // a bad input fails the solve, not the worker
    const dup = { ...inputs[1], prisoners: [...inputs[1].prisoners, inputs[1].prisoners[0]] };
    await expect(pool.run(dup)).rejects.toMatchObject({ kind: 'FAILED', message: expect.stringContaining('duplicate prisoner id') });
    expect((await pool.run(inputs[1])).metrics).toEqual(results[1].metrics);
    expect(pool.workersStarted).toBe(1);
    await pool.close();
  });

  it('recreates the worker after a crash and after a hung solve, and keeps the queue in order', async () => {
    const pool = new EnginePool({ workerFile: path.join(dir, 'fake-worker.js'), graceMs: 200 });
    const order: string[] = [];
    const track = (p: Promise<unknown>, name: string) =>
      p.then(
        (r) => order.push(`${name}:${JSON.stringify(r)}`),
        (e: EngineError) => order.push(`${name}:${e.kind}`),
      );
    await Promise.all([
      track(pool.run(week('A')), 'A'),
      track(pool.run(week('CRASH')), 'crash'),
      track(pool.run(week('B')), 'B'),
      track(pool.run(week('HANG'), { timeLimitMs: 0 }), 'hang'),
      track(pool.run(week('C')), 'C'),
    ]);
    expect(order).toEqual(['A:{"echo":"A"}', 'crash:CRASHED', 'B:{"echo":"B"}', 'hang:TIMED_OUT', 'C:{"echo":"C"}']);
    expect(pool.workersStarted).toBe(3);
    expect(pool.pending).toBe(0);
    await pool.close();
  });

  it('fails waiting and running solves when closed, and refuses new ones', async () => {
    const pool = new EnginePool({ workerFile: path.join(dir, 'fake-worker.js'), graceMs: 60_000 });
    const running = pool.run(week('HANG'), { timeLimitMs: 0 });
    const waiting = pool.run(week('A'));
    const outcomes = Promise.allSettled([running, waiting]);
    await pool.close();
    expect((await outcomes).map((o) => (o.status === 'rejected' ? (o.reason as EngineError).kind : o.status))).toEqual([
      'CLOSED',
      'CLOSED',
    ]);
    await expect(pool.run(week('B'))).rejects.toBeInstanceOf(EngineError);
  });
});
