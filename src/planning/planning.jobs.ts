import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { UseCls } from 'nestjs-cls';
import { PlanDraftsService } from './plan-drafts.service';

@Injectable()
export class PlanningJobs {
  constructor(private readonly drafts: PlanDraftsService) {}

  // Thursdays at noon: next week's draft for every prison, so managers find a proposal waiting (idempotent, locked).
  @Cron('0 12 * * 4', { name: 'weekly-plan-drafts', timeZone: 'Europe/Oslo' })
  @UseCls()
  async weeklyDrafts(): Promise<void> {
    await this.drafts.draftNextWeekForAllPrisons();
  }
}
