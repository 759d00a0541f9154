import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Cron } from '@nestjs/schedule';
import { ClsService, UseCls } from 'nestjs-cls';
import { AppConfig } from '../config/app-config';
import { HorizonProgress, SessionsService } from './sessions.service';

@Injectable()
export class SessionsJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger('SessionsJobs');
  private startupDone!: () => void;
  /** Settles when the start-up run of the horizon is over (at once in tests, which run it themselves). */
  readonly startupHorizon = new Promise<void>((resolve) => (this.startupDone = resolve));

  constructor(
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly cls: ClsService,
  ) {}

  // Keeps every activity's sessions generated 8 weeks ahead (idempotent, advisory lock inside), in
  // short chunks so that requests are served in between.
  @Cron('15 2 * * *', { timeZone: 'Europe/Oslo', name: 'session-horizon' })
  @UseCls()
  async sessionHorizon(): Promise<void> {
    await this.sessions.runHorizonJobInChunks();
  }

  // Once at start-up too, so that a fresh or long-stopped installation has sessions without waiting
  // for the night. It waits for app.listen(): by then every start-up hook has run, including the one
  // that loads the demo data into an empty database. Tests call the service themselves.
  onApplicationBootstrap(): void {
    if (this.config.NODE_ENV === 'test') return this.startupDone();
    this.adapterHost.listen$.subscribe(() => {
      // Its own CLS context, as a request has (the transaction follows it: docs/architecture.md).
      this.cls
        .run(() => this.sessions.runHorizonJobInChunks((p) => this.progress(p)))
        .catch((err: unknown) => {
          this.logger.error(`Session horizon at start-up failed: ${err instanceof Error ? err.message : String(err)}`);
        })
        .finally(() => this.startupDone());
    });
  }

  private progress(p: HorizonProgress): void {
    if (p.step === 'sessions' && p.done === p.total)
      this.logger.log(`Sessions for the coming 8 weeks: made for ${p.total} prisons; booking the allocations…`);
    if (p.step === 'bookings') this.logger.log(`Sessions for the coming 8 weeks: week ${p.done} of ${p.total} booked`);
  }
}
