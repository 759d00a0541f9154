import { Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DemoLoadSummary, loadDemoData } from '../../seeds/demo/load-demo-data';
import { ActivityRateModule } from '../activity-rate/activity-rate.module';
import { PrisonerDaysService } from '../activity-rate/prisoner-days.service';
import { IsoDate } from '../calendar/domain/oslo-time';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';

// On an empty database (first `npm start`), load the national demo data so there is something to see:
// the plan of today and twelve months of history, so that the activity rate and its trend mean something.
@Injectable()
export class DemoDataLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoData');

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly prisonerDays: PrisonerDaysService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO_DATA_ON_EMPTY) return;
    // Built around today, so that custody, arrivals, releases and the history look current whenever you start it.
    const summary = await this.load(this.clock.today());
    if (summary.skipped) return;
    // Fresh planner statistics after a bulk load (the embedded database has no autovacuum to do it):
    // without them the week views' joins fall back to scanning all bookings.
    await this.dataSource.query('ANALYZE');
    this.logger.log(`Loaded demo data in ${summary.durationMs} ms: ${JSON.stringify(summary)}`);
  }

  /**
   * Loads everything into an empty database in one transaction (skipped if there are prisons). The
   * sessions from today on are not made here: the session horizon job runs right after start-up
   * (SessionsJobs), and would only repeat the work.
   */
  load(today: IsoDate): Promise<DemoLoadSummary> {
    return loadDemoData(this.dataSource, {
      today,
      history: { refreshPrisonerDays: (em, scope) => this.prisonerDays.refreshDays(em, scope) },
    });
  }
}

@Module({
  imports: [ActivityRateModule],
  providers: [DemoDataLoader],
  exports: [DemoDataLoader],
})
export class DemoDataModule {}
