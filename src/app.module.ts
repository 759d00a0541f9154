import { Module } from '@nestjs/common';
import { ActivitiesModule } from './activities/activities.module';
import { ClockModule } from './common/clock';
import { LoggingModule } from './common/logging/logging.module';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { OrganisationModule } from './organisation/organisation.module';
import { PrisonersModule } from './prisoners/prisoners.module';
import { StaffModule } from './staff/staff.module';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    ClockModule,
    DatabaseModule,
    HealthModule,
    OrganisationModule,
    PrisonersModule,
    StaffModule,
    ActivitiesModule,
  ],
})
export class AppModule {}
