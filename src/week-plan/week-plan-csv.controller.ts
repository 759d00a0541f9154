import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { formatDay, humanise } from '../allocations/domain/officer-text';
import { Audited } from '../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../auth/policy.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { attachmentDisposition, CSV_CONTENT_TYPE, CsvCell, toCsv } from '../common/csv/csv-writer';
import { IsoWeekParam } from '../common/http/iso-week-param';
import { UuidParam } from '../common/http/uuid-param';
import { WeekPlanDto } from './dto/week-plan.dto';
import { WeekPlanService } from './week-plan.service';

export const WEEK_PLAN_CSV_COLUMNS = [
  'Date',
  'Day',
  'Period',
  'Start',
  'End',
  'Activity',
  'Kind',
  'Location',
  'Capacity',
  'Allocated',
  'Free',
  'Staff',
  'Cancelled',
  'Prisoner',
  'Prisoner number',
  'Unit',
  'Clashes',
];

/**
 * The planner grid flattened for a spreadsheet: one row per prisoner on a session, and one row with
 * empty prisoner cells for a session nobody is on, so every session appears.
 */
export function weekPlanCsvRows(plan: WeekPlanDto): CsvCell[][] {
  const rows: CsvCell[][] = [WEEK_PLAN_CSV_COLUMNS];
  for (const a of plan.activities) {
    for (const s of a.sessions) {
      const cancelled = s.cancelled ? `${humanise(s.cancelled.reason)}${s.cancelled.note ? `: ${s.cancelled.note}` : ''}` : '';
      const session: CsvCell[] = [
        s.date,
        formatDay(s.date),
        s.period,
        s.startTime,
        s.endTime,
        a.name,
        humanise(a.kind),
        a.location,
        s.capacity,
        s.allocated,
        s.free,
        s.staff?.name ?? '',
        cancelled,
      ];
      if (s.prisoners.length === 0) rows.push([...session, '', '', '', '']);
      for (const p of s.prisoners) rows.push([...session, p.name, p.prisonerNumber, p.unitName, p.clashes.map((c) => c.detail).join('; ')]);
    }
  }
  return rows;
}

@ApiTags('week plan')
@Controller()
@Allow(Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN)
export class WeekPlanCsvController {
  constructor(private readonly weekPlan: WeekPlanService) {}

  @Get('prisons/:prisonId/weeks/:week/plan.csv')
  @Audited({ action: 'week-plan.export', subjectType: 'prison', subjectParam: 'prisonId' })
  @ApiOperation({
    summary: "The officer's planner as CSV (RFC 4180, `;`-separated, UTF-8 with BOM for Excel): one row per prisoner per session",
  })
  @ApiParam({ name: 'week', example: '2026-W49' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'A file download, week-plan-<week>.csv', schema: { type: 'string' } })
  @ApiNotFoundResponse()
  async planCsv(
    @Param('prisonId', UuidParam) prisonId: string,
    @Param('week', IsoWeekParam) week: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const plan = await this.weekPlan.weekPlan(prisonId, week, principal);
    res.setHeader('Content-Type', CSV_CONTENT_TYPE);
    res.setHeader('Content-Disposition', attachmentDisposition(`week-plan-${week}.csv`));
    res.setHeader('Cache-Control', 'no-store');
    return toCsv(weekPlanCsvRows(plan));
  }
}
