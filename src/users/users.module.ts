import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CalendarFeedModule } from '../calendar-feed/calendar-feed.module';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({ imports: [AuthModule, CalendarFeedModule], controllers: [UsersController], providers: [UsersService], exports: [UsersService] })
export class UsersModule {}
