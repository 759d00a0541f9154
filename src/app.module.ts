import { Module } from '@nestjs/common';
import { ActivitiesModule } from './activities/activities.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ClockModule } from './common/clock';
import { LoggingModule } from './common/logging/logging.module';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DemoDataModule } from './demo-data/demo-data.module';
import { HealthModule } from './health/health.module';
import { OrganisationModule } from './organisation/organisation.module';
import { PrisonersModule } from './prisoners/prisoners.module';
import { StaffModule } from './staff/staff.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    ClockModule,
    DatabaseModule,
    AuditModule,
    AuthModule,
    UsersModule,
    DemoDataModule,
    HealthModule,
    OrganisationModule,
    PrisonersModule,
    StaffModule,
    ActivitiesModule,
  ],
})
export class AppModule {}
