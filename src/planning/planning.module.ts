import { Module } from '@nestjs/common';
import { AllocationsModule } from '../allocations/allocations.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { PlanApplyRepository } from './plan-apply.repository';
import { PlanDraftApplyService } from './plan-draft-apply.service';
import { PlanDraftUndoService } from './plan-draft-undo.service';
import { PlanDraftsController } from './plan-drafts.controller';
import { PlanDraftsRepository } from './plan-drafts.repository';
import { PlanDraftsService } from './plan-drafts.service';
import { PlannerEngine } from './planner-engine';
import { PlanningInputBuilder } from './planning-input.builder';
import { PlanningInputRepository } from './planning-input.repository';
import { PlanningJobLock } from './planning-job-lock';
import { PlanningJobs } from './planning.jobs';

/** The automatic week planner in the service: drafts (run, show, apply) and the weekly drafting job. */
@Module({
  imports: [AllocationsModule, ReferralsModule],
  controllers: [PlanDraftsController],
  providers: [
    PlannerEngine,
    PlanningInputRepository,
    PlanningInputBuilder,
    PlanDraftsRepository,
    PlanDraftsService,
    PlanDraftApplyService,
    PlanDraftUndoService,
    PlanApplyRepository,
    PlanningJobLock,
    PlanningJobs,
  ],
  exports: [PlanDraftsService, PlanDraftApplyService, PlanDraftUndoService, PlanningInputBuilder, PlannerEngine],
})
export class PlanningModule {}
