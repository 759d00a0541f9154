import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ActivityRateModule } from '../activity-rate/activity-rate.module';
import { DemoDataModule } from '../demo-data/demo-data.module';
import { DemoHistoryIndicator } from './demo-history.indicator';
import { FactsIndicator } from './facts.indicator';
import { HealthController } from './health.controller';
import { RootController } from './root.controller';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), DemoDataModule, ActivityRateModule],
  controllers: [HealthController, RootController],
  providers: [DemoHistoryIndicator, FactsIndicator],
})
export class HealthModule {}
