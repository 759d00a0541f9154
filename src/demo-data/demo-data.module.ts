import { Injectable, Logger, Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ClsService, UseCls } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { backfillDemoHistory, BackfillChunk } from '../../seeds/demo/backfill-demo-history';
import { DEMO_PASSWORD, DEMO_USERS } from '../../seeds/demo/demo-users';
import { DemoLoadSummary, loadDemoData } from '../../seeds/demo/load-demo-data';
import { ActivityRateModule } from '../activity-rate/activity-rate.module';
import { refreshPrisonerDaysWith } from '../activity-rate/prisoner-days.service';
import { IsoDate } from '../calendar/domain/oslo-time';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { DatabaseEndpoint } from '../database/database-endpoint';
import { SessionsJobs } from '../sessions/sessions.jobs';
import { SessionsModule } from '../sessions/sessions.module';
import { DemoDataRepository } from './demo-data.repository';
import { DemoHistoryStatus } from './demo-history-status';

export class DemoUsersInProductionError extends Error {
  constructor(readonly usernames: string[]) {
    super(
      `Refusing to start: this production database has demo users (${usernames.join(', ')}) whose password is published in the README. ` +
        'Delete them (or use a database without the demo data) and start again.',
    );
  }
}

/** About two weeks of history (a chunk is a weekday) between checkpoints of the embedded database. */
const CHECKPOINT_EVERY_CHUNKS = 10;

// On an empty database (first `npm start`), load the national demo data so there is something to see.
// The present (organisation, people, offer, plan) loads before the app listens, in seconds; the coming
// weeks' sessions (the horizon job) and twelve months of history follow in the background in short
// chunks, so that the app answers while they fill (docs/demo-data.md).
@Injectable()
export class DemoDataLoader implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('DemoData');

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly repo: DemoDataRepository,
    private readonly status: DemoHistoryStatus,
    private readonly sessionsJobs: SessionsJobs,
    private readonly adapterHost: HttpAdapterHost,
    private readonly endpoint: DatabaseEndpoint,
    private readonly cls: ClsService,
  ) {}

  // The demo users' password is public: a production database that has them must not serve. Checked as
  // early as the database allows (before the jobs and the listener start).
  async onModuleInit(): Promise<void> {
    if (this.config.NODE_ENV !== 'production') return;
    const found = await this.repo.findUsernames(DEMO_USERS.map((u) => u.username));
    if (found.length > 0) throw new DemoUsersInProductionError(found);
  }

  // Start-up work runs in its own CLS context, as a request does (docs/architecture.md).
  @UseCls()
  async onApplicationBootstrap(): Promise<void> {
    // Never in production (config validation refuses it too).
    if (this.config.NODE_ENV === 'production') return;
    if (this.config.SEED_DEMO_DATA_ON_EMPTY) {
      // Built around today, so that custody, arrivals, releases and the history look current whenever you start it.
      const summary = await loadDemoData(this.dataSource, {
        today: this.clock.today(),
        history: { refreshPrisonerDays: (em, scope) => refreshPrisonerDaysWith(em, this.clock, scope), defer: true },
        onProgress: (line) => this.logger.log(line),
      });
      if (!summary.skipped) {
        // Fresh planner statistics after a bulk load (the embedded database has no autovacuum to do it):
        // without them the week views' joins fall back to scanning all bookings.
        await this.dataSource.query('ANALYZE');
        const { timingsMs, durationMs } = summary;
        this.logger.log(
          `Demo data: the present loaded in ${(durationMs / 1000).toFixed(1)} s (${summary.prisons} prisons, ${summary.prisoners} prisoners, ${summary.allocations} allocations) ${JSON.stringify(timingsMs)}`,
        );
      }
    }
    // The history still owed (just recorded, or left by a stop): loaded after the start-up horizon.
    if (this.config.NODE_ENV === 'test') return;
    this.adapterHost.listen$.subscribe(() => {
      this.sessionsJobs.startupHorizon
        .then(() => this.cls.run(() => this.backfillHistory()))
        .catch((err: unknown) =>
          this.logger.error(
            `Demo history backfill stopped: ${err instanceof Error ? err.message : String(err)} (it carries on at the next start)`,
          ),
        );
    });
  }

  /** The demo users that exist, for the start-up lines ("sign in as …"). */
  async signInLines(baseUrl: string): Promise<string[]> {
    if (this.config.NODE_ENV === 'production') return [];
    const found = new Set(await this.repo.findUsernames(DEMO_USERS.map((u) => u.username)));
    const users = DEMO_USERS.filter((u) => found.has(u.username));
    if (users.length === 0) return [];
    return [
      `Sign in at ${baseUrl}/ with password ${DEMO_PASSWORD} as one of the demo users:`,
      ...users.map(
        (u) => `  ${u.username.padEnd(16)} ${u.role.toLowerCase().replace('_', ' ')}${u.prisonCode ? ` at ${u.prisonCode}` : ''}`,
      ),
    ];
  }

  /**
   * Loads everything into an empty database, history included, before it returns (skipped if there are
   * prisons). The sessions from today on are not made here: the session horizon job runs right after
   * start-up (SessionsJobs), and would only repeat the work.
   */
  load(today: IsoDate, options: { historyDays?: number } = {}): Promise<DemoLoadSummary> {
    return loadDemoData(this.dataSource, {
      today,
      historyDays: options.historyDays,
      history: { refreshPrisonerDays: (em, scope) => refreshPrisonerDaysWith(em, this.clock, scope) },
    });
  }

  /** Loads the history still owed, chunk by chunk, with a progress line per month. */
  async backfillHistory(): Promise<void> {
    const owed = await this.status.refresh();
    if (!owed || owed.finished) return;
    const started = Date.now();
    let lastLine = -1;
    this.logger.log(`History: loading twelve months in the background (${owed.percent} % done); the app answers meanwhile`);
    const totals = await backfillDemoHistory(this.dataSource, {
      refreshPrisonerDays: (em, scope) => refreshPrisonerDaysWith(em, this.clock, scope),
      // The embedded database's WAL grew to 1.6 GB during the load without checkpoints (docs/demo-data.md).
      checkpointEveryChunks: this.endpoint.kind === 'embedded' ? CHECKPOINT_EVERY_CHUNKS : undefined,
      onChunk: (chunk: BackfillChunk) => {
        const s = this.status.set(chunk.state);
        const months = Math.floor((12 * chunk.state.daysDone) / Math.max(1, chunk.state.daysTotal));
        this.logger.debug(`History: ${chunk.from}…${chunk.to} ${JSON.stringify(chunk.timingsMs)}`);
        if (months !== lastLine && !s.finished) {
          lastLine = months;
          this.logger.log(`History: ${months} of 12 months loaded (${s.percent} %, back to ${chunk.from})…`);
        }
      },
    });
    // backfillDemoHistory analyzed the grown tables after the last chunk (a second ANALYZE here only held
    // the embedded connection longer). The load leaves WAL behind; a checkpoint lets the embedded
    // database recycle it (keeps the directory small).
    if (this.endpoint.kind === 'embedded') await this.repo.checkpoint();
    this.logger.log(
      `History: done in ${((Date.now() - started) / 1000).toFixed(1)} s (${totals.sessions} sessions, ${totals.bookings} bookings, ${totals.attendance} attendance records)`,
    );
  }
}

@Module({
  imports: [ActivityRateModule, SessionsModule],
  providers: [DemoDataLoader, DemoDataRepository, DemoHistoryStatus],
  exports: [DemoDataLoader, DemoHistoryStatus],
})
export class DemoDataModule {}
