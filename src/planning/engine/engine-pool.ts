/**
 * Runs planWeek off the main thread so that the API never blocks: one worker thread
 * (engine-worker.js), a FIFO queue of solves, plain data in and out (structured clone).
 *
 * - A solve that runs past its time limit + `graceMs` is treated as hung: the worker is
 *   terminated, the solve fails with EngineError('TIMED_OUT') and the next solve gets a new worker.
 *   A worker that crashes (uncaught error, out of memory under `maxOldGenerationSizeMb`) fails its
 *   solve with EngineError('CRASHED') and is recreated the same way.
 * - The worker is unref'd while idle, so an idle pool never keeps the process alive.
 * - Mode 'auto' uses the worker when this file runs as compiled JavaScript (`node dist/...`), and
 *   runs in-process (still asynchronous, but on the calling thread) when it runs as TypeScript
 *   (jest with swc, ts-node), since a worker thread cannot load .ts files.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EngineWorkerRequest, EngineWorkerResponse } from './engine-worker';
import { DEFAULT_TIME_LIMIT_MS, planWeekExact } from './plan-week';
import { PlanningInput, PlanningOptions, PlanningResult } from './types';

export type EngineMode = 'auto' | 'worker' | 'in-process';

export interface EnginePoolOptions {
  /** Default 'auto' (see above); a given `workerFile` implies 'worker'. */
  mode?: EngineMode;
  /** Compiled worker script; default engine-worker.js beside this file. */
  workerFile?: string;
  /** How long past its time limit a solve may run before the worker is terminated. Default 10 000 ms. */
  graceMs?: number;
  /** Heap limit of the worker thread. Default 1024 MiB. */
  maxOldGenerationSizeMb?: number;
}

export type EngineFailure = 'CRASHED' | 'TIMED_OUT' | 'FAILED' | 'CLOSED';

export class EngineError extends Error {
  constructor(
    readonly kind: EngineFailure,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

interface Job {
  id: number;
  input: PlanningInput;
  options: PlanningOptions;
  resolve: (r: PlanningResult) => void;
  reject: (e: Error) => void;
  timer?: NodeJS.Timeout;
}

export class EnginePool {
  readonly mode: 'worker' | 'in-process';
  /** Worker threads started so far (the first one plus one after each crash or timeout). */
  workersStarted = 0;
  private worker: Worker | null = null;
  private readonly queue: Job[] = [];
  private running: Job | null = null;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: EnginePoolOptions = {}) {
    const mode = options.mode ?? (options.workerFile ? 'worker' : 'auto');
    this.mode = mode === 'auto' ? (__filename.endsWith('.ts') ? 'in-process' : 'worker') : mode;
  }

  /** Plans one week; solves are queued and run one at a time. */
  run(input: PlanningInput, options: PlanningOptions = {}): Promise<PlanningResult> {
    if (this.closed) return Promise.reject(new EngineError('CLOSED', 'the engine pool is closed'));
    return new Promise<PlanningResult>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, input, options, resolve, reject });
      this.pump();
    });
  }

  /** Solves waiting or running. */
  get pending(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  /** Fails every waiting and running solve with EngineError('CLOSED') and stops the worker. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new EngineError('CLOSED', 'the engine pool was closed'));
    const job = this.running;
    if (job) this.settle(job, new EngineError('CLOSED', 'the engine pool was closed'));
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    this.running = job;
    if (this.mode === 'in-process') {
      setImmediate(() => {
        if (this.running !== job) return;
        planWeekExact(job.input, job.options).then(
          (r) => this.settle(job, r),
          (e: unknown) => this.settle(job, new EngineError('FAILED', e instanceof Error ? e.message : String(e))),
        );
      });
      return;
    }
    let w: Worker;
    try {
      w = this.ensureWorker();
    } catch (e) {
      this.settle(job, new EngineError('CRASHED', `cannot start the engine worker: ${e instanceof Error ? e.message : String(e)}`));
      return;
    }
    w.ref();
    const limit = Math.max(0, job.options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS);
    job.timer = setTimeout(() => this.hung(job), limit + (this.options.graceMs ?? 10_000));
    const req: EngineWorkerRequest = { id: job.id, input: job.input, options: job.options };
    w.postMessage(req);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const file = this.options.workerFile ?? path.join(__dirname, 'engine-worker.js');
    const w = new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb ?? 1024 } });
    this.workersStarted++;
    w.unref();
    w.on('message', (res: EngineWorkerResponse) => {
      const job = this.running;
      if (this.worker !== w || !job || res.id !== job.id) return;
      if (res.ok) this.settle(job, res.result);
      else this.settle(job, new EngineError('FAILED', res.error.message));
    });
    w.on('error', (err) => this.lost(w, `the engine worker crashed: ${err.message}`));
    w.on('exit', (code) => this.lost(w, `the engine worker exited (code ${code})`));
    this.worker = w;
    return w;
  }

  /** The worker died: fail the solve it was running and start afresh with the next one. */
  private lost(w: Worker, message: string): void {
    if (this.worker !== w) return;
    this.worker = null;
    const job = this.running;
    if (job) this.settle(job, new EngineError('CRASHED', message));
  }

  private hung(job: Job): void {
    if (this.running !== job) return;
    const w = this.worker;
    this.worker = null;
    // terminate() is asynchronous; the exit event of a replaced worker is ignored
    if (w) void w.terminate();
    this.settle(job, new EngineError('TIMED_OUT', `the solve did not finish within its time limit + ${this.options.graceMs ?? 10_000} ms`));
  }

  private settle(job: Job, outcome: PlanningResult | Error): void {
    if (this.running !== job) return;
    this.running = null;
    if (job.timer) clearTimeout(job.timer);
    this.worker?.unref();
    if (outcome instanceof Error) job.reject(outcome);
    else job.resolve(outcome);
    if (!this.closed) this.pump();
  }
}

let shared: EnginePool | null = null;

/** planWeek on a shared, lazily created EnginePool (mode 'auto'). */
export function runPlanWeekInWorker(input: PlanningInput, options: PlanningOptions = {}): Promise<PlanningResult> {
  shared ??= new EnginePool();
  return shared.run(input, options);
}
