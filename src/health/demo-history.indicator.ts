import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { DemoHistoryStatus } from '../demo-data/demo-history-status';

/** How far the demo history backfill has got (always "up": the app serves while it loads). */
@Injectable()
export class DemoHistoryIndicator {
  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly status: DemoHistoryStatus,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const progress = await this.status.current();
    const up = this.indicator.check(key);
    return progress ? up.up({ loaded: progress.finished, percent: progress.percent }) : up.up({ loaded: null });
  }
}
