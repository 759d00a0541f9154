import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { EnginePool, PlanningInput, PlanningResult } from './engine';

/**
 * The app's one EnginePool: solves run in a worker thread (one at a time, FIFO) when the app runs
 * compiled, in-process under jest. Closed on shutdown so no worker outlives the app.
 */
@Injectable()
export class PlannerEngine implements OnApplicationShutdown {
  private readonly pool = new EnginePool();

  constructor(private readonly config: AppConfig) {}

  plan(input: PlanningInput): Promise<PlanningResult> {
    return this.pool.run(input, { timeLimitMs: this.config.PLANNER_TIME_LIMIT_MS });
  }

  // After the HTTP server has stopped and drained its requests (Nest closes it between onModuleDestroy and
  // onApplicationShutdown), so a draft being computed during a SIGTERM still gets its answer.
  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}
