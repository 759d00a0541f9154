import { Module } from '@nestjs/common';
import { ReadVersionModule } from '../read-version/read-version.module';
import { ActivityRateController } from './activity-rate.controller';
import { ActivityRateJobs } from './activity-rate.jobs';
import { ActivityRateRepository } from './activity-rate.repository';
import { ActivityRateService } from './activity-rate.service';
import { FactCatchUpService } from './fact-catch-up.service';
import { FactWatermarkRepository } from './fact-watermark.repository';
import { PrisonerDaysRepository } from './prisoner-days.repository';
import { PrisonerDaysService } from './prisoner-days.service';

// Prisoner-days and the activity rate. Reads attendance by SQL only: AttendanceModule imports this
// module (to refresh prisoner-days after past attendance changes), never the other way round.
@Module({
  imports: [ReadVersionModule],
  controllers: [ActivityRateController],
  providers: [
    PrisonerDaysService,
    PrisonerDaysRepository,
    ActivityRateService,
    ActivityRateRepository,
    ActivityRateJobs,
    FactCatchUpService,
    FactWatermarkRepository,
  ],
  exports: [PrisonerDaysService, ActivityRateService, FactCatchUpService],
})
export class ActivityRateModule {}
