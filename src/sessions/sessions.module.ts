import { Module } from '@nestjs/common';
import { ActivityRateModule } from '../activity-rate/activity-rate.module';
import { AllocationsModule } from '../allocations/allocations.module';
import { SessionsController } from './sessions.controller';
import { SessionsJobs } from './sessions.jobs';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

// Imports AllocationsModule for the bookings materialiser: AllocationsModule must not import this module
// (or ActivitiesModule, which imports this one).
@Module({
  imports: [AllocationsModule, ActivityRateModule],
  controllers: [SessionsController],
  providers: [SessionsService, SessionsRepository, SessionsJobs],
  exports: [SessionsService, SessionsJobs],
})
export class SessionsModule {}
