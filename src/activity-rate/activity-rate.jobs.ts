import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { UseCls } from 'nestjs-cls';
import { FactCatchUpService } from './fact-catch-up.service';

@Injectable()
export class ActivityRateJobs {
  constructor(private readonly catchUp: FactCatchUpService) {}

  // Every finished day since the last complete one (normally just yesterday); advisory-locked, so one replica does it.
  @Cron('30 1 * * *', { name: 'prisoner-days', timeZone: 'Europe/Oslo' })
  @UseCls()
  async nightly(): Promise<void> {
    await this.catchUp.catchUp();
  }
}
