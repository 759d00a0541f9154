import { Module } from '@nestjs/common';
import { RosterController } from './roster.controller';
import { RosterService } from './roster.service';
import { TeachingRepository } from './teaching.repository';
import { TimetableController } from './timetable.controller';
import { TimetableService } from './timetable.service';

/** Teachers' (and any staff member's) own timetable, and the rosters of sessions. */
@Module({
  controllers: [TimetableController, RosterController],
  providers: [TeachingRepository, TimetableService, RosterService],
  exports: [TimetableService, RosterService],
})
export class TeachingModule {}
