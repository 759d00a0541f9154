import { Module } from '@nestjs/common';
import { ActivityRateModule } from '../activity-rate/activity-rate.module';
import { AllowanceController } from './allowance.controller';
import { AllowanceRepository } from './allowance.repository';
import { AllowanceService } from './allowance.service';
import { AttendanceController } from './attendance.controller';
import { AttendanceCountsRepository } from './attendance-counts.repository';
import { AttendanceCountsService } from './attendance-counts.service';
import { AttendanceRepository } from './attendance.repository';
import { AttendanceService } from './attendance.service';

// Attendance and the daily allowance. Imports ActivityRateModule to refresh prisoner-days after past
// attendance changes; that module reads attendance by SQL and never imports this one.
@Module({
  imports: [ActivityRateModule],
  controllers: [AttendanceController, AllowanceController],
  providers: [
    AttendanceService,
    AttendanceRepository,
    AllowanceService,
    AllowanceRepository,
    AttendanceCountsService,
    AttendanceCountsRepository,
  ],
  exports: [AttendanceService, AttendanceCountsService],
})
export class AttendanceModule {}
