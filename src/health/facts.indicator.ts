import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { FactCatchUpService } from '../activity-rate/fact-catch-up.service';
import { addDays, parseIsoDate } from '../calendar/domain/oslo-time';
import { Clock } from '../common/clock';

/** How fresh the activity figures are: the last complete prisoner-day fact day (always "up": stale figures are no outage). */
@Injectable()
export class FactsIndicator {
  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly facts: FactCatchUpService,
    private readonly clock: Clock,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const last = await this.facts.lastCompleteDay();
    const yesterday = addDays(this.clock.today(), -1);
    // Finished days not yet computed: 0 when the nightly job is up to date.
    const daysBehind = last === null ? null : Math.max(0, Math.round(parseIsoDate(yesterday).diff(parseIsoDate(last), 'days').days));
    return this.indicator.check(key).up({ lastCompleteDay: last, daysBehind });
  }
}
