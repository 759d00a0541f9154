import { Module } from '@nestjs/common';
import { ActivityRateModule } from '../activity-rate/activity-rate.module';
import { IntakeRepository } from './intake.repository';
import { PopulationImportController } from './population-import.controller';
import { PopulationImportService } from './population-import.service';

// Population intake from the prison record system: file import and (system-to-system) custody events.
@Module({
  imports: [ActivityRateModule],
  controllers: [PopulationImportController],
  providers: [IntakeRepository, PopulationImportService],
})
export class IntakeModule {}
