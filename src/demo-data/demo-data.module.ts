import { Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadDemoData } from '../../seeds/demo/load-demo-data';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';

// On an empty database (first `npm start`), load the national demo data so there is something to see.
@Injectable()
export class DemoDataLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoData');

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO_DATA_ON_EMPTY) return;
    const started = Date.now();
    // Built around today, so that custody, arrivals and releases look current whenever you start it.
    const summary = await loadDemoData(this.dataSource, { today: this.clock.today() });
    if (!summary.skipped) this.logger.log(`Loaded demo data in ${Date.now() - started} ms: ${JSON.stringify(summary)}`);
  }
}

@Module({ providers: [DemoDataLoader] })
export class DemoDataModule {}
