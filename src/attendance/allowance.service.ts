import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { canSeePrison, Principal } from '../auth/principal';
import { OSLO, toIsoDate } from '../calendar/domain/oslo-time';
import { NotFoundError } from '../common/errors/domain-errors';
import { AllowanceRepository } from './allowance.repository';
import { PrisonAllowanceDto } from './dto/allowance.dto';

/** The daily allowance (dagpenger) earned at a prison in a month, derived from attendance. */
@Injectable()
export class AllowanceService {
  constructor(private readonly repo: AllowanceRepository) {}

  async month(prisonId: string, month: string, principal: Principal): Promise<PrisonAllowanceDto> {
    if (!canSeePrison(principal, prisonId) || !(await this.repo.prisonExists(prisonId))) throw new NotFoundError('Prison');
    const first = DateTime.fromISO(`${month}-01`, { zone: OSLO });
    const from = toIsoDate(first);
    const to = toIsoDate(first.endOf('month'));
    const rows = await this.repo.findMonth(prisonId, from, to);
    return {
      prisonId,
      month,
      from,
      to,
      prisoners: rows.map((r) => ({
        prisonerId: r.prisonerId,
        prisonerNumber: r.prisonerNumber,
        firstName: r.firstName,
        lastName: r.lastName,
        paidDays: r.paidDays,
        unpaidDays: r.unpaidDays,
        rates: r.rates,
        amountNok: r.amountNok,
      })),
      totals: {
        prisoners: rows[0]?.totalPrisoners ?? 0,
        paidDays: rows[0]?.totalPaidDays ?? 0,
        amountNok: rows[0]?.totalAmountNok ?? '0.00',
      },
    };
  }
}
