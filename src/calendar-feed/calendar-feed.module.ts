import { Module } from '@nestjs/common';
import { TeachingModule } from '../teaching/teaching.module';
import { CalendarFeedController } from './calendar-feed.controller';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { CalendarFeedService } from './calendar-feed.service';

@Module({
  imports: [TeachingModule],
  controllers: [CalendarFeedController],
  providers: [CalendarFeedService, CalendarFeedRepository],
  exports: [CalendarFeedService],
})
export class CalendarFeedModule {}
