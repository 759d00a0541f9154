import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DemoDataModule } from '../demo-data/demo-data.module';
import { DemoHistoryIndicator } from './demo-history.indicator';
import { HealthController } from './health.controller';
import { RootController } from './root.controller';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), DemoDataModule],
  controllers: [HealthController, RootController],
  providers: [DemoHistoryIndicator],
})
export class HealthModule {}
