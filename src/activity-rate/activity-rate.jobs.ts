import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { UseCls } from 'nestjs-cls';
import { PrisonerDaysService } from './prisoner-days.service';

@Injectable()
export class ActivityRateJobs {
  constructor(private readonly prisonerDays: PrisonerDaysService) {}

  // Yesterday's prisoner-days for the whole country; advisory-locked, so one replica does it.
  @Cron('30 1 * * *', { name: 'prisoner-days', timeZone: 'Europe/Oslo' })
  @UseCls()
  async nightly(): Promise<void> {
    await this.prisonerDays.refreshYesterday();
  }
}
