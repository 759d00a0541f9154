/**
 * Worker-thread entry of the planner (see engine-pool.ts): plain data in, plain data out. Loaded
 * only as compiled JavaScript (dist/src/planning/engine/engine-worker.js), never imported.
 */
import { parentPort } from 'node:worker_threads';
import { planWeekExact } from './plan-week';
import { PlanningInput, PlanningOptions, PlanningResult } from './types';

export interface EngineWorkerRequest {
  id: number;
  input: PlanningInput;
  options: PlanningOptions;
}

export type EngineWorkerResponse =
  { id: number; ok: true; result: PlanningResult } | { id: number; ok: false; error: { name: string; message: string; stack?: string } };

const port = parentPort;
if (port) {
  port.on('message', async (req: EngineWorkerRequest) => {
    let res: EngineWorkerResponse;
    try {
      res = { id: req.id, ok: true, result: await planWeekExact(req.input, req.options) };
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      res = { id: req.id, ok: false, error: { name: err.name, message: err.message, stack: err.stack } };
    }
    port.postMessage(res);
  });
}
