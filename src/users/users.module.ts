import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CalendarFeedModule } from '../calendar-feed/calendar-feed.module';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [AuthModule, CalendarFeedModule],
  controllers: [UsersController],
  providers: [UsersService, UsersRepository],
  exports: [UsersService],
})
export class UsersModule {}
