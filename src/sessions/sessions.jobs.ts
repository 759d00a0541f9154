import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Cron } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config';
import { SessionsService } from './sessions.service';

@Injectable()
export class SessionsJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger('SessionsJobs');

  constructor(
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  // Keeps every activity's sessions generated 8 weeks ahead (idempotent, advisory lock inside).
  @Cron('15 2 * * *', { timeZone: 'Europe/Oslo', name: 'session-horizon' })
  async sessionHorizon(): Promise<void> {
    await this.sessions.runHorizonJob();
  }

  // Once at start-up too, so that a fresh or long-stopped installation has sessions without waiting
  // for the night. It waits for app.listen(): by then every start-up hook has run, including the one
  // that loads the demo data into an empty database. Tests call the service themselves.
  onApplicationBootstrap(): void {
    if (this.config.NODE_ENV === 'test') return;
    this.adapterHost.listen$.subscribe(() => {
      this.sessions.runHorizonJob().catch((err: unknown) => {
        this.logger.error(`Session horizon at start-up failed: ${err instanceof Error ? err.message : String(err)}`);
      });
    });
  }
}
