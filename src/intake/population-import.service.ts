import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { PrisonerDaysService } from '../activity-rate/prisoner-days.service';
import { canSeePrison, Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { NotFoundError, RuleBrokenError } from '../common/errors/domain-errors';
import { RuleCode, ruleMessage } from '../common/messages/rule-message';
import { parsePopulationFile, RowIssue } from './domain/population-file';
import { planPopulation, PopulationPlan } from './domain/population-plan';
import { PopulationImportDto, PopulationImportReportDto } from './dto/population-import.dto';
import { IntakeRepository } from './intake.repository';

/**
 * A prison's current population from its record system: a dry run says what would happen row by row;
 * an apply does it in one transaction (all or nothing) and refreshes the prisoner-days of backdated changes.
 */
@Injectable()
export class PopulationImportService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly repo: IntakeRepository,
    private readonly prisonerDays: PrisonerDaysService,
    private readonly clock: Clock,
  ) {}

  async dryRun(prisonId: string, dto: PopulationImportDto, principal: Principal): Promise<PopulationImportReportDto> {
    await this.assertPrison(prisonId, principal);
    const plan = await this.plan(prisonId, dto, principal);
    return report(prisonId, plan, false);
  }

  async apply(prisonId: string, dto: PopulationImportDto, principal: Principal): Promise<PopulationImportReportDto> {
    await this.assertPrison(prisonId, principal);
    return this.txHost.withTransaction(async () => {
      await this.repo.lockPrison(prisonId);
      // Planned again under the lock: the apply does what a dry run now would say, or nothing.
      const plan = await this.plan(prisonId, dto, principal);
      if (plan.issues.length > 0) throw new RuleBrokenError(ruleMessage(RuleCode.IMPORT_FILE_HAS_ERRORS), report(prisonId, plan, false));
      const ids = await this.repo.applyPopulation(prisonId, plan.writes);
      if (plan.writes.refresh.length > 0) {
        const from = plan.writes.refresh.reduce((min, r) => (r.from < min ? r.from : min), plan.writes.refresh[0].from);
        const prisonerIds = plan.writes.refresh.map((r) => ids.get(r.prisonerNumber)).filter((id): id is string => !!id);
        await this.prisonerDays.daysChanged({ prisonerIds, from, to: '9999-12-31' });
      }
      return report(prisonId, plan, true);
    });
  }

  private async plan(prisonId: string, dto: PopulationImportDto, principal: Principal): Promise<PopulationPlan> {
    const today = this.clock.today();
    const releaseDate = dto.releaseDate ?? today;
    const { rows, issues } = parsePopulationFile(dto.format, dto.content, today);
    const fileIssues: RowIssue[] = [...issues];
    if (releaseDate > today) fileIssues.push({ line: 0, field: 'releaseDate', code: 'RELEASE_IN_FUTURE', value: releaseDate });
    const numbers = rows.map((r) => r.prisonerNumber);
    const [units, stored] = [await this.repo.findUnits(prisonId), await this.repo.findStored(prisonId, numbers, today)];
    return planPopulation(
      rows,
      {
        prisonId,
        today,
        units,
        stored,
        maySeePrison: (other) => canSeePrison(principal, other),
        confirmReleases: new Set(dto.confirmReleases ?? []),
        releaseDate,
      },
      fileIssues,
    );
  }

  private async assertPrison(prisonId: string, principal: Principal): Promise<void> {
    if (!canSeePrison(principal, prisonId) || !(await this.repo.prisonExists(prisonId))) throw new NotFoundError('Prison', prisonId);
  }
}

function report(prisonId: string, plan: PopulationPlan, applied: boolean): PopulationImportReportDto {
  return { prisonId, applied, counts: plan.counts, rows: plan.rows, missing: plan.missing, issues: plan.issues };
}
