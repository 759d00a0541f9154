import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ActivitiesModule } from './activities/activities.module';
import { ActivityRateModule } from './activity-rate/activity-rate.module';
import { AllocationsModule } from './allocations/allocations.module';
import { AttendanceModule } from './attendance/attendance.module';
import { AvailabilityModule } from './availability/availability.module';
import { CalendarFeedModule } from './calendar-feed/calendar-feed.module';
import { TeachingModule } from './teaching/teaching.module';
import { PlanningModule } from './planning/planning.module';
import { PathToTargetModule } from './path-to-target/path-to-target.module';
import { ReferralsModule } from './referrals/referrals.module';
import { SessionsModule } from './sessions/sessions.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ClockModule } from './common/clock';
import { LoggingModule } from './common/logging/logging.module';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { TransactionsModule } from './database/transactions.module';
import { DemoDataModule } from './demo-data/demo-data.module';
import { HealthModule } from './health/health.module';
import { OrganisationModule } from './organisation/organisation.module';
import { OrgAdminModule } from './org-admin/org-admin.module';
import { PrisonersModule } from './prisoners/prisoners.module';
import { StaffModule } from './staff/staff.module';
import { UsersModule } from './users/users.module';
import { WeekPlanModule } from './week-plan/week-plan.module';
import { WebModule } from './web/web.module';
import { IntakeModule } from './intake/intake.module';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    ScheduleModule.forRoot(),
    ClockModule,
    DatabaseModule,
    TransactionsModule,
    AuditModule,
    AuthModule,
    UsersModule,
    DemoDataModule,
    HealthModule,
    OrganisationModule,
    OrgAdminModule,
    PrisonersModule,
    StaffModule,
    ActivitiesModule,
    SessionsModule,
    AvailabilityModule,
    ReferralsModule,
    AllocationsModule,
    PlanningModule,
    TeachingModule,
    CalendarFeedModule,
    WeekPlanModule,
    ActivityRateModule,
    PathToTargetModule,
    AttendanceModule,
    IntakeModule,
    WebModule,
  ],
})
export class AppModule {}
