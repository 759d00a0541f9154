import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { ActivityRateModule } from '../activity-rate/activity-rate.module';
import { AllocationsModule } from '../allocations/allocations.module';
import { AttendanceModule } from '../attendance/attendance.module';
import { CalendarFeedModule } from '../calendar-feed/calendar-feed.module';
import { DemoDataModule } from '../demo-data/demo-data.module';
import { AuthModule } from '../auth/auth.module';
import { AvailabilityModule } from '../availability/availability.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { OrganisationModule } from '../organisation/organisation.module';
import { OrgAdminModule } from '../org-admin/org-admin.module';
import { UsersModule } from '../users/users.module';
import { AdminPagesController } from './admin/admin.controller';
import { PathToTargetModule } from '../path-to-target/path-to-target.module';
import { PlanningModule } from '../planning/planning.module';
import { PrisonersModule } from '../prisoners/prisoners.module';
import { SessionsModule } from '../sessions/sessions.module';
import { TeachingModule } from '../teaching/teaching.module';
import { WeekPlanModule } from '../week-plan/week-plan.module';
import { UnlockListModule } from '../unlock-list/unlock-list.module';
import { UnlockPagesController } from './unlock/unlock.controller';
import { AttendancePagesController } from './attendance/attendance.controller';
import { WebAuthController } from './auth/web-auth.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { PlannerDraftsController } from './planner/drafts.controller';
import { PlannerCandidatesService } from './planner/candidates.service';
import { PlannerPagesService } from './planner/planner-pages.service';
import { PlannerController } from './planner/planner.controller';
import { PathToTargetSections } from './dashboard/path-to-target.sections';
import { TeacherPagesController } from './teacher/teacher.controller';
import { PrisonChoice } from './shared/prison-choice';
import { IntakeModule } from '../intake/intake.module';
import { ImportPagesController } from './import/import.controller';
import { SessionTasksController } from './sessions/sessions.controller';
import { PrisonerTasksController } from './prisoners/prisoners.controller';
import { ReferralTasksController } from './referrals/referrals.controller';
import { ReferralTasksService } from './referrals/referral-tasks.service';
import { PrisonerTasksService } from './prisoners/prisoner-tasks.service';
import { SessionTasksService } from './sessions/session-tasks.service';
import { WebNotFoundController } from './shared/web-not-found.controller';

// Server-rendered pages under /app for officers, teachers and managers, on top of the same services
// (and the same guard, roles and prison scoping) as the API. See docs/web.md.
@Module({
  imports: [
    ActivitiesModule,
    ActivityRateModule,
    IntakeModule,
    AllocationsModule,
    AttendanceModule,
    CalendarFeedModule,
    DemoDataModule,
    AuthModule,
    AvailabilityModule,
    ReferralsModule,
    OrganisationModule,
    OrgAdminModule,
    UsersModule,
    PathToTargetModule,
    PlanningModule,
    PrisonersModule,
    SessionsModule,
    TeachingModule,
    WeekPlanModule,
    UnlockListModule,
  ],
  controllers: [
    WebAuthController,
    ImportPagesController,
    PlannerController,
    PlannerDraftsController,
    AttendancePagesController,
    TeacherPagesController,
    DashboardController,
    AdminPagesController,
    SessionTasksController,
    PrisonerTasksController,
    ReferralTasksController,
    UnlockPagesController,
    // Last: the 404 page of any other address under /app.
    WebNotFoundController,
  ],
  providers: [
    PrisonChoice,
    PlannerPagesService,
    PathToTargetSections,
    PlannerCandidatesService,
    SessionTasksService,
    PrisonerTasksService,
    ReferralTasksService,
  ],
})
export class WebModule {}
